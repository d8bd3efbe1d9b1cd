import Foundation

/// Turns a mentor's weekly availability into bookable meeting times.
public enum SlotGenerator {
    /// The longest span searched at once (92 days); anything after it is left out, so a request can't make us
    /// walk years of calendar.
    public static let maximumRange: TimeInterval = 92 * 24 * 60 * 60

    /// Free slots of `duration` between `from` and `to`, as UTC instants, earliest first.
    ///
    /// Windows are laid out on each day in the mentor's zone with `Calendar`, so a 09:00 window stays at 09:00 on
    /// the wall clock across DST changes. Within a window, slots start at the window's start and every `step`
    /// after it, and must end by the window's end. Left out: days off, slots overlapping `booked`, slots starting
    /// before `now + minimumNotice`, and anything outside `from`…`to`.
    ///
    /// Local times that don't exist (the hour skipped when clocks go forward) mean the first moment after the
    /// jump, so a window inside the skipped hour yields nothing and one straddling it is shorter that day.
    /// Times that happen twice (clocks going back) mean the first of the two.
    /// Returns nothing for an unknown zone or a duration or step that isn't positive.
    public static func slots(
        availability: WeeklyAvailability,
        from: Date,
        to: Date,
        duration: TimeInterval,
        step: TimeInterval,
        booked: [DateInterval] = [],
        now: Date,
        minimumNotice: TimeInterval
    ) -> [DateInterval] {
        guard let zone = TimeZone(identifier: availability.timeZone), duration > 0, step > 0, from < to else {
            return []
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let end = min(to, from.addingTimeInterval(maximumRange))
        let earliest = max(from, now.addingTimeInterval(minimumNotice))
        let daysOff = Set(availability.exceptions.map(\.date))

        var found: Set<DateInterval> = []
        var dayStart = calendar.startOfDay(for: from)
        while dayStart < end {
            // Noon-ish of the next day, then back to its start: robust on 23- and 25-hour days.
            let nextDayStart = calendar.startOfDay(for: dayStart.addingTimeInterval(36 * 60 * 60))
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: dayStart)
            let date = CalendarDay.format(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
            if !daysOff.contains(date), let weekday = parts.weekday.flatMap(Weekday.init(calendarWeekday:)) {
                for window in availability.windows where window.weekday == weekday {
                    let opens = instant(of: window.start, dayStart: dayStart, nextDayStart: nextDayStart, calendar)
                    let closes = instant(of: window.end, dayStart: dayStart, nextDayStart: nextDayStart, calendar)
                    var start = opens
                    while start.addingTimeInterval(duration) <= closes {
                        let slot = DateInterval(start: start, duration: duration)
                        if start >= earliest, slot.end <= end, !booked.contains(where: { overlap($0, slot) }) {
                            found.insert(slot)
                        }
                        start = start.addingTimeInterval(step)
                    }
                }
            }
            dayStart = nextDayStart
        }
        return found.sorted { $0.start < $1.start }
    }

    /// Whether two intervals share time; back-to-back intervals don't.
    static func overlap(_ a: DateInterval, _ b: DateInterval) -> Bool {
        a.start < b.end && b.start < a.end
    }

    /// The instant `time` reads on the wall clock on the day starting at `dayStart`, per the rules above.
    static func instant(of time: LocalTime, dayStart: Date, nextDayStart: Date, _ calendar: Calendar) -> Date {
        // `.nextTime` turns a skipped time into the moment clocks jump to (also when a zone skips midnight, so the
        // day starts at 01:00); `.first` picks the earlier of a repeated hour. Capped at the day's end regardless.
        let resolved = calendar.date(
            bySettingHour: time.hour, minute: time.minute, second: 0, of: dayStart,
            matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward)
        return min(resolved ?? nextDayStart, nextDayStart)
    }
}

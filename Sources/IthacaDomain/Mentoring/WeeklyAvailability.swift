import Foundation

/// A span of a weekday during which a mentor is happy to meet, in their own zone.
public struct AvailabilityWindow: Hashable, Sendable, Codable {
    public var weekday: Weekday
    public var start: LocalTime
    /// After `start`, on the same day (a window can't cross midnight; use two windows).
    public var end: LocalTime

    public init(weekday: Weekday, start: LocalTime, end: LocalTime) {
        self.weekday = weekday
        self.start = start
        self.end = end
    }

    /// Whether the two share any time; windows that only touch (10:00–11:00, 11:00–12:00) don't.
    public func overlaps(_ other: AvailabilityWindow) -> Bool {
        weekday == other.weekday && start < other.end && other.start < end
    }
}

/// A date on which a mentor's usual windows don't apply.
public struct DayOff: Hashable, Sendable, Codable {
    /// "YYYY-MM-DD" in the mentor's zone.
    public var date: String

    public init(date: String) { self.date = date }
}

/// When a mentor is available each week, in their own time zone, with days off.
public struct WeeklyAvailability: Equatable, Sendable, Codable {
    /// IANA identifier, e.g. "Europe/Lisbon".
    public var timeZone: String
    public var windows: [AvailabilityWindow]
    public var exceptions: [DayOff]

    public init(timeZone: String, windows: [AvailabilityWindow], exceptions: [DayOff] = []) {
        self.timeZone = timeZone
        self.windows = windows
        self.exceptions = exceptions
    }

    /// Most windows a week may have.
    public static let maxWindows = 50
    /// Most days off kept at once.
    public static let maxExceptions = 400

    /// The availability sorted by day and time with repeated days off dropped;
    /// throws `.invalidFields` for an unknown zone, a window that doesn't end after it starts,
    /// overlapping windows on the same day, or a day off that isn't a real "YYYY-MM-DD" date.
    public func validated() throws(MentoringRuleViolation) -> WeeklyAvailability {
        var check = FieldChecker()
        if !TimeZones.isValid(timeZone) { check.add("timeZone", "Choose a time zone such as Europe/Lisbon.") }
        if windows.count > Self.maxWindows {
            check.add("windows", "Keep to \(Self.maxWindows) windows a week or fewer.")
        }
        let sorted = windows.sorted { ($0.weekday, $0.start, $0.end) < ($1.weekday, $1.start, $1.end) }
        for window in sorted where window.end <= window.start {
            check.add(
                "windows",
                "On \(window.weekday.label), \(window.start)–\(window.end) doesn't end after it starts; "
                    + "choose a later end time (a window can't cross midnight).")
        }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.overlaps(later) {
            check.add(
                "windows",
                "On \(earlier.weekday.label), \(earlier.start)–\(earlier.end) and \(later.start)–\(later.end) overlap; "
                    + "merge them into one window.")
        }
        var seen: Set<String> = []
        var days: [DayOff] = []
        for day in exceptions {
            if !CalendarDay.isValid(day.date) {
                check.add("exceptions", "Enter each day off as a real date, YYYY-MM-DD (\"\(day.date.prefix(20))\" isn't).")
            } else if seen.insert(day.date).inserted {
                days.append(day)
            }
        }
        if days.count > Self.maxExceptions {
            check.add("exceptions", "Keep to \(Self.maxExceptions) days off or fewer; remove past ones.")
        }
        try check.throwIfInvalid()
        return WeeklyAvailability(timeZone: timeZone, windows: sorted, exceptions: days.sorted { $0.date < $1.date })
    }
}

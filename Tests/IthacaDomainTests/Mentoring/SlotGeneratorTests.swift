import Foundation
import IthacaDomain
import Testing

private func window(_ weekday: Weekday, _ start: String, _ end: String) -> AvailabilityWindow {
    AvailabilityWindow(weekday: weekday, start: LocalTime(start)!, end: LocalTime(end)!)
}

/// Slot starts as ISO 8601 UTC strings, for readable expectations.
private func starts(_ slots: [DateInterval]) -> [String] {
    slots.map { $0.start.formatted(.iso8601) }
}

/// Slots with no notice and "now" long ago, so only the availability matters.
private func slots(
    _ availability: WeeklyAvailability, from: String, to: String, minutes: Int = 60, stepMinutes: Int? = nil,
    booked: [DateInterval] = []
) -> [DateInterval] {
    SlotGenerator.slots(
        availability: availability, from: instant(from), to: instant(to), duration: Double(minutes) * Span.minute,
        step: Double(stepMinutes ?? minutes) * Span.minute, booked: booked, now: instant("2000-01-01T00:00:00Z"),
        minimumNotice: 0)
}

private let lisbonMondays = WeeklyAvailability(timeZone: "Europe/Lisbon", windows: [window(.monday, "09:00", "10:00")])

@Test func lisbonNineOClockIsEightUTCInSummerAndNineInWinter() {
    #expect(starts(slots(lisbonMondays, from: "2025-07-07T00:00:00Z", to: "2025-07-08T00:00:00Z")) == ["2025-07-07T08:00:00Z"])
    #expect(starts(slots(lisbonMondays, from: "2025-01-06T00:00:00Z", to: "2025-01-07T00:00:00Z")) == ["2025-01-06T09:00:00Z"])
}

@Test func lisbonWindowFollowsTheWallClockAcrossTheEUSpringSwitch() {
    // given Monday windows either side of Sunday 30 March 2025, when Europe moves its clocks forward
    let found = slots(lisbonMondays, from: "2025-03-24T00:00:00Z", to: "2025-04-08T00:00:00Z")
    // then every slot is 09:00 in Lisbon, which moves from 09:00Z to 08:00Z
    #expect(starts(found) == ["2025-03-24T09:00:00Z", "2025-03-31T08:00:00Z", "2025-04-07T08:00:00Z"])
    #expect(found.allSatisfy { wallClock($0.start, in: "Europe/Lisbon") == "09:00" && $0.duration == Span.hour })
}

@Test func lisbonWindowFollowsTheWallClockAcrossTheEUAutumnSwitch() {
    let found = slots(lisbonMondays, from: "2025-10-20T00:00:00Z", to: "2025-10-28T00:00:00Z")
    #expect(starts(found) == ["2025-10-20T08:00:00Z", "2025-10-27T09:00:00Z"])
}

@Test func newYorkWindowMovesWithUSDaylightTimeWhileLisbonStaysPut() {
    // given the weeks when the US has switched (9 March) but Europe has not (30 March)
    let newYork = WeeklyAvailability(timeZone: "America/New_York", windows: [window(.monday, "09:00", "10:00")])
    // then New York's 09:00 moves from 14:00Z to 13:00Z, and Lisbon's stays at 09:00Z
    #expect(
        starts(slots(newYork, from: "2025-03-03T00:00:00Z", to: "2025-03-12T00:00:00Z")) == [
            "2025-03-03T14:00:00Z", "2025-03-10T13:00:00Z",
        ])
    #expect(
        starts(slots(lisbonMondays, from: "2025-03-03T00:00:00Z", to: "2025-03-12T00:00:00Z")) == [
            "2025-03-03T09:00:00Z", "2025-03-10T09:00:00Z",
        ])
}

@Test func springForwardDayNeverProducesANonexistentTime() {
    // given a New York mentor free 01:00–02:00 on Sundays; on 9 March 2025 clocks jump from 02:00 to 03:00
    let sundays = WeeklyAvailability(timeZone: "America/New_York", windows: [window(.sunday, "01:00", "02:00")])
    // when slots are made with 30-minute steps for that day
    let found = slots(sundays, from: "2025-03-09T00:00:00Z", to: "2025-03-10T00:00:00Z", minutes: 30)
    // then the window is 01:00 EST to the jump (06:00Z–07:00Z), and no slot starts in the skipped hour
    #expect(starts(found) == ["2025-03-09T06:00:00Z", "2025-03-09T06:30:00Z"])
    #expect(found.allSatisfy { !wallClock($0.start, in: "America/New_York").hasPrefix("02:") })
}

@Test func windowInsideTheSkippedHourYieldsNothingThatDay() {
    // given a window entirely within 02:00–03:00, which doesn't exist on 9 March 2025 in New York
    let sundays = WeeklyAvailability(timeZone: "America/New_York", windows: [window(.sunday, "02:00", "03:00")])
    // then that Sunday has no slot, and the next Sunday's 02:00 EDT is 06:00Z
    #expect(slots(sundays, from: "2025-03-09T00:00:00Z", to: "2025-03-10T00:00:00Z").isEmpty)
    #expect(starts(slots(sundays, from: "2025-03-16T00:00:00Z", to: "2025-03-17T00:00:00Z")) == ["2025-03-16T06:00:00Z"])
}

@Test func windowStraddlingTheSkippedHourIsShorterThatDay() {
    // given 01:30–03:30 on the spring-forward Sunday: 01:30 EST (06:30Z) to 03:30 EDT (07:30Z), one real hour
    let sundays = WeeklyAvailability(timeZone: "America/New_York", windows: [window(.sunday, "01:30", "03:30")])
    let found = slots(sundays, from: "2025-03-09T00:00:00Z", to: "2025-03-10T00:00:00Z", minutes: 30)
    // then the slots read 01:30 and 03:00 on the wall clock
    #expect(starts(found) == ["2025-03-09T06:30:00Z", "2025-03-09T07:00:00Z"])
    #expect(found.map { wallClock($0.start, in: "America/New_York") } == ["01:30", "03:00"])
}

@Test func windowStartingInTheSkippedHourOpensAtTheJump() {
    // given 02:30–04:00 on the spring-forward Sunday: 02:30 doesn't exist, so the window opens at 03:00 EDT (07:00Z)
    let sundays = WeeklyAvailability(timeZone: "America/New_York", windows: [window(.sunday, "02:30", "04:00")])
    let found = slots(sundays, from: "2025-03-09T00:00:00Z", to: "2025-03-10T00:00:00Z", minutes: 30)
    // then the slots read 03:00 and 03:30, not a made-up 02:30
    #expect(starts(found) == ["2025-03-09T07:00:00Z", "2025-03-09T07:30:00Z"])
}

@Test func repeatedHourOnFallBackDayCountsFromTheFirstOccurrence() {
    // given 01:00–02:00 on 2 November 2025, when New York's 01:00–02:00 happens twice (EDT, then EST)
    let sundays = WeeklyAvailability(timeZone: "America/New_York", windows: [window(.sunday, "01:00", "02:00")])
    let found = slots(sundays, from: "2025-11-02T00:00:00Z", to: "2025-11-03T00:00:00Z")
    // then the window runs from the first 01:00 (05:00Z) to 02:00 EST (07:00Z): two real hours
    #expect(starts(found) == ["2025-11-02T05:00:00Z", "2025-11-02T06:00:00Z"])
}

@Test func dayThatSkipsMidnightStartsAtItsFirstMoment() {
    // given São Paulo on 4 November 2018, when clocks jumped from 00:00 to 01:00
    let sundays = WeeklyAvailability(timeZone: "America/Sao_Paulo", windows: [window(.sunday, "00:00", "02:00")])
    let found = slots(sundays, from: "2018-11-04T00:00:00Z", to: "2018-11-05T00:00:00Z")
    // then the window opens at 01:00 local (03:00Z) and holds one hour-long slot
    #expect(starts(found) == ["2018-11-04T03:00:00Z"])
    // and a window from the skipped 00:30 opens at that same first moment, not on the next day
    let halfPast = WeeklyAvailability(timeZone: "America/Sao_Paulo", windows: [window(.sunday, "00:30", "01:30")])
    #expect(starts(slots(halfPast, from: "2018-11-04T00:00:00Z", to: "2018-11-05T00:00:00Z", minutes: 30)) == ["2018-11-04T03:00:00Z"])
}

@Test func slotsStepThroughTheWindowAndMustFitInIt() {
    // given 09:00–10:30 UTC and 45-minute meetings
    let availability = WeeklyAvailability(timeZone: "UTC", windows: [window(.monday, "09:00", "10:30")])
    // then stepping by 30 minutes gives 09:00 and 09:30; 10:00 would end after the window closes
    let found = slots(availability, from: "2025-03-03T00:00:00Z", to: "2025-03-04T00:00:00Z", minutes: 45, stepMinutes: 30)
    #expect(starts(found) == ["2025-03-03T09:00:00Z", "2025-03-03T09:30:00Z"])
    #expect(found.allSatisfy { $0.duration == 45 * Span.minute })
    // and stepping by the duration gives back-to-back slots
    let back = slots(availability, from: "2025-03-03T00:00:00Z", to: "2025-03-04T00:00:00Z", minutes: 45)
    #expect(starts(back) == ["2025-03-03T09:00:00Z", "2025-03-03T09:45:00Z"])
}

@Test func daysOffHaveNoSlots() {
    // given a day off on Monday 10 March in the mentor's own calendar
    let availability = WeeklyAvailability(
        timeZone: "Europe/Lisbon", windows: [window(.monday, "09:00", "10:00")], exceptions: [DayOff(date: "2025-03-10")])
    #expect(
        starts(slots(availability, from: "2025-03-03T00:00:00Z", to: "2025-03-18T00:00:00Z")) == [
            "2025-03-03T09:00:00Z", "2025-03-17T09:00:00Z",
        ])
}

@Test func dayOffIsReadInTheMentorsZone() {
    // given a Tokyo mentor free Monday 08:00–09:00 (Sunday 23:00Z), with that Monday off
    let availability = WeeklyAvailability(
        timeZone: "Asia/Tokyo", windows: [window(.monday, "08:00", "09:00")], exceptions: [DayOff(date: "2025-03-10")])
    // then the slot on Sunday 9 March UTC is gone, because in Tokyo it is Monday 10 March
    #expect(slots(availability, from: "2025-03-09T00:00:00Z", to: "2025-03-10T12:00:00Z").isEmpty)
    let open = WeeklyAvailability(timeZone: "Asia/Tokyo", windows: [window(.monday, "08:00", "09:00")])
    #expect(starts(slots(open, from: "2025-03-09T00:00:00Z", to: "2025-03-10T12:00:00Z")) == ["2025-03-09T23:00:00Z"])
}

@Test func bookedTimeIsLeftOutButNeighboursStay() {
    // given 09:00–12:00 with the 10:00–11:00 hour already booked
    let availability = WeeklyAvailability(timeZone: "UTC", windows: [window(.monday, "09:00", "12:00")])
    let booked = [DateInterval(start: instant("2025-03-03T10:00:00Z"), duration: Span.hour)]
    // then hour slots either side remain; a half-hour step drops every slot touching the booking
    #expect(
        starts(slots(availability, from: "2025-03-03T00:00:00Z", to: "2025-03-04T00:00:00Z", booked: booked)) == [
            "2025-03-03T09:00:00Z", "2025-03-03T11:00:00Z",
        ])
    let stepped = slots(availability, from: "2025-03-03T00:00:00Z", to: "2025-03-04T00:00:00Z", stepMinutes: 30, booked: booked)
    #expect(starts(stepped) == ["2025-03-03T09:00:00Z", "2025-03-03T11:00:00Z"])
}

@Test func slotsSoonerThanTheNoticeAreLeftOut() {
    // given now is Monday 08:00Z and 48 hours' notice
    let availability = WeeklyAvailability(timeZone: "UTC", windows: Weekday.allCases.map { window($0, "09:00", "10:00") })
    let found = SlotGenerator.slots(
        availability: availability, from: instant("2025-03-03T00:00:00Z"), to: instant("2025-03-07T00:00:00Z"),
        duration: Span.hour, step: Span.hour, now: instant("2025-03-03T08:00:00Z"), minimumNotice: 48 * Span.hour)
    // then Monday and Tuesday are too soon, Wednesday 09:00 (49 hours away) is the first slot
    #expect(starts(found) == ["2025-03-05T09:00:00Z", "2025-03-06T09:00:00Z"])
}

@Test func slotsStayInsideTheRequestedRange() {
    let availability = WeeklyAvailability(timeZone: "UTC", windows: [window(.monday, "09:00", "12:00")])
    let found = slots(availability, from: "2025-03-03T09:30:00Z", to: "2025-03-03T11:30:00Z", minutes: 60, stepMinutes: 30)
    #expect(starts(found) == ["2025-03-03T09:30:00Z", "2025-03-03T10:00:00Z", "2025-03-03T10:30:00Z"])
}

@Test func nonsenseInputGivesNoSlots() {
    let bad = WeeklyAvailability(timeZone: "Mars/Olympus", windows: [window(.monday, "09:00", "10:00")])
    #expect(slots(bad, from: "2025-03-03T00:00:00Z", to: "2025-03-04T00:00:00Z").isEmpty)
    #expect(slots(lisbonMondays, from: "2025-03-04T00:00:00Z", to: "2025-03-03T00:00:00Z").isEmpty)
    #expect(slots(lisbonMondays, from: "2025-03-03T00:00:00Z", to: "2025-03-04T00:00:00Z", minutes: 0).isEmpty)
    #expect(slots(lisbonMondays, from: "2025-03-03T00:00:00Z", to: "2025-03-04T00:00:00Z", stepMinutes: 0).isEmpty)
}

@Test func searchStopsAfterTheMaximumRange() {
    // given a request for two years of Mondays
    let found = slots(lisbonMondays, from: "2025-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z")
    // then only about 92 days are searched
    #expect(found.count == 13)
    #expect(found.allSatisfy { $0.start < instant("2025-01-01T00:00:00Z").addingTimeInterval(SlotGenerator.maximumRange) })
}

import Foundation
import IthacaDomain
import Testing

private func time(_ text: String) -> LocalTime { LocalTime(text)! }

private func window(_ weekday: Weekday, _ start: String, _ end: String) -> AvailabilityWindow {
    AvailabilityWindow(weekday: weekday, start: time(start), end: time(end))
}

@Test func localTimeParsesOnlyTwentyFourHourHHMM() {
    #expect(LocalTime("09:30") == LocalTime(hour: 9, minute: 30))
    #expect(LocalTime("00:00")?.minutesSinceMidnight == 0)
    #expect(LocalTime("23:59")?.minutesSinceMidnight == 1_439)
    for bad in ["9:30", "24:00", "12:60", "12:5", "1230", "12:30:00", "ab:cd", "", "+1:30", "１２:３０"] {
        #expect(LocalTime(bad) == nil, "\(bad) should not parse")
    }
    #expect(LocalTime(hour: 7, minute: 5)?.description == "07:05")
    #expect(LocalTime("08:00")! < LocalTime("08:01")!)
}

@Test func localTimeReadsAndWritesAsHHMMInJSON() throws {
    let encoded = try JSONEncoder().encode([time("07:05")])
    #expect(String(decoding: encoded, as: UTF8.self) == #"["07:05"]"#)
    #expect(try JSONDecoder().decode([LocalTime].self, from: Data(#"["18:45"]"#.utf8)) == [time("18:45")])
    #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalTime].self, from: Data(#"["25:00"]"#.utf8)) }
}

@Test func availabilityDecodesFromTheAPIShape() throws {
    let json = #"{"timeZone":"Europe/Lisbon","windows":[{"weekday":"monday","start":"09:00","end":"10:00"}],"exceptions":[]}"#
    let availability = try JSONDecoder().decode(WeeklyAvailability.self, from: Data(json.utf8))
    #expect(availability == WeeklyAvailability(timeZone: "Europe/Lisbon", windows: [window(.monday, "09:00", "10:00")]))
}

@Test func weekdaysMapToCalendarNumbering() {
    // Calendar counts 1 = Sunday … 7 = Saturday
    #expect(Weekday(calendarWeekday: 1) == .sunday)
    #expect(Weekday(calendarWeekday: 2) == .monday)
    #expect(Weekday(calendarWeekday: 7) == .saturday)
    #expect(Weekday(calendarWeekday: 0) == nil)
    #expect(Weekday(calendarWeekday: 8) == nil)
    for weekday in Weekday.allCases {
        #expect(Weekday(calendarWeekday: weekday.calendarWeekday) == weekday)
    }
    #expect(Weekday.allCases.sorted() == Weekday.allCases)
    #expect(Weekday.monday.label == "Monday")
}

@Test func validAvailabilityIsSortedAndDeduplicated() throws {
    // given windows out of order and a day off entered twice
    let availability = WeeklyAvailability(
        timeZone: "Europe/Lisbon",
        windows: [window(.wednesday, "14:00", "15:00"), window(.monday, "11:00", "12:00"), window(.monday, "10:00", "11:00")],
        exceptions: [DayOff(date: "2025-08-15"), DayOff(date: "2025-08-01"), DayOff(date: "2025-08-15")])
    // when validated
    let valid = try availability.validated()
    // then windows run Monday first, earliest first (touching windows are fine) and each day off appears once
    #expect(valid.windows == [window(.monday, "10:00", "11:00"), window(.monday, "11:00", "12:00"), window(.wednesday, "14:00", "15:00")])
    #expect(valid.exceptions == [DayOff(date: "2025-08-01"), DayOff(date: "2025-08-15")])
}

@Test func availabilityInAnUnknownZoneIsRefused() {
    let availability = WeeklyAvailability(timeZone: "Europe/Atlantis", windows: [window(.monday, "09:00", "10:00")])
    #expect(invalidFieldNames { try availability.validated() } == ["timeZone"])
}

@Test func windowMustEndAfterItStarts() {
    for (start, end) in [("10:00", "09:00"), ("10:00", "10:00"), ("23:00", "01:00")] {
        let availability = WeeklyAvailability(timeZone: "UTC", windows: [window(.friday, start, end)])
        #expect(invalidFieldNames { try availability.validated() } == ["windows"], "\(start)–\(end)")
    }
}

@Test func overlappingWindowsOnTheSameDayAreRefused() {
    // given two windows sharing half an hour on Tuesday
    let clash = WeeklyAvailability(timeZone: "UTC", windows: [window(.tuesday, "09:00", "10:30"), window(.tuesday, "10:00", "11:00")])
    // then they are refused, with both named in the message
    guard case .invalidFields(let errors)? = violation({ try clash.validated() }) else {
        Issue.record("expected overlap to be refused")
        return
    }
    #expect(errors.map(\.field) == ["windows"])
    #expect(errors[0].message.contains("09:00–10:30") && errors[0].message.contains("10:00–11:00"))
    // and the same hours on different days are fine, as is a window inside another on another day
    let apart = WeeklyAvailability(timeZone: "UTC", windows: [window(.tuesday, "09:00", "10:30"), window(.thursday, "10:00", "11:00")])
    #expect(invalidFieldNames { try apart.validated() } == [])
    let duplicate = WeeklyAvailability(timeZone: "UTC", windows: [window(.monday, "09:00", "10:00"), window(.monday, "09:00", "10:00")])
    #expect(invalidFieldNames { try duplicate.validated() } == ["windows"])
}

@Test func dayOffMustBeARealDate() {
    for bad in ["2025-02-29", "2025-13-01", "15/08/2025", ""] {
        let availability = WeeklyAvailability(timeZone: "UTC", windows: [], exceptions: [DayOff(date: bad)])
        #expect(invalidFieldNames { try availability.validated() } == ["exceptions"], "\(bad)")
    }
    let leap = WeeklyAvailability(timeZone: "UTC", windows: [], exceptions: [DayOff(date: "2024-02-29")])
    #expect(invalidFieldNames { try leap.validated() } == [])
}

@Test func availabilityHasSaneSizeLimits() {
    let times = (0..<51).map { LocalTime(hour: $0 % 24, minute: 0)! }
    let many = WeeklyAvailability(
        timeZone: "UTC",
        windows: times.enumerated().map { index, start in
            AvailabilityWindow(weekday: Weekday.allCases[index / 24], start: start, end: LocalTime(hour: start.hour, minute: 30)!)
        })
    #expect(invalidFieldNames { try many.validated() } == ["windows"])
}

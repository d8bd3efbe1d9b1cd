import Foundation
import IthacaDomain
import Testing

@Test func calendarDayArithmeticCrossesMonthsYearsAndLeapDays() {
    #expect(CalendarDay.adding(days: 1, to: "2028-02-28") == "2028-02-29")
    #expect(CalendarDay.adding(days: 1, to: "2027-12-31") == "2028-01-01")
    #expect(CalendarDay.adding(days: -1, to: "2027-03-01") == "2027-02-28")
    #expect(CalendarDay.days(from: "2027-03-27", to: "2027-04-02") == 6)
    #expect(CalendarDay.days(from: "2027-04-02", to: "2027-03-27") == -6)
    #expect(CalendarDay.adding(days: 1, to: "2027-02-30") == nil)
}

@Test func challengeDetailsAreCheckedAndKnowTheirDays() {
    var problems: [FieldError] = []
    do { _ = try ChallengeDetails(title: " ", startDate: "2027-13-01", lengthDays: 0).validated() } catch {
        if case .invalidFields(let errors) = error { problems = errors }
    }
    #expect(Set(problems.map(\.field)) == ["title", "startDate", "lengthDays"])
    let challenge = ChallengeDetails(title: "100 days of open source", startDate: "2027-01-01", lengthDays: 100)
    #expect(challenge.endDate == "2027-04-10")
    #expect(challenge.dayNumber(of: "2027-01-01") == 1 && challenge.dayNumber(of: "2027-04-10") == 100)
    #expect(challenge.dayNumber(of: "2026-12-31") == nil && challenge.dayNumber(of: "2027-04-11") == nil)
}

@Test func streaksCountConsecutiveDaysAndTodayIsStillOpen() {
    let days: Set<String> = ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-05", "2027-03-06"]
    let open = Streak(checkIns: days, today: "2027-03-07")
    #expect(open.current == 2 && open.longest == 3 && open.daysDone == 5)
    #expect(Streak(checkIns: days, today: "2027-03-06").current == 2)
    #expect(Streak(checkIns: days, today: "2027-03-08").current == 0)
    #expect(Streak(checkIns: [], today: "2027-03-08") == Streak(checkIns: [], today: "2027-03-01"))
}

/// A member in New York checks in at 23:30 local time every evening across the spring DST change (14 March 2027):
/// every check-in falls on the next local day, so the streak is unbroken although one gap between check-ins is 23 hours.
@Test func checkInsAcrossDaylightSavingKeepTheStreak() throws {
    let challenge = ChallengeDetails(title: "Write daily", startDate: "2027-03-10", lengthDays: 30)
    let utcInstants = ["2027-03-12T04:30:00Z", "2027-03-13T04:30:00Z", "2027-03-14T03:30:00Z", "2027-03-15T03:30:00Z"]
    var days: Set<String> = []
    for iso in utcInstants {
        days.insert(try CheckInRule.day(for: challenge, now: instant(iso), timeZone: "America/New_York"))
    }
    #expect(days == ["2027-03-11", "2027-03-12", "2027-03-13", "2027-03-14"])
    #expect(Streak(checkIns: days, today: "2027-03-14").current == 4)
    // the same instants in Tokyo are other days: the zone decides, not UTC
    let tokyo = try CheckInRule.day(for: challenge, now: instant("2027-03-12T04:30:00Z"), timeZone: "Asia/Tokyo")
    #expect(tokyo == "2027-03-12")
}

@Test func checkInsOutsideTheChallengeAreRefusedWithTheDates() {
    let challenge = ChallengeDetails(title: "Write daily", startDate: "2027-03-10", lengthDays: 5)
    #expect(throws: CommunityRuleViolation.self) { try CheckInRule.day(for: challenge, now: instant("2027-03-09T12:00:00Z"), timeZone: "UTC") }
    #expect(throws: CommunityRuleViolation.self) { try CheckInRule.day(for: challenge, now: instant("2027-03-15T12:00:00Z"), timeZone: "UTC") }
    // 01:00 on the 15th in Lisbon in March is still the 15th there: over
    #expect(throws: CommunityRuleViolation.self) { try CheckInRule.day(for: challenge, now: instant("2027-03-15T01:00:00Z"), timeZone: "Europe/Lisbon") }
    // while in Los Angeles it is still the evening of the 14th: day 5
    #expect((try? CheckInRule.day(for: challenge, now: instant("2027-03-15T01:00:00Z"), timeZone: "America/Los_Angeles")) == "2027-03-14")
}

import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Mentors publish weekly availability; the two people of an active mentorship see free slots in UTC.
@Suite struct AvailabilityTests {
    static var week: [String: Any] { lisbonMornings }

    private func mentorship(_ browser: TestBrowser, active: Bool = true) async throws -> (mentor: String, mentee: String, id: String) {
        let fixture = try await makeMentorship(browser, active: active)
        return (fixture.mentor.token, fixture.mentee.token, fixture.id)
    }

    @Test(arguments: TestDatabase.all)
    func availabilityIsSavedAndReadBack(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let mentor = try await member(browser, "Grace Mentor", "grace@example.com")
            let empty = try await browser.json(.get, "/api/v1/me/availability", token: mentor.token)
            #expect((empty.object["windows"] as? [Any])?.isEmpty == true)
            #expect(try await browser.json(.put, "/api/v1/me/availability", Self.week, token: mentor.token).status == .ok)
            let saved = try await browser.json(.get, "/api/v1/me/availability", token: mentor.token)
            #expect(saved.object["timeZone"] as? String == "Europe/Lisbon")
            #expect((saved.object["windows"] as? [[String: Any]])?.first?["start"] as? String == "09:00")
        }
    }

    @Test(arguments: TestDatabase.all)
    func badAvailabilityIsRefusedWithEveryProblem(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let mentor = try await member(browser, "Grace Mentor", "grace@example.com")
            let bad: [String: Any] = ["timeZone": "Mars/Olympus", "windows": [
                ["weekday": "monday", "start": "9am", "end": "12:00"],
                ["weekday": "tuesday", "start": "14:00", "end": "10:00"],
            ]]
            let response = try await browser.json(.put, "/api/v1/me/availability", bad, token: mentor.token)
            #expect(response.status == .unprocessableContent)
            #expect((response.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "windows[0].start")
            let worse = try await browser.json(.put, "/api/v1/me/availability",
                                               ["timeZone": "Mars/Olympus", "windows": [["weekday": "tuesday", "start": "14:00", "end": "10:00"]]],
                                               token: mentor.token)
            #expect(Set((worse.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["timeZone", "windows"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func slotsFallInsideTheMentorsWindowsAfterTheBookingNotice(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let (_, mentee, id) = try await mentorship(browser)
            // when the mentee asks for the next 10 days
            let response = try await browser.json(.get, "/api/v1/mentorships/\(id)/slots", token: mentee)
            #expect(response.status == .ok, "\(response.text)")
            let slots = try #require(response.object["items"] as? [[String: Any]])
            // then every slot is 45 minutes, on a weekday, between 09:00 and 12:00 Lisbon time, 48 h or more ahead
            #expect(!slots.isEmpty)
            var lisbon = Calendar(identifier: .gregorian)
            lisbon.timeZone = TimeZone(identifier: "Europe/Lisbon")!
            let parser = ISO8601DateFormatter()
            for slot in slots {
                let start = try #require(parser.date(from: slot["start"] as? String ?? ""))
                let end = try #require(parser.date(from: slot["end"] as? String ?? ""))
                #expect(end.timeIntervalSince(start) == 45 * 60)
                #expect(start.timeIntervalSince(clock.now) >= 48 * 3600)
                #expect(!lisbon.isDateInWeekend(start))
                let minutes = lisbon.component(.hour, from: start) * 60 + lisbon.component(.minute, from: start)
                #expect(minutes >= 9 * 60 && minutes + 45 <= 12 * 60)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func slotsNeedAnActiveMentorshipAndOnlyItsPeopleSeeThem(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let (_, mentee, id) = try await mentorship(browser, active: false)
            #expect(try await browser.json(.get, "/api/v1/mentorships/\(id)/slots", token: mentee).status == .conflict)
            let outsider = try await member(browser, "Olga Outsider", "olga@example.com")
            #expect(try await browser.json(.get, "/api/v1/mentorships/\(id)/slots", token: outsider.token).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func slotRangesAreBounded(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let (_, mentee, id) = try await mentorship(browser)
            let tooLong = try await browser.json(.get, "/api/v1/mentorships/\(id)/slots?from=2026-12-01T00:00:00Z&to=2027-06-01T00:00:00Z", token: mentee)
            #expect(tooLong.status == .unprocessableContent)
            let backwards = try await browser.json(.get, "/api/v1/mentorships/\(id)/slots?from=2026-12-10T00:00:00Z&to=2026-12-01T00:00:00Z", token: mentee)
            #expect(backwards.status == .unprocessableContent)
            // a date that is not a date is a bad request, not a server error
            let garbage = try await browser.json(.get, "/api/v1/mentorships/\(id)/slots?to=null", token: mentee)
            #expect(garbage.status == .badRequest)
            #expect(garbage.headers[.contentType] == "application/problem+json")
        }
    }
}

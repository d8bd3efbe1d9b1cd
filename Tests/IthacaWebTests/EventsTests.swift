import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Events: seats, the waitlist and its promotion (with a notification), .ics, and the pages.
@Suite struct EventsTests {
    @Test(arguments: TestDatabase.all)
    func aFullEventHasAWaitlistThatMovesUp(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let host = try await member(browser, "Hana Host", "hana@example.com")
            let guests = [try await member(browser, "Ada", "ada@example.com"), try await member(browser, "Ben", "ben@example.com"),
                          try await member(browser, "Cleo", "cleo@example.com")]
            let formatter = ISO8601DateFormatter()
            let start = formatter.string(from: clock.now.addingTimeInterval(3 * 86_400))
            let end = formatter.string(from: clock.now.addingTimeInterval(3 * 86_400 + 3600))
            let bad = try await browser.json(.post, "/api/v1/events", ["title": "Past", "start": formatter.string(from: clock.now.addingTimeInterval(-60)),
                                                                      "end": end, "location": "Room 1", "capacity": 2], token: host.token)
            #expect(bad.status == .unprocessableContent)
            let created = try await browser.json(.post, "/api/v1/events", [
                "title": "Office hours: system design", "kind": "office_hours", "start": start, "end": end,
                "location": "https://meet.example.org/design", "capacity": 2,
            ], token: host.token)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            var statuses: [String] = []
            for guest in guests {
                let answered = try await browser.json(.post, "/api/v1/events/\(id)/rsvp", token: guest.token)
                statuses.append(answered.object["myStatus"] as? String ?? "")
            }
            #expect(statuses == ["going", "going", "waitlisted"])
            #expect(try await browser.json(.get, "/api/v1/events/\(id)", token: guests[2].token).object["waitlistPosition"] as? Int == 1)
            // answering twice changes nothing
            #expect(try await browser.json(.post, "/api/v1/events/\(id)/rsvp", token: guests[0].token).object["myStatus"] as? String == "going")
            // Ada cancels: Cleo moves up and hears about it
            let cancelled = try await browser.json(.delete, "/api/v1/events/\(id)/rsvp", token: guests[0].token)
            #expect(cancelled.object["myStatus"] == nil && cancelled.object["going"] as? Int == 2 && cancelled.object["waitlisted"] as? Int == 0)
            #expect(try await browser.json(.get, "/api/v1/events/\(id)", token: guests[2].token).object["myStatus"] as? String == "going")
            let inbox = try await browser.json(.get, "/api/v1/notifications", token: guests[2].token).object["items"] as? [[String: Any]] ?? []
            #expect(inbox.first?["kind"] as? String == "event")
            // the calendar file
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(guests[1].token)"
            let ics = try await browser.request(.get, "/api/v1/events/\(id)/ics", headers: headers)
            #expect(ics.text.contains("SUMMARY:Office hours: system design") && ics.text.contains("UID:event-\(id.lowercased())@ithaca"))
            // once it is over, nobody answers any more
            clock.advance(by: 4 * 86_400)
            #expect(try await browser.json(.post, "/api/v1/events/\(id)/rsvp", token: guests[0].token).status == .conflict)
            #expect((try await browser.json(.get, "/api/v1/events", token: host.token).object["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theEventPagesWorkWithoutJavaScript(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            _ = try await member(browser, "Hana Host", "hana@example.com")
            try await browser.signIn(email: "hana@example.com", password: "a long passphrase here")
            let bad = try await browser.postForm("/events", ["title": "Meetup", "start": "", "end": "", "location": "", "capacity": "0", "kind": "meetup"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Enter the start as a date and time."))
            let created = try await browser.postForm("/events", ["title": "Meetup <b>x</b>", "start": "2027-03-01T18:00", "end": "2027-03-01T20:00",
                                                                 "location": "Room 4", "capacity": "1", "kind": "meetup"])
            let location = try #require(created.header("Location"))
            let going = try await browser.postForm(location + "/rsvp", [:])
            #expect(going.status == .seeOther)
            let page = try await browser.get(location)
            #expect(page.text.contains("Meetup &lt;b&gt;x&lt;/b&gt;") && page.text.contains("You're going"))
            #expect(try await browser.get(location + "/event.ics").text.contains("BEGIN:VEVENT"))
        }
    }
}

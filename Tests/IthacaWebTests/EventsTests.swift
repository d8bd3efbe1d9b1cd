import IthacaTestSupport
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
                "title": "Office hours: system design", "kind": "talk", "start": start, "end": end,
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

    @Test(arguments: TestDatabase.all)
    func officeHoursAreBookedOneSlotPerPersonAndHostsCanCallEventsOff(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let host = try await member(browser, "Hana Host", "hana@example.com")
            let ada = try await member(browser, "Ada", "ada@example.com")
            let ben = try await member(browser, "Ben", "ben@example.com")
            let formatter = ISO8601DateFormatter()
            let start = clock.now.addingTimeInterval(2 * 86_400)
            let tooShort = try await browser.json(.post, "/api/v1/events", [
                "title": "Office hours", "kind": "office_hours", "start": formatter.string(from: start),
                "end": formatter.string(from: start.addingTimeInterval(600)), "location": "Room 1", "capacity": 1, "slotMinutes": 15,
            ], token: host.token)
            #expect(tooShort.status == .unprocessableContent && tooShort.text.contains("15-minute slot"))
            let created = try await browser.json(.post, "/api/v1/events", [
                "title": "Office hours: career questions", "kind": "office_hours", "start": formatter.string(from: start),
                "end": formatter.string(from: start.addingTimeInterval(3600)), "location": "https://meet.example.org/oh", "capacity": 99, "slotMinutes": 20,
            ], token: host.token)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            let slots = created.object["slots"] as? [[String: Any]] ?? []
            #expect(slots.count == 3 && created.object["capacity"] as? Int == 3)
            let first = try #require(slots.first?["start"] as? String), second = try #require(slots.dropFirst().first?["start"] as? String)
            // RSVPs are for meetups and talks; office hours are booked by slot
            #expect(try await browser.json(.post, "/api/v1/events/\(id)/rsvp", token: ada.token).status == .conflict)
            let booked = try await browser.json(.post, "/api/v1/events/\(id)/slots", ["start": first], token: ada.token)
            #expect((booked.object["mySlot"] as? [String: Any])?["start"] as? String == first && booked.object["going"] as? Int == 1)
            #expect(try await browser.json(.post, "/api/v1/events/\(id)/slots", ["start": first], token: ben.token).status == .conflict)
            let odd = formatter.string(from: start.addingTimeInterval(300))
            #expect(try await browser.json(.post, "/api/v1/events/\(id)/slots", ["start": odd], token: ben.token).status == .unprocessableContent)
            // booking another slot moves mine: one slot per person
            let moved = try await browser.json(.post, "/api/v1/events/\(id)/slots", ["start": second], token: ada.token)
            #expect((moved.object["mySlot"] as? [String: Any])?["start"] as? String == second && moved.object["going"] as? Int == 1)
            #expect(try await browser.json(.post, "/api/v1/events/\(id)/slots", ["start": first], token: ben.token).status == .ok)
            // the .ics holds my own slot
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(ada.token)"
            let stamp = { (date: Date) -> String in
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC")!
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
                return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            }
            #expect(try await browser.request(.get, "/api/v1/events/\(id)/ics", headers: headers).text.contains("DTSTART:\(stamp(start.addingTimeInterval(1200)))"))
            // only the host calls it off; everyone who booked hears about it, and it leaves the list
            #expect(try await browser.json(.post, "/api/v1/events/\(id)/cancellation", token: ada.token).status == .forbidden)
            let off = try await browser.json(.post, "/api/v1/events/\(id)/cancellation", token: host.token)
            #expect(off.object["cancelled"] as? Bool == true)
            #expect(try await browser.json(.post, "/api/v1/events/\(id)/slots", ["start": first], token: host.token).status == .conflict)
            for person in [ada, ben] {
                let inbox = try await browser.json(.get, "/api/v1/notifications", token: person.token)
                #expect(inbox.text.contains("was called off"))
            }
            #expect((try await browser.json(.get, "/api/v1/events", token: ada.token).object["items"] as? [Any])?.isEmpty == true)
        }
    }
}

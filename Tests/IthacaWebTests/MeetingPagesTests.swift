import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The pages behind booking and running a meeting, without JavaScript: forms, errors next to fields, redirects.
@Suite struct MeetingPagesTests {
    @Test(arguments: TestDatabase.all)
    func bookingFromThePageShowsProblemsNextToTheFieldAndKeepsTheChoice(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let slot = try #require(try await freeSlots(browser, pair).first)
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let page = try await browser.get("/mentorships/\(pair.id)")
            #expect(page.text.contains("value=\"\(slot)\""), "the free slot is offered as a radio button")
            // no agenda: 422, the error summary links to the agenda field, the chosen slot stays chosen
            let missing = try await browser.postForm("/mentorships/\(pair.id)/meetings", ["start": slot, "durationMinutes": "45", "agenda": ""])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("href=\"#agenda\""))
            #expect(missing.text.contains("value=\"\(slot)\" checked"))
            // with an agenda it is booked and we land on the meeting
            let booked = try await browser.postForm("/mentorships/\(pair.id)/meetings", ["start": slot, "durationMinutes": "45", "agenda": "Plan <b>Q1</b>"])
            #expect(booked.status == .seeOther)
            let location = try #require(booked.headers[.location])
            #expect(location.hasPrefix("/meetings/"))
            let meeting = try await browser.get(location)
            #expect(meeting.text.contains("Plan &lt;b&gt;Q1&lt;/b&gt;"), "the agenda is escaped")
            #expect(meeting.text.contains("Add to calendar (.ics)"))
            // a second booking of the same slot is refused next to the slot choice
            let taken = try await browser.postForm("/mentorships/\(pair.id)/meetings", ["start": slot, "durationMinutes": "45", "agenda": "Again"])
            #expect(taken.status == .conflict)
            #expect(taken.text.contains("href=\"#start\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func meetingNotesAreSharedWithTheOtherPersonOrKeptPrivate(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let slot = try #require(try await freeSlots(browser, pair).first)
            let meetingId = try #require(try await book(browser, pair, slot).object["id"] as? String)
            let mentee = browser.fresh()
            try await mentee.signIn(email: "ada@example.com", password: "a long passphrase here")
            #expect(try await mentee.postForm("/meetings/\(meetingId)/notes", ["body": "SHARED-MEETING-NOTE-1f", "shared": "on"]).status == .seeOther)
            #expect(try await mentee.postForm("/meetings/\(meetingId)/notes", ["body": "PRIVATE-MEETING-NOTE-2e"]).status == .seeOther)
            #expect(try await mentee.postForm("/meetings/\(meetingId)/notes", ["body": " "]).status == .unprocessableContent)
            let mine = try await mentee.get("/meetings/\(meetingId)")
            #expect(mine.text.contains("SHARED-MEETING-NOTE-1f") && mine.text.contains("PRIVATE-MEETING-NOTE-2e"))
            let mentor = browser.fresh()
            try await mentor.signIn(email: "grace@example.com", password: "a long passphrase here")
            let theirs = try await mentor.get("/meetings/\(meetingId)")
            #expect(theirs.text.contains("SHARED-MEETING-NOTE-1f"))
            #expect(!theirs.text.contains("PRIVATE-MEETING-NOTE-2e"))
            // and the calendar file never carries a note
            let ics = try await mentee.get("/meetings/\(meetingId)/ics")
            #expect(ics.status == .ok)
            #expect(!ics.text.contains("MEETING-NOTE"))
        }
    }
}

import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Booking, cancelling and recording meetings through the JSON API, on SQLite and PostgreSQL.
@Suite struct MeetingAPITests {
    @Test(arguments: TestDatabase.all)
    func aMenteeBooksAFreeSlotWithAnAgendaAndTheSlotIsGone(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let slots = try await freeSlots(browser, pair)
            let first = try #require(slots.first)
            // when the mentee books the first free slot
            let booked = try await book(browser, pair, first)
            #expect(booked.status == .created, "\(booked.text)")
            #expect(booked.object["status"] as? String == "scheduled")
            #expect(booked.object["agenda"] as? String == "Talk about the project plan")
            #expect(booked.object["durationMinutes"] as? Int == 45)
            let meetingId = try #require(booked.object["id"] as? String)
            // then both see it, and the slot (and any overlapping one) is no longer offered
            for token in [pair.mentor.token, pair.mentee.token] {
                let mine = try await browser.json(.get, "/api/v1/meetings", token: token)
                #expect((mine.object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [meetingId])
            }
            let after = try await freeSlots(browser, pair)
            #expect(!after.contains(first))
            let start = try #require(ISO8601DateFormatter().date(from: first))
            #expect(!after.contains(ISO8601DateFormatter().string(from: start.addingTimeInterval(30 * 60))))
            // and booking it again is a conflict
            let again = try await book(browser, pair, first)
            #expect(again.status == .conflict)
            #expect((again.object["detail"] as? String)?.contains("another free slot") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func bookingsThatBreakARuleAreRefusedWithAReason(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let pair = try await makeMentorship(browser)
            let first = try #require(try await freeSlots(browser, pair).first)
            let start = try #require(ISO8601DateFormatter().date(from: first))
            // no agenda
            let noAgenda = try await book(browser, pair, first, agenda: "  ")
            #expect(noAgenda.status == .unprocessableContent)
            #expect((noAgenda.object["detail"] as? String)?.contains("agenda") == true)
            // a time the mentor did not publish
            let odd = ISO8601DateFormatter().string(from: start.addingTimeInterval(10 * 60))
            #expect(try await book(browser, pair, odd).status == .unprocessableContent)
            // a length outside 15–240 minutes names the field
            let long = try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/meetings",
                                              ["start": first, "durationMinutes": 600, "agenda": "x"], token: pair.mentee.token)
            #expect((long.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "durationMinutes")
            // too little notice: the same slot once it is less than 48 hours away
            clock.advance(by: start.timeIntervalSince(clock.now) - 47 * 3600)
            let late = try await book(browser, pair, first)
            #expect(late.status == .unprocessableContent)
            #expect((late.object["detail"] as? String)?.contains("48 hours") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlyTheTwoPeopleSeeAMeetingAndOnlyAnActiveMentorshipBooks(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")  // the first account is the admin
            let pair = try await makeMentorship(browser)
            let first = try #require(try await freeSlots(browser, pair).first)
            let meetingId = try #require(try await book(browser, pair, first).object["id"] as? String)
            let outsider = try await member(browser, "Olga Outsider", "olga@example.com")
            for token in [admin.token, outsider.token] {
                #expect(try await browser.json(.get, "/api/v1/meetings/\(meetingId)", token: token).status == .notFound)
                #expect(try await browser.json(.post, "/api/v1/meetings/\(meetingId)/cancel", token: token).status == .notFound)
                #expect(try await browser.json(.get, "/api/v1/meetings/\(meetingId)/ics", token: token).status == .notFound)
                #expect(try await book(browser, MentorshipFixture(mentor: pair.mentor, mentee: (outsider.id, token), id: pair.id), first).status == .notFound)
            }
            #expect(try await browser.json(.get, "/api/v1/meetings/not-a-uuid", token: pair.mentee.token).status == .notFound)
            // a mentorship not yet acknowledged by both can't book
            let proposed = try await makeMentorship(browser, active: false, mentorEmail: "m2@example.com", menteeEmail: "e2@example.com")
            #expect(try await book(browser, proposed, first).status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.all)
    func cancellingWithinADayIsLateAndVisibleToBoth(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let pair = try await makeMentorship(browser)
            let slots = try await freeSlots(browser, pair)
            let early = try #require(try await book(browser, pair, slots[0]).object["id"] as? String)
            let later = try #require(try await book(browser, pair, slots[2]).object["id"] as? String)
            // cancelling days ahead is on time and bumps the sequence
            let onTime = try await browser.json(.post, "/api/v1/meetings/\(later)/cancel", token: pair.mentor.token)
            #expect(onTime.object["status"] as? String == "cancelled")
            #expect(onTime.object["lateCancellation"] as? Bool == false)
            #expect(onTime.object["sequence"] as? Int == 1)
            // within 24 hours of the start it is late, and the other person sees it so
            let start = try #require(ISO8601DateFormatter().date(from: slots[0]))
            clock.advance(by: start.timeIntervalSince(clock.now) - 3 * 3600)
            let late = try await browser.json(.post, "/api/v1/meetings/\(early)/cancel", token: pair.mentee.token)
            #expect(late.object["status"] as? String == "cancelledLate")
            let seen = try await browser.json(.get, "/api/v1/meetings/\(early)", token: pair.mentor.token)
            #expect((seen.object["meeting"] as? [String: Any])?["lateCancellation"] as? Bool == true)
            // and a cancelled meeting can't be cancelled again
            #expect(try await browser.json(.post, "/api/v1/meetings/\(early)/cancel", token: pair.mentor.token).status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.all)
    func heldMeetingsInviteFeedbackFromBothOnceEach(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let pair = try await makeMentorship(browser)
            let first = try #require(try await freeSlots(browser, pair).first)
            let meetingId = try #require(try await book(browser, pair, first).object["id"] as? String)
            let held = ["outcome": "held"]
            // not before it starts
            #expect(try await browser.json(.post, "/api/v1/meetings/\(meetingId)/outcome", held, token: pair.mentor.token).status == .unprocessableContent)
            #expect(try await browser.json(.post, "/api/v1/meetings/\(meetingId)/feedback", ["useful": 5], token: pair.mentee.token).status == .conflict)
            clock.advance(by: try #require(ISO8601DateFormatter().date(from: first)).timeIntervalSince(clock.now) + 3600)
            let recorded = try await browser.json(.post, "/api/v1/meetings/\(meetingId)/outcome", held, token: pair.mentor.token)
            #expect(recorded.object["status"] as? String == "held", "\(recorded.text)")
            // both are invited; ratings outside 1–5 are field errors
            #expect(try await browser.json(.get, "/api/v1/meetings/\(meetingId)", token: pair.mentee.token).object["feedbackInvited"] as? Bool == true)
            let bad = try await browser.json(.post, "/api/v1/meetings/\(meetingId)/feedback", ["useful": 9], token: pair.mentee.token)
            #expect((bad.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "useful")
            let given = try await browser.json(.post, "/api/v1/meetings/\(meetingId)/feedback",
                                               ["useful": 5, "comment": "Great questions about my plan"], token: pair.mentee.token)
            #expect(given.status == .created)
            #expect(try await browser.json(.post, "/api/v1/meetings/\(meetingId)/feedback", ["useful": 4], token: pair.mentee.token).status == .conflict)
            // the other person sees it as feedback on their part
            let mentorView = try await browser.json(.get, "/api/v1/meetings/\(meetingId)", token: pair.mentor.token)
            #expect((mentorView.object["theirFeedback"] as? [String: Any])?["comment"] as? String == "Great questions about my plan")
            #expect(mentorView.object["myFeedback"] == nil)
            #expect(mentorView.object["feedbackInvited"] as? Bool == true)
            let menteeView = try await browser.json(.get, "/api/v1/meetings/\(meetingId)", token: pair.mentee.token)
            #expect(menteeView.object["feedbackInvited"] as? Bool == false)
            // and a held meeting can't be marked again
            #expect(try await browser.json(.post, "/api/v1/meetings/\(meetingId)/outcome", ["outcome": "noShowMentee"], token: pair.mentee.token).status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.all)
    func unresolvedItemsCarryOverToTheNextMeeting(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let slots = try await freeSlots(browser, pair)
            let first = try #require(try await book(browser, pair, slots[0]).object["id"] as? String)
            // given an action item and an open question raised in the first meeting
            let action = try await browser.json(.post, "/api/v1/meetings/\(first)/items",
                                                ["kind": "actionItem", "text": "Draft the project one-pager"], token: pair.mentee.token)
            #expect(action.status == .created)
            let question = try await browser.json(.post, "/api/v1/meetings/\(first)/items",
                                                  ["kind": "openQuestion", "text": "Who owns the budget?"], token: pair.mentor.token)
            let questionId = try #require(question.object["id"] as? String)
            #expect(try await browser.json(.post, "/api/v1/meetings/\(first)/items", ["kind": "actionItem", "text": " "], token: pair.mentee.token).status == .unprocessableContent)
            // when the next meeting is booked, both items are carried over
            let second = try #require(try await book(browser, pair, slots[4]).object["id"] as? String)
            let before = try await browser.json(.get, "/api/v1/meetings/\(second)", token: pair.mentor.token)
            let carried = (before.object["carriedOver"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(carried == ["Draft the project one-pager", "Who owns the budget?"])
            // and once the question is answered it stops carrying over
            let resolved = try await browser.json(.post, "/api/v1/items/\(questionId)/resolve", ["resolved": true], token: pair.mentee.token)
            #expect(resolved.status == .noContent, "\(resolved.text)")
            let after = try await browser.json(.get, "/api/v1/meetings/\(second)", token: pair.mentee.token)
            #expect((after.object["carriedOver"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } == ["Draft the project one-pager"])
            // an outsider can't touch the items
            let outsider = try await member(browser, "Olga Outsider", "olga@example.com")
            #expect(try await browser.json(.post, "/api/v1/items/\(questionId)/resolve", ["resolved": false], token: outsider.token).status == .notFound)
        }
    }
}

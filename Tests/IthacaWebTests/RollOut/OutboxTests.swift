import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaStorage
@testable import IthacaWeb
import Testing

/// Email that loses nothing: written with the change in one transaction (a rollback sends nothing), chosen per kind
/// and channel, stopped in one click, collected into digests, and reminders sent exactly once by any number of servers.
@Suite struct OutboxTests {
    @Test(arguments: TestDatabase.all)
    func aRolledBackChangeLeavesNoEmailAndNoInboxEntry(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let grace = try await member(browser, "Grace", "grace@example.com")
            let services = browser.services
            struct Rollback: Error {}
            // when a change writes a notification and then fails, inside one transaction
            await #expect(throws: Rollback.self) {
                try await services.database.transaction { _ in
                    try await services.notifications.send(to: [UUID(uuidString: grace.id)!], .requestReceived, "Someone asks you.", url: "/mentoring")
                    throw Rollback()
                }
            }
            // then nothing was queued and the inbox is empty
            #expect(try await browser.emails(to: "grace@example.com").isEmpty)
            #expect((try await browser.json(.get, "/api/v1/notifications", token: grace.token).object["items"] as? [Any])?.isEmpty == true)
            // and the same change committed sends exactly one
            try await services.database.transaction { _ in
                try await services.notifications.send(to: [UUID(uuidString: grace.id)!], .requestReceived, "Someone asks you.", url: "/mentoring")
            }
            #expect(try await browser.emails(to: "grace@example.com").count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func preferencesChooseTheChannelAndTheUnsubscribeLinkStopsEmailInOneClick(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let grace = try await member(browser, "Grace", "grace@example.com")
            let ada = try await member(browser, "Ada", "ada@example.com")
            try await browser.json(.patch, "/api/v1/me", ["openToMentoring": true, "mentorCapacity": 3], token: grace.token)
            // defaults: mentoring by email, community in the daily digest
            let defaults = try await browser.json(.get, "/api/v1/me/notification-preferences", token: grace.token)
            let channels = Dictionary(uniqueKeysWithValues: (defaults.object["preferences"] as? [[String: Any]] ?? []).map {
                ($0["kind"] as? String ?? "", $0["channel"] as? String ?? "")
            })
            #expect(channels["request_received"] == "email" && channels["answer"] == "daily_digest" && channels.count == NotificationKind.allCases.count)
            // bad input is a 400/422, never a 500
            #expect(try await browser.json(.put, "/api/v1/me/notification-preferences", ["preferences": [["kind": "request_received", "channel": "pigeon"]]],
                                           token: grace.token).status.code < 500)
            // the one-click link in an email turns that kind's email off (the inbox keeps it), and needs no sign-in
            try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Grow", "focus": "leadership"], token: ada.token)
            let email = try #require(try await browser.emails(to: "grace@example.com").last)
            let header = try #require(EmailText.header("List-Unsubscribe", in: email.message))
            let link = try #require(EmailText.links(in: header).first)
            let stranger = browser.fresh()
            #expect(try await stranger.get(link).status == .ok, "a confirmation page: link scanners must not unsubscribe")
            let tampered = link.replacingOccurrences(of: "k=request_received", with: "k=answer")
            #expect(try await stranger.request(.post, tampered).status == .badRequest)
            #expect(try await stranger.request(.post, link, headers: [.contentType: "application/x-www-form-urlencoded"],
                                               body: "List-Unsubscribe=One-Click").status == .ok)
            let after = try await browser.json(.get, "/api/v1/me/notification-preferences", token: grace.token)
            let changed = (after.object["preferences"] as? [[String: Any]] ?? []).first { $0["kind"] as? String == "request_received" }
            #expect(changed?["channel"] as? String == "inbox")
            // the next request reaches the inbox but not the mailbox
            let before = try await browser.emails(to: "grace@example.com").count
            let bo = try await member(browser, "Bo", "bo@example.com")
            try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Grow", "focus": "leadership"], token: bo.token)
            #expect(try await browser.emails(to: "grace@example.com").count == before)
            #expect((try await browser.json(.get, "/api/v1/notifications", token: grace.token).object["items"] as? [Any])?.count == 2)
            // "off" keeps it out of the inbox too
            #expect(try await browser.json(.put, "/api/v1/me/notification-preferences",
                                           ["preferences": [["kind": "request_received", "channel": "off"]]], token: grace.token).status == .ok)
            let cy = try await member(browser, "Cy", "cy@example.com")
            try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Grow", "focus": "leadership"], token: cy.token)
            #expect((try await browser.json(.get, "/api/v1/notifications", token: grace.token).object["items"] as? [Any])?.count == 2)
            // the settings page shows and saves the same choices
            _ = try await browser.signIn(email: "grace@example.com", password: "a long passphrase here")
            let page = try await browser.get("/settings/notifications")
            #expect(page.status == .ok && page.text.contains("A mentee asks you for mentoring"))
            #expect(try await browser.postForm("/settings/notifications", ["request_received": "weekly_digest"]).status == .seeOther)
            #expect(try await browser.postForm("/settings/notifications", ["request_received": "carrier-pigeon"]).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.all)
    func communityNotificationsWaitForTheDailyDigest(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let asker = try await member(browser, "Asker", "asker@example.com")
            let helper = try await member(browser, "Helper", "helper@example.com")
            for token in [asker.token, helper.token] { try await browser.json(.post, "/api/v1/spaces/general/join", token: token) }
            let question = try #require(try await browser.json(.post, "/api/v1/spaces/general/questions", ["title": "Where do I start?"],
                                                               token: asker.token).object["id"] as? String)
            try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "Start small."], token: helper.token)
            clock.advance(by: 3_600)
            try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "And ask often."], token: helper.token)
            await browser.services.jobs.runDue()
            #expect(try await browser.emails(to: "asker@example.com").isEmpty, "not a day yet")
            clock.advance(by: 86_400)
            await browser.services.jobs.runDue()
            let digests = try await browser.emails(to: "asker@example.com")
            #expect(digests.count == 1 && digests.first?.subject == "Your day in Ithaca")
            let text = EmailText.decoded(try #require(digests.first).message)
            #expect(text.contains("2 things happened") && text.contains("Helper answered your question"))
            clock.advance(by: 86_400)
            await browser.services.jobs.runDue()
            #expect(try await browser.emails(to: "asker@example.com").count == 1, "each item is in one digest only")
        }
    }

    @Test(arguments: TestDatabase.all)
    func bookingAndCancellingEmailBothPeopleACalendarInvitation(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let fixture = try await makeMentorship(browser)
            let start = try #require(try await freeSlots(browser, fixture).first)
            let booked = try await book(browser, fixture, start)
            #expect(booked.status == .created)
            let meeting = try #require(booked.object["id"] as? String)
            for address in ["grace@example.com", "ada@example.com"] {
                let email = try #require(try await browser.emails(to: address).last { $0.kind == "meeting_booked" })
                let text = EmailText.decoded(email.message)
                #expect(email.message.contains("text/calendar; charset=utf-8; method=REQUEST"))
                #expect(text.contains("METHOD:REQUEST") && text.contains("UID:\(meeting.lowercased())@ithaca") && text.contains("SEQUENCE:0"))
                #expect(text.contains("ORGANIZER;CN=\"Ithaca\":mailto:no-reply@"))
            }
            try await browser.json(.post, "/api/v1/meetings/\(meeting)/cancel", token: fixture.mentor.token)
            for address in ["grace@example.com", "ada@example.com"] {
                let email = try #require(try await browser.emails(to: address).last { $0.kind == "meeting_cancelled" })
                let text = EmailText.decoded(email.message)
                #expect(text.contains("METHOD:CANCEL") && text.contains("SEQUENCE:1")
                        && text.contains("UID:\(meeting.lowercased())@ithaca"))
            }
        }
    }

    /// A mentorship that ends keeps no appointments: its meetings still to come are cancelled in both people's
    /// calendars (METHOD:CANCEL, a higher SEQUENCE), and the other person is told it ended.
    @Test(arguments: TestDatabase.all)
    func endingAMentorshipCancelsItsMeetingsToComeInBothCalendars(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let fixture = try await makeMentorship(browser)
            let slots = try await freeSlots(browser, fixture)
            try #require(slots.count >= 3)
            var booked: [String] = []
            for start in [slots[0], slots[2]] {
                let response = try await book(browser, fixture, start)
                booked.append(try #require(response.object["id"] as? String, "\(response.text)"))
            }
            // one meeting already cancelled by hand keeps its own cancellation (and its sequence)
            #expect(try await browser.json(.post, "/api/v1/meetings/\(booked[1])/cancel", token: fixture.mentee.token).status == .ok)
            let ended = try await browser.json(.post, "/api/v1/mentorships/\(fixture.id)/end", [:] as [String: Any], token: fixture.mentee.token)
            #expect(ended.object["status"] as? String == "ended", "\(ended.text)")

            let meetings = try await browser.json(.get, "/api/v1/mentorships/\(fixture.id)/meetings", token: fixture.mentor.token)
            let statuses = (meetings.object["items"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
            #expect(statuses == ["cancelled", "cancelled"], "\(meetings.text)")
            for address in ["grace@example.com", "ada@example.com"] {
                let cancellations = try await browser.emails(to: address).filter { $0.kind == "meeting_cancelled" }.map { EmailText.decoded($0.message) }
                #expect(cancellations.count == 2, "\(address): \(cancellations.count)")
                #expect(cancellations.contains { $0.contains("METHOD:CANCEL") && $0.contains("UID:\(booked[0].lowercased())@ithaca") && $0.contains("SEQUENCE:1") })
            }
            let inbox = try await browser.json(.get, "/api/v1/notifications", token: fixture.mentor.token)
            #expect(inbox.text.contains("Ada Mentee ended your mentorship."), "\(inbox.text)")
            #expect(!(try await browser.json(.get, "/api/v1/notifications", token: fixture.mentee.token).text.contains("ended your mentorship")))
        }
    }

    @Test(arguments: TestDatabase.all)
    func twoServersSendEachMeetingReminderExactlyOnce(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTwoServers(database, clock: clock) { first, second in
            let fixture = try await makeMentorship(first)
            let start = try #require(try await freeSlots(first, fixture).last)
            #expect(try await book(first, fixture, start).status == .created)
            let startDate = try #require(ISO8601DateFormatter().date(from: start))
            #expect(startDate.timeIntervalSince(clock.now) > 26 * 3_600, "booked well ahead")
            // from a day and a bit before, walk the clock past the meeting, both servers looking for reminders at every step
            clock.advance(by: startDate.timeIntervalSince(clock.now) - 25 * 3_600)
            var now = clock.now
            while now < startDate.addingTimeInterval(2 * 3_600) {
                if database == .sqlite {
                    // One SQLite file is one server's (its writes are serialised anyway): the two take turns.
                    await first.services.jobs.runDue()
                    await second.services.jobs.runDue()
                    _ = try await second.services.meetingReminders.send()
                    _ = try await first.services.meetingReminders.send()
                } else {
                    async let a: Void = first.services.jobs.runDue()
                    async let b: Void = second.services.jobs.runDue()
                    // the reminder job itself, run by both at once without the lease: the ledger alone keeps it once
                    async let c = first.services.meetingReminders.send()
                    async let d = second.services.meetingReminders.send()
                    _ = await (a, b)
                    _ = try await (c, d)
                }
                clock.advance(by: 1_800)
                now = clock.now
            }
            for token in [fixture.mentor.token, fixture.mentee.token] {
                let items = try await first.json(.get, "/api/v1/notifications", token: token).object["items"] as? [[String: Any]] ?? []
                let reminders = items.filter { $0["kind"] as? String == "meeting_reminder" }.compactMap { $0["text"] as? String }
                #expect(reminders.filter { $0.contains("tomorrow") }.count == 1, "\(reminders)")
                #expect(reminders.filter { $0.contains("starts in an hour") }.count == 1, "\(reminders)")
                #expect(items.filter { $0["kind"] as? String == "feedback_due" }.isEmpty, "not held yet")
            }
            let reminderEmails = try await first.services.outbox.messages(limit: 500).filter { $0.kind == "meeting_reminder" }
            #expect(reminderEmails.count == 4)
            #expect(reminderEmails.allSatisfy { $0.sentAt != nil }, "delivered by whichever server claimed each")
        }
    }
}

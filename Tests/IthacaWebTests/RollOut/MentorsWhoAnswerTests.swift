import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaStorage
@testable import IthacaWeb
import Testing

/// Mentors are told of requests and answer them: accept, decline, ask for more information (the mentee replies and
/// the request returns), report; answer times; requests that expire pause a mentor; other requests for the same goal
/// are withdrawn once one is accepted. Every step reaches the other side's inbox and, by default, email.
@Suite struct MentorsWhoAnswerTests {
    func inbox(_ browser: TestBrowser, _ token: String) async throws -> [[String: Any]] {
        try await browser.json(.get, "/api/v1/notifications", token: token).object["items"] as? [[String: Any]] ?? []
    }

    /// The kinds in a person's inbox (the test clock stands still, so order among equal times is not asserted).
    func kinds(_ browser: TestBrowser, _ token: String) async throws -> [String] {
        try await inbox(browser, token).compactMap { $0["kind"] as? String }
    }

    func mentor(_ browser: TestBrowser, _ name: String, _ email: String) async throws -> (id: String, token: String) {
        let person = try await member(browser, name, email)
        try await browser.json(.patch, "/api/v1/me", ["openToMentoring": true, "mentorCapacity": 3], token: person.token)
        return person
    }

    func ask(_ browser: TestBrowser, _ mentor: String, _ token: String, goal: String = "Lead a project") async throws -> String {
        let asked = try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": mentor, "goal": goal, "focus": "leadership"], token: token)
        return try #require(asked.object["id"] as? String, "\(asked.status) \(asked.text)")
    }

    @Test(arguments: TestDatabase.all)
    func aMentorHearsOfANewRequestInTheInboxAndByEmail(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given a mentor and a mentee
            let grace = try await mentor(browser, "Grace Mentor", "grace@example.com")
            let ada = try await member(browser, "Ada Mentee", "ada@example.com")
            // when the mentee asks
            _ = try await ask(browser, grace.id, ada.token)
            // then the mentor's inbox and email say so, with a link to the mentoring page and a one-click unsubscribe
            let items = try await inbox(browser, grace.token)
            #expect(items.first?["kind"] as? String == "request_received")
            #expect((items.first?["text"] as? String)?.contains("Ada Mentee asks you for mentoring") == true)
            let emails = try await browser.emails(to: "grace@example.com")
            #expect(emails.count == 1)
            let email = try #require(emails.first)
            #expect(email.kind == "request_received")
            let text = EmailText.decoded(email.message)
            #expect(text.contains("Ada Mentee asks you for mentoring"))
            #expect(EmailText.links(in: text).contains("/mentoring"))
            #expect(EmailText.header("List-Unsubscribe", in: email.message)?.contains("/email/unsubscribe?") == true)
            #expect(EmailText.header("List-Unsubscribe-Post", in: email.message) == "List-Unsubscribe=One-Click")
            #expect(EmailText.header("Message-ID", in: email.message)?.hasPrefix("<") == true)
            #expect(EmailText.header("Date", in: email.message) != nil)
            #expect(try await browser.emails(to: "ada@example.com").isEmpty, "nobody is told of their own request")
        }
    }

    @Test(arguments: TestDatabase.all)
    func askingForMoreInformationWaitsForTheReplyThenReturnsToTheMentor(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let grace = try await mentor(browser, "Grace Mentor", "grace@example.com")
            let ada = try await member(browser, "Ada Mentee", "ada@example.com")
            let request = try await ask(browser, grace.id, ada.token)
            // the mentee cannot ask, the mentor cannot reply, a blank question is refused
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(request)/ask-more", ["question": "Why me?"], token: ada.token).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(request)/reply", ["reply": "x"], token: ada.token).status == .conflict)
            let blank = try await browser.json(.post, "/api/v1/mentorship-requests/\(request)/ask-more", ["question": "  "], token: grace.token)
            #expect(blank.status == .unprocessableContent && blank.errorFields == ["question"])
            // when the mentor asks
            let asked = try await browser.json(
                .post, "/api/v1/mentorship-requests/\(request)/ask-more", ["question": "What project do you lead?"], token: grace.token)
            #expect(asked.status == .ok)
            #expect(asked.object["status"] as? String == "needs_info" && asked.object["question"] as? String == "What project do you lead?")
            // then the mentee is told (and may not send a second request to the same mentor meanwhile)
            #expect(try await kinds(browser, ada.token) == ["request_needs_info"])
            #expect(EmailText.decoded(try #require(try await browser.emails(to: "ada@example.com").last).message).contains("What project do you lead?"))
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Again", "focus": "leadership"],
                                           token: ada.token).status == .conflict)
            // when the mentee replies, the request is the mentor's again
            let replied = try await browser.json(
                .post, "/api/v1/mentorship-requests/\(request)/reply", ["reply": "The billing migration."], token: ada.token)
            #expect(replied.status == .ok && replied.object["status"] as? String == "pending" && replied.object["reply"] as? String == "The billing migration.")
            #expect(try await kinds(browser, grace.token).contains("request_replied"))
            // and the mentor's page shows the conversation
            _ = try await browser.signIn(email: "grace@example.com", password: "a long passphrase here")
            let page = try await browser.get("/mentoring")
            #expect(page.text.contains("What project do you lead?") && page.text.contains("The billing migration."))
            // accepting now works and tells the mentee
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(request)/accept", token: grace.token).status == .ok)
            #expect(try await kinds(browser, ada.token).contains("request_answered"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aReportedRequestReachesTheSiteAdminsAndReadsAsDeclinedToTheMentee(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let grace = try await mentor(browser, "Grace Mentor", "grace@example.com")
            let troll = try await member(browser, "Troll", "troll@example.com")
            let request = try await ask(browser, grace.id, troll.token, goal: "Something rude")
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(request)/report", ["reason": "Abusive language"],
                                           token: troll.token).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(request)/report", ["reason": "Abusive language"],
                                           token: grace.token).status == .noContent)
            // the mentee is not told, and sees it as declined
            #expect(try await inbox(browser, troll.token).isEmpty)
            let mine = try await browser.json(.get, "/api/v1/mentorship-requests", token: troll.token).object["items"] as? [[String: Any]] ?? []
            #expect(mine.first?["status"] as? String == "declined")
            // the site admin is told and finds it on the moderation page with its text and the reason
            #expect(try await inbox(browser, admin.token).first?["kind"] as? String == "moderation")
            _ = try await browser.signIn(email: "admin@example.com", password: "a long passphrase here")
            let page = try await browser.get("/moderation")
            #expect(page.text.contains("Something rude") && page.text.contains("Abusive language"))
            // a member who is not an admin sees no reported requests
            let other = browser.fresh()
            _ = try await other.signIn(email: "grace@example.com", password: "a long passphrase here")
            #expect(!(try await other.get("/moderation").text.contains("Something rude")))
        }
    }

    @Test(arguments: TestDatabase.all)
    func acceptingWithdrawsTheMenteesOtherRequestsForTheSameGoal(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let grace = try await mentor(browser, "Grace Mentor", "grace@example.com")
            let linus = try await mentor(browser, "Linus Mentor", "linus@example.com")
            let barbara = try await mentor(browser, "Barbara Mentor", "barbara@example.com")
            let ada = try await member(browser, "Ada Mentee", "ada@example.com")
            let first = try await ask(browser, grace.id, ada.token, goal: "Lead a project")
            let second = try await ask(browser, linus.id, ada.token, goal: "lead a project")
            let other = try await ask(browser, barbara.id, ada.token, goal: "Public speaking")
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(first)/accept", token: grace.token).status == .ok)
            let mine = Dictionary(uniqueKeysWithValues: (try await browser.json(.get, "/api/v1/mentorship-requests", token: ada.token)
                .object["items"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") })
            #expect(mine[second] == "withdrawn", "same goal, another mentor: withdrawn")
            #expect(mine[other] == "pending", "another goal stays")
            #expect(try await kinds(browser, linus.token).sorted() == ["request_received", "request_withdrawn"])
            #expect(try await inbox(browser, barbara.token).first?["kind"] as? String == "request_received")
        }
    }

    @Test(arguments: TestDatabase.all)
    func expiringRequestsRemindTheMentorAndThreeExpiriesInARowPauseThem(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let grace = try await mentor(browser, "Grace Mentor", "grace@example.com")
            var mentees: [(id: String, token: String)] = []
            for index in 1...4 { mentees.append(try await member(browser, "Mentee \(index)", "mentee\(index)@example.com")) }
            for mentee in mentees.prefix(3) { _ = try await ask(browser, grace.id, mentee.token) }
            // 11 days later (3 days before the 14-day expiry): one reminder per request, once however often the job runs
            clock.advance(by: 11 * 86_400 + 60)
            await browser.services.jobs.runDue()
            clock.advance(by: 301)
            await browser.services.jobs.runDue()
            let kinds = try await inbox(browser, grace.token).compactMap { $0["kind"] as? String }
            #expect(kinds.filter { $0 == "request_expiring" }.count == 3)
            // a day before: the second reminder
            clock.advance(by: 2 * 86_400)
            await browser.services.jobs.runDue()
            #expect(try await inbox(browser, grace.token).filter { $0["kind"] as? String == "request_expiring" }.count == 6)
            // after the expiry: the three expired unanswered, so new requests pause and the mentor is told kindly
            clock.advance(by: 86_400 + 600)
            await browser.services.jobs.runDue()
            #expect(try await inbox(browser, grace.token).first?["kind"] as? String == "requests_paused")
            let refused = try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Grow", "focus": "leadership"],
                                                 token: mentees[3].token)
            #expect(refused.status == .unprocessableContent && refused.text.contains("isn't taking requests right now"))
            // the profile says so; one click reopens
            let reader = browser.fresh()
            _ = try await reader.signIn(email: "mentee4@example.com", password: "a long passphrase here")
            #expect(try await reader.get("/people/\(grace.id)").text.contains("Not taking requests right now"))
            let graceBrowser = browser.fresh()
            _ = try await graceBrowser.signIn(email: "grace@example.com", password: "a long passphrase here")
            #expect(try await graceBrowser.get("/mentoring").text.contains("not taking requests right now"))
            #expect(try await graceBrowser.postForm("/mentoring/reopen-requests", [:]).status == .seeOther)
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Grow", "focus": "leadership"],
                                           token: mentees[3].token).status == .created)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aMentorsTypicalAnswerTimeShowsOnceThereAreThreeAnswers(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let grace = try await mentor(browser, "Grace Mentor", "grace@example.com")
            _ = try await member(browser, "Viewer", "viewer@example.com")
            let reader = browser.fresh()
            _ = try await reader.signIn(email: "viewer@example.com", password: "a long passphrase here")
            for (index, hours) in [2.0, 30, 5].enumerated() {
                let mentee = try await member(browser, "Mentee \(index)", "m\(index)@example.com")
                let request = try await ask(browser, grace.id, mentee.token)
                clock.advance(by: hours * 3_600)
                if index < 2 {
                    _ = try await reader.signIn(email: "viewer@example.com", password: "a long passphrase here")
                    let profile = try await reader.get("/people/\(grace.id)").text
                    #expect(profile.contains("Grace Mentor") && !profile.contains("Usually answers"), "fewer than three answers: no figure")
                }
                try await browser.json(.post, "/api/v1/mentorship-requests/\(request)/decline", ["reason": "Full"], token: grace.token)
            }
            // median of 2 h, 30 h and 5 h is 5 h
            // (the hours that passed timed the reader's session out)
            _ = try await reader.signIn(email: "viewer@example.com", password: "a long passphrase here")
            let profile = try await reader.get("/people/\(grace.id)").text
            #expect(profile.contains("Usually answers within 5 hours"), "\(profile.components(separatedBy: "chips").dropFirst().first?.prefix(600) ?? "")")
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Goals with milestones and the manager's opt-in summary; introductions with double opt-in; endorsements the
/// mentee approves.
@Suite struct GoalsIntroductionsEndorsementsTests {
    @Test(arguments: TestDatabase.all)
    func goalsHaveMilestonesAndOnlyTheManagerSeesTheSharedSummary(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let pair = try await makeMentorship(browser)
            let manager = try await member(browser, "Maya Manager", "maya@example.com")
            try await browser.json(.patch, "/api/v1/me", ["managerId": manager.id], token: pair.mentee.token)
            // the mentee adds a goal linked to the mentorship
            let created = try await browser.json(.post, "/api/v1/me/goals", [
                "title": "Lead a project", "milestones": ["Draft the plan", "Run the kick-off"], "mentorshipId": pair.id,
            ], token: pair.mentee.token)
            #expect(created.status == .created, "\(created.text)")
            let goalId = try #require(created.object["id"] as? String)
            var milestones = try #require(created.object["milestones"] as? [[String: Any]])
            #expect(created.object["percent"] as? Int == 0)
            #expect(try await browser.json(.post, "/api/v1/me/goals", ["title": " "], token: pair.mentee.token).status == .unprocessableContent)
            // ticking one milestone is 50 %; the mentor sees the linked goal
            milestones[0]["done"] = true
            let updated = try await browser.json(.patch, "/api/v1/goals/\(goalId)", ["milestones": milestones], token: pair.mentee.token)
            #expect(updated.object["percent"] as? Int == 50, "\(updated.text)")
            #expect((updated.object["milestones"] as? [[String: Any]])?.first?["id"] as? String == milestones[0]["id"] as? String)
            let linked = try await browser.json(.get, "/api/v1/mentorships/\(pair.id)/goals", token: pair.mentor.token)
            #expect((linked.object["items"] as? [[String: Any]])?.first?["title"] as? String == "Lead a project")
            #expect(try await browser.json(.patch, "/api/v1/goals/\(goalId)", ["achieved": true], token: pair.mentor.token).status == .notFound)
            // nothing is shared with the manager until the mentee opts in
            #expect((try await browser.json(.get, "/api/v1/people/\(pair.mentee.id)/goals-summary", token: manager.token).object["items"] as? [Any])?.isEmpty == true)
            try await browser.json(.patch, "/api/v1/goals/\(goalId)", ["shareWithManager": true], token: pair.mentee.token)
            let summary = try await browser.json(.get, "/api/v1/people/\(pair.mentee.id)/goals-summary", token: manager.token)
            #expect((summary.object["items"] as? [[String: Any]])?.first?["summary"] as? String == "Lead a project: 50% of milestones done")
            // nobody else, admins included, gets the summary
            for token in [pair.mentor.token, admin.token] {
                #expect(try await browser.json(.get, "/api/v1/people/\(pair.mentee.id)/goals-summary", token: token).status == .notFound)
            }
            // the manager's view of the profile shows the summary line
            try await browser.signIn(email: "maya@example.com", password: "a long passphrase here")
            #expect(try await browser.get("/people/\(pair.mentee.id.lowercased())").text.contains("Lead a project: 50% of milestones done"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func introductionsShareContactDetailsOnlyOnceTheMemberAccepts(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let nia = try await member(browser, "Nia Network", "nia@example.com")
            let path = "/api/v1/mentorships/\(pair.id)/introductions"
            // only the mentor introduces, and to a third person
            #expect(try await browser.json(.post, path, ["memberId": nia.id, "note": "x"], token: pair.mentee.token).status == .forbidden)
            #expect(try await browser.json(.post, path, ["memberId": pair.mentee.id, "note": "x"], token: pair.mentor.token).status == .unprocessableContent)
            #expect(try await browser.json(.post, path, ["memberId": nia.id, "note": " "], token: pair.mentor.token).status == .unprocessableContent)
            let made = try await browser.json(.post, path, ["memberId": nia.id, "note": "Nia ran the platform migration you are planning."], token: pair.mentor.token)
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(made.object["id"] as? String)
            // before the member answers nobody sees an email
            for token in [pair.mentee.token, nia.token] {
                let list = try await browser.json(.get, "/api/v1/introductions", token: token)
                #expect(!list.text.contains("@example.com"), "\(list.text)")
            }
            // only the member answers
            #expect(try await browser.json(.post, "/api/v1/introductions/\(id)/accept", token: pair.mentee.token).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/introductions/\(id)/accept", token: nia.token).object["status"] as? String == "accepted")
            #expect(try await browser.json(.post, "/api/v1/introductions/\(id)/decline", token: nia.token).status == .conflict)
            let menteeView = try await browser.json(.get, "/api/v1/introductions", token: pair.mentee.token)
            #expect((menteeView.object["items"] as? [[String: Any]])?.first?["contactEmail"] as? String == "nia@example.com")
            let memberView = try await browser.json(.get, "/api/v1/introductions", token: nia.token)
            #expect((memberView.object["items"] as? [[String: Any]])?.first?["contactEmail"] as? String == "ada@example.com")
            let outsider = try await member(browser, "Olga Outsider", "olga@example.com")
            #expect(try await browser.json(.post, "/api/v1/introductions/\(id)/accept", token: outsider.token).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anEndorsementAppearsOnTheProfileOnlyOnceTheMenteeApproves(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let path = "/api/v1/mentorships/\(pair.id)/endorsements"
            let text = "Ada turns vague problems into clear plans. ENDORSEMENT-7a1b"
            #expect(try await browser.json(.post, path, ["text": "self praise"], token: pair.mentee.token).status == .forbidden)
            let made = try await browser.json(.post, path, ["text": text], token: pair.mentor.token)
            #expect(made.status == .created)
            let id = try #require(made.object["id"] as? String)
            let before = try await browser.json(.get, "/api/v1/people/\(pair.mentee.id)", token: pair.mentor.token)
            #expect(!before.text.contains("ENDORSEMENT-7a1b"))
            #expect(try await browser.json(.post, "/api/v1/endorsements/\(id)/approve", token: pair.mentor.token).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/endorsements/\(id)/approve", token: pair.mentee.token).object["status"] as? String == "approved")
            let after = try await browser.json(.get, "/api/v1/people/\(pair.mentee.id)", token: pair.mentor.token)
            #expect((after.object["endorsements"] as? [[String: Any]])?.first?["text"] as? String == text)
            #expect((after.object["endorsements"] as? [[String: Any]])?.first?["authorName"] as? String == "Grace Mentor")
            // a rejected one never shows
            let second = try #require(try await browser.json(.post, path, ["text": "HIDDEN-ENDORSEMENT"], token: pair.mentor.token).object["id"] as? String)
            try await browser.json(.post, "/api/v1/endorsements/\(second)/reject", token: pair.mentee.token)
            try await browser.signIn(email: "grace@example.com", password: "a long passphrase here")
            let page = try await browser.get("/people/\(pair.mentee.id.lowercased())")
            #expect(page.text.contains("ENDORSEMENT-7a1b") && !page.text.contains("HIDDEN-ENDORSEMENT"))
        }
    }
}

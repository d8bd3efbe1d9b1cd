import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Spaces and "no stupid questions": asking (also anonymously), answering, voting, accepting; API and pages.
@Suite struct CommunityQuestionsTests {
    @Test(arguments: TestDatabase.all)
    func aFreshInstallHasDefaultSpacesAndOnlyAdminsCreateMore(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada", "ada@example.com")
            let spaces = try await browser.json(.get, "/api/v1/spaces", token: ada.token)
            #expect(Set((spaces.object["items"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String })
                .isSuperset(of: ["general", "career-growth"]))
            #expect(try await browser.json(.post, "/api/v1/spaces", ["name": "iOS"], token: ada.token).status == .forbidden)
            let created = try await browser.json(.post, "/api/v1/spaces", ["name": "iOS", "description": "Apple platforms"], token: admin.token)
            #expect(created.status == .created)
            #expect(created.object["slug"] as? String == "ios")
            #expect(try await browser.json(.post, "/api/v1/spaces", ["name": "IOS"], token: admin.token).status == .conflict)
            #expect(try await browser.json(.post, "/api/v1/spaces", ["name": " "], token: admin.token).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.all)
    func askAnswerVoteAccept(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada Asker", "ada@example.com")
            let ben = try await member(browser, "Ben Answerer", "ben@example.com")
            // members post; readers who have not joined are told to join
            let ask: [String: Any] = ["title": "How do I ask my manager for feedback?", "body": "I'm *new* here.", "tags": ["feedback", "Career"]]
            #expect(try await browser.json(.post, "/api/v1/spaces/general/questions", ask, token: ada.token).status == .forbidden)
            for token in [ada.token, ben.token] { try await browser.json(.post, "/api/v1/spaces/general/join", token: token) }
            let asked = try await browser.json(.post, "/api/v1/spaces/general/questions", ask, token: ada.token)
            #expect(asked.status == .created, "\(asked.text)")
            #expect((asked.object["bodyHtml"] as? String)?.contains("<em>new</em>") == true)
            let questionId = try #require(asked.object["id"] as? String)
            // it is listed as unanswered until someone answers
            let unanswered = try await browser.json(.get, "/api/v1/spaces/general/questions?order=unanswered", token: ben.token)
            #expect((unanswered.object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [questionId])
            let answered = try await browser.json(.post, "/api/v1/questions/\(questionId)/answers", ["body": "Ask for one specific thing to improve."], token: ben.token)
            #expect(answered.status == .created)
            let answerId = try #require(answered.object["id"] as? String)
            #expect((try await browser.json(.get, "/api/v1/spaces/general/questions?order=unanswered", token: ben.token).object["items"] as? [Any])?.isEmpty == true)
            #expect(try await browser.json(.post, "/api/v1/questions/\(questionId)/answers", ["body": " "], token: ben.token).status == .unprocessableContent)
            // votes: once, never your own
            #expect(try await browser.json(.post, "/api/v1/answers/\(answerId)/votes", token: ben.token).status == .unprocessableContent)
            #expect(try await browser.json(.post, "/api/v1/answers/\(answerId)/votes", token: ada.token).object["score"] as? Int == 1)
            #expect(try await browser.json(.post, "/api/v1/answers/\(answerId)/votes", token: ada.token).status == .conflict)
            #expect(try await browser.json(.post, "/api/v1/questions/\(questionId)/votes", token: ben.token).object["score"] as? Int == 1)
            // only the asker accepts
            #expect(try await browser.json(.post, "/api/v1/answers/\(answerId)/accept", token: ben.token).status == .forbidden)
            let accepted = try await browser.json(.post, "/api/v1/answers/\(answerId)/accept", token: ada.token)
            #expect(accepted.object["acceptedAnswerId"] as? String == answerId)
            let detail = try await browser.json(.get, "/api/v1/questions/\(questionId)", token: ben.token)
            #expect(((detail.object["answers"] as? [[String: Any]])?.first?["accepted"] as? Bool) == true)
            // the question's page shows it all, escaped
            try await browser.signIn(email: "ben@example.com", password: "a long passphrase here")
            let page = try await browser.get("/questions/\(questionId)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Accepted answer") && page.text.contains("Ask for one specific thing to improve."))
            #expect(page.text.contains("I&#39;m <em>new</em> here.") || page.text.contains("I’m <em>new</em> here.") || page.text.contains("<em>new</em>"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anonymousAskersAreNeverRevealedToMembersOrAdmins(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let shy = try await member(browser, "Shy Zebediah", "shy@example.com")
            let ben = try await member(browser, "Ben Reader", "ben@example.com")
            try await browser.json(.post, "/api/v1/spaces/career-growth/join", token: shy.token)
            let asked = try await browser.json(.post, "/api/v1/spaces/career-growth/questions",
                                               ["title": "Is it normal to feel lost after a promotion?", "anonymous": true], token: shy.token)
            let id = try #require(asked.object["id"] as? String)
            #expect(asked.object["askedBy"] as? String == "You (anonymously)")
            for token in [ben.token, admin.token] {
                for path in ["/api/v1/questions/\(id)", "/api/v1/spaces/career-growth/questions"] {
                    let response = try await browser.json(.get, path, token: token)
                    #expect(response.status == .ok)
                    #expect(!response.text.contains("Zebediah") && !response.text.contains(shy.id) && !response.text.contains(shy.id.lowercased()))
                    #expect(response.text.contains("A member"))
                }
                let profile = try await browser.json(.get, "/api/v1/people/\(shy.id)", token: token)
                #expect(!profile.text.contains("lost after a promotion"))
            }
            for email in ["ben@example.com", "admin@example.com"] {
                let reader = browser.fresh()
                try await reader.signIn(email: email, password: "a long passphrase here")
                for path in ["/questions/\(id)", "/spaces/career-growth"] {
                    let page = try await reader.get(path)
                    #expect(page.status == .ok)
                    #expect(!page.text.contains("Zebediah") && !page.text.contains(shy.id.lowercased()))
                }
            }
            // a named question shows on the asker's profile page; the anonymous one never does
            try await browser.json(.post, "/api/v1/spaces/career-growth/questions", ["title": "Named question about growth plans"], token: shy.token)
            let reader = browser.fresh()
            try await reader.signIn(email: "ben@example.com", password: "a long passphrase here")
            let profilePage = try await reader.get("/people/\(shy.id.lowercased())")
            #expect(profilePage.text.contains("Named question about growth plans"))
            #expect(!profilePage.text.contains("lost after a promotion"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func storedScriptInEveryFieldIsInertOnThePages(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada", "ada@example.com")
            try await browser.json(.post, "/api/v1/spaces/general/join", token: ada.token)
            let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
            let asked = try await browser.json(.post, "/api/v1/spaces/general/questions",
                                               ["title": "XSS \(payload)", "body": payload + " [x](javascript:alert(3))", "tags": ["<script>t</script>"]], token: ada.token)
            let id = try #require(asked.object["id"] as? String)
            try await browser.json(.post, "/api/v1/questions/\(id)/answers", ["body": payload], token: ada.token)
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            for path in ["/questions/\(id)", "/spaces/general"] {
                let page = try await browser.get(path)
                #expect(!page.text.contains("<script>alert(1)") && !page.text.contains("<script>t"))
                #expect(!page.text.contains("<img src=x"), "the image tag is escaped, so its handler is text")
                #expect(!page.text.contains("javascript:alert"))
            }
        }
    }
}

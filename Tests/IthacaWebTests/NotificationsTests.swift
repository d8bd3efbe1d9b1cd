import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The inbox: answers reach the asker and followers, accepted answers their author (never naming an anonymous
/// asker), matches both people, cheers the one cheered; read, mark all read; only your own.
@Suite struct NotificationsTests {
    func items(_ browser: TestBrowser, _ token: String) async throws -> (items: [[String: Any]], unread: Int) {
        let inbox = try await browser.json(.get, "/api/v1/notifications", token: token)
        return (inbox.object["items"] as? [[String: Any]] ?? [], inbox.object["unread"] as? Int ?? -1)
    }

    @Test(arguments: TestDatabase.all)
    func answersAndAcceptedAnswersReachTheRightInboxes(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let shy = try await member(browser, "Shy Zebediah", "shy@example.com")
            let ben = try await member(browser, "Ben Answerer", "ben@example.com")
            let cleo = try await member(browser, "Cleo Follower", "cleo@example.com")
            for token in [shy.token, ben.token, cleo.token] { try await browser.json(.post, "/api/v1/spaces/general/join", token: token) }
            let asked = try await browser.json(.post, "/api/v1/spaces/general/questions",
                                               ["title": "How do I say no to extra work?", "anonymous": true], token: shy.token)
            let question = try #require(asked.object["id"] as? String)
            #expect(try await browser.json(.post, "/api/v1/questions/\(question)/follow", token: cleo.token).status == .noContent)
            let answered = try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "Offer a trade-off."], token: ben.token)
            let answer = try #require(answered.object["id"] as? String)
            let asker = try await items(browser, shy.token)
            #expect(asker.unread == 1 && (asker.items.first?["text"] as? String)?.hasPrefix("Ben Answerer answered your question") == true)
            #expect(asker.items.first?["kind"] as? String == "answer")
            let follower = try await items(browser, cleo.token)
            #expect(follower.items.first?["kind"] as? String == "followed_answer")
            #expect(try await items(browser, ben.token).items.isEmpty, "nobody is told about their own answer")
            // accepting tells the answerer, without naming the anonymous asker
            try await browser.json(.post, "/api/v1/answers/\(answer)/accept", token: shy.token)
            let answerer = try await items(browser, ben.token)
            #expect(answerer.items.first?["kind"] as? String == "accepted")
            let acceptedText = answerer.items.first?["text"] as? String ?? ""
            #expect(acceptedText.hasPrefix("Your answer to") && acceptedText.contains("Shy") == false, "\(acceptedText)")
            // unfollowing stops followed answers
            #expect(try await browser.json(.delete, "/api/v1/questions/\(question)/follow", token: cleo.token).status == .noContent)
            try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "Ask what to drop."], token: ben.token)
            #expect(try await items(browser, cleo.token).items.count == 1)
            // read one, then all; nobody else's
            let first = try #require(asker.items.first?["id"] as? String)
            #expect(try await browser.json(.post, "/api/v1/notifications/\(first)/read", token: ben.token).status == .notFound)
            #expect(try await browser.json(.post, "/api/v1/notifications/\(first)/read", token: shy.token).status == .noContent)
            #expect(try await items(browser, shy.token).unread == 1)
            try await browser.json(.post, "/api/v1/notifications/read-all", token: shy.token)
            #expect(try await items(browser, shy.token).unread == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theInboxPageShowsUnreadAndOpensWhatItIsAbout(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada Asker", "ada@example.com")
            let ben = try await member(browser, "Ben <i>Answerer</i>", "ben@example.com")
            for token in [ada.token, ben.token] { try await browser.json(.post, "/api/v1/spaces/general/join", token: token) }
            let asked = try await browser.json(.post, "/api/v1/spaces/general/questions", ["title": "Where do I start?"], token: ada.token)
            let question = try #require(asked.object["id"] as? String)
            try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "Start small."], token: ben.token)
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let home = try await browser.get("/")
            #expect(home.text.contains("Inbox <span class=\"badge\">1<span class=\"visually-hidden\"> unread</span></span>"))
            let inbox = try await browser.get("/notifications")
            #expect(inbox.text.contains("Ben &lt;i&gt;Answerer&lt;/i&gt; answered your question") && inbox.text.contains("1 unread."))
            let id = try #require((try await items(browser, ada.token)).items.first?["id"] as? String)
            let opened = try await browser.postForm("/notifications/\(id.lowercased())/read", [:])
            #expect(opened.status == .seeOther && opened.header("Location") == "/questions/\(question.lowercased())")
            #expect(try await browser.get("/notifications").text.contains("You're all caught up."))
            // following from the question's page
            let page = try await browser.get("/questions/\(question.lowercased())")
            #expect(page.text.contains("Stop following"), "askers follow their own questions")
        }
    }

    @Test(arguments: TestDatabase.all)
    func mentionsReachTheSpacesMembersWithoutRevealingAnAnonymousAsker(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada Asker", "ada@example.com")
            let ben = try await member(browser, "Ben Reader", "ben@example.com")
            let outsider = try await member(browser, "Olga Outside", "olga@example.com")
            for person in [ada, ben] { try await browser.json(.post, "/api/v1/spaces/career-growth/join", token: person.token) }
            let asked = try await browser.json(.post, "/api/v1/spaces/career-growth/questions", [
                "title": "Feedback on my plan?", "body": "@Ben Reader and @Olga Outside, what would you change?", "anonymous": true,
            ], token: ada.token)
            let id = try #require(asked.object["id"] as? String)
            let benInbox = try await browser.json(.get, "/api/v1/notifications", token: ben.token)
            #expect(benInbox.text.contains("A member mentioned you in “Feedback on my plan?”") && !benInbox.text.contains("Ada"))
            #expect(!(try await browser.json(.get, "/api/v1/notifications", token: outsider.token)).text.contains("mentioned you"))
            try await browser.json(.post, "/api/v1/questions/\(id)/answers", ["body": "Ask @ada asker's manager too (not you, @Ben Reader)."], token: ben.token)
            let adaInbox = try await browser.json(.get, "/api/v1/notifications", token: ada.token).object["items"] as? [[String: Any]] ?? []
            #expect(adaInbox.contains { $0["kind"] as? String == "mention" && ($0["text"] as? String ?? "").hasPrefix("Ben Reader mentioned you") })
            // mentioning yourself notifies nobody
            let benMentions = (try await browser.json(.get, "/api/v1/notifications", token: ben.token).object["items"] as? [[String: Any]] ?? [])
                .filter { $0["kind"] as? String == "mention" }
            #expect(benMentions.count == 1)
        }
    }
}

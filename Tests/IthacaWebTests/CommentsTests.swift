import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaWeb
import Testing

/// Comments under questions and answers: members comment, the post's author hears of it, an anonymous asker stays
/// anonymous in their own comments, text is escaped.
@Suite struct CommentsTests {
    @Test(arguments: TestDatabase.all)
    func commentsOnQuestionsAndAnswersKeepAnonymity(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let shy = try await member(browser, "Shy Zebediah", "shy@example.com")
            let ben = try await member(browser, "Ben Answerer", "ben@example.com")
            let outsider = try await member(browser, "Olga Outsider", "olga@example.com")
            for token in [shy.token, ben.token] { try await browser.json(.post, "/api/v1/spaces/general/join", token: token) }
            let asked = try await browser.json(.post, "/api/v1/spaces/general/questions", ["title": "Is it okay to ask for help?", "anonymous": true], token: shy.token)
            let question = try #require(asked.object["id"] as? String)
            let answered = try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "Always."], token: ben.token)
            let answer = try #require(answered.object["id"] as? String)
            #expect(try await browser.json(.post, "/api/v1/answers/\(answer)/comments", ["body": "Thanks!"], token: outsider.token).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/answers/\(answer)/comments", ["body": "  "], token: shy.token).status == .unprocessableContent)
            let thanks = try await browser.json(.post, "/api/v1/answers/\(answer)/comments", ["body": "Thank you <b>so</b> much"], token: shy.token)
            #expect(thanks.status == .created && thanks.object["author"] as? String == "You (the asker, anonymously)")
            try await browser.json(.post, "/api/v1/questions/\(question)/comments", ["body": "Could you say more?"], token: ben.token)
            // everyone else sees "The asker", never the name
            for token in [ben.token, outsider.token] {
                let detail = try await browser.json(.get, "/api/v1/questions/\(question)", token: token)
                let comments = detail.object["comments"] as? [[String: Any]] ?? []
                #expect(comments.count == 2 && comments.contains { $0["author"] as? String == "The asker" })
                #expect(!detail.text.contains("Shy Zebediah"))
            }
            // the answer's author hears of the comment, without the asker's name
            let inbox = try await browser.json(.get, "/api/v1/notifications", token: ben.token).object["items"] as? [[String: Any]] ?? []
            let note = inbox.first { $0["kind"] as? String == "comment" }?["text"] as? String ?? ""
            #expect(note.hasPrefix("The asker commented on your answer"), "\(note)")
            // the page shows both comments, escaped
            try await browser.signIn(email: "ben@example.com", password: "a long passphrase here")
            let page = try await browser.get("/questions/\(question.lowercased())")
            #expect(page.text.contains("Thank you &lt;b&gt;so&lt;/b&gt; much") && page.text.contains("Could you say more?"))
            #expect(page.text.contains("The asker,") && !page.text.contains("Shy Zebediah"))
            // the author edits their answer; nobody else can
            #expect(try await browser.json(.patch, "/api/v1/answers/\(answer)", ["body": "Mine now"], token: shy.token).status == .forbidden)
            #expect(try await browser.json(.patch, "/api/v1/answers/\(answer)", ["body": " "], token: ben.token).status == .unprocessableContent)
            let edited = try await browser.json(.patch, "/api/v1/answers/\(answer)", ["body": "Always, and *early*."], token: ben.token)
            #expect(edited.status == .ok && (edited.object["bodyHtml"] as? String)?.contains("<em>early</em>") == true)
            let viaPage = try await browser.postForm("/answers/\(answer.lowercased())/edit", ["body": "Always, early and often."])
            #expect(viaPage.status == .seeOther)
            #expect(try await browser.get("/questions/\(question.lowercased())").text.contains("Always, early and often."))
            let posted = try await browser.postForm("/answers/\(answer.lowercased())/comments", ["body": "You're welcome"])
            #expect(posted.status == .seeOther && posted.header("Location") == "/questions/\(question.lowercased())")
        }
    }

    @Test(arguments: TestDatabase.all)
    func postingIsLimitedPerPersonAndWindow(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock, configure: { $0.postingLimit = PostingLimit(posts: 3, window: 600) }) { browser in
            let ada = try await member(browser, "Ada", "ada@example.com")
            let ben = try await member(browser, "Ben", "ben@example.com")
            for token in [ada.token, ben.token] { try await browser.json(.post, "/api/v1/spaces/general/join", token: token) }
            let asked = try await browser.json(.post, "/api/v1/spaces/general/questions", ["title": "Flood test"], token: ada.token)
            let question = try #require(asked.object["id"] as? String)
            for index in 1...2 {
                #expect(try await browser.json(.post, "/api/v1/questions/\(question)/comments", ["body": "Comment \(index)"], token: ada.token).status == .created)
            }
            let refused = try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "One more"], token: ada.token)
            #expect(refused.status == .tooManyRequests && refused.header("Retry-After") != nil)
            // others are not affected; the next window lets Ada post again
            #expect(try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "Hello"], token: ben.token).status == .created)
            clock.advance(by: 600)
            #expect(try await browser.json(.post, "/api/v1/questions/\(question)/answers", ["body": "One more"], token: ada.token).status == .created)
        }
    }
}

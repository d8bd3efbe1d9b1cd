import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Learning resources: safe links only, +1 once and never your own, one review each, lists by tag and order.
@Suite struct ResourcesTests {
    @Test(arguments: TestDatabase.all)
    func shareRecommendReviewAndList(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada", "ada@example.com")
            let ben = try await member(browser, "Ben", "ben@example.com")
            for bad in ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/x", "https://user:pw@example.org/", "not a url", "https://localhost"] {
                let refused = try await browser.json(.post, "/api/v1/resources", ["title": "Bad", "url": bad], token: ada.token)
                #expect(refused.status == .unprocessableContent, "\(bad)")
            }
            let book = try await browser.json(.post, "/api/v1/resources", [
                "title": "The Manager's Path", "url": "https://example.org/managers-path", "kind": "book", "level": "intermediate",
                "tags": ["Management", "career"], "description": "Read chapter **3** first.",
            ], token: ada.token)
            #expect(book.status == .created, "\(book.text)")
            let bookId = try #require(book.object["id"] as? String)
            let talk = try await browser.json(.post, "/api/v1/resources", ["title": "Intro talk", "url": "http://example.org/talk", "kind": "talk"], token: ben.token)
            let talkId = try #require(talk.object["id"] as? String)
            // +1: not your own, once each
            #expect(try await browser.json(.post, "/api/v1/resources/\(bookId)/recommend", token: ada.token).status == .unprocessableContent)
            #expect(try await browser.json(.post, "/api/v1/resources/\(bookId)/recommend", token: ben.token).object["recommendations"] as? Int == 1)
            #expect(try await browser.json(.post, "/api/v1/resources/\(bookId)/recommend", token: ben.token).status == .conflict)
            // most recommended first; newest first; by tag
            let top = try await browser.json(.get, "/api/v1/resources?order=recommended", token: ada.token).object["items"] as? [[String: Any]] ?? []
            #expect(top.compactMap { $0["id"] as? String } == [bookId, talkId])
            let newest = try await browser.json(.get, "/api/v1/resources?order=newest", token: ada.token).object["items"] as? [[String: Any]] ?? []
            #expect(newest.count == 2)
            let tagged = try await browser.json(.get, "/api/v1/resources?tag=management", token: ada.token).object["items"] as? [[String: Any]] ?? []
            #expect(tagged.compactMap { $0["id"] as? String } == [bookId])
            // one review per person: writing again replaces it
            try await browser.json(.post, "/api/v1/resources/\(bookId)/reviews", ["body": "Good."], token: ben.token)
            let reviewed = try await browser.json(.post, "/api/v1/resources/\(bookId)/reviews", ["body": "Great <b>book</b>."], token: ben.token)
            let reviews = reviewed.object["reviews"] as? [[String: Any]] ?? []
            #expect(reviews.count == 1 && reviews.first?["body"] as? String == "Great <b>book</b>.")
            #expect(try await browser.json(.post, "/api/v1/resources/\(bookId)/reviews", ["body": " "], token: ben.token).status == .unprocessableContent)
            // the page links out with nofollow ugc, and escapes the review
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let page = try await browser.get("/resources/\(bookId.lowercased())")
            #expect(page.text.contains("href=\"https://example.org/managers-path\" rel=\"nofollow ugc noopener\""))
            #expect(page.text.contains("Great &lt;b&gt;book&lt;/b&gt;.") && page.text.contains("<strong>3</strong>"))
            let bad = try await browser.postForm("/resources", ["title": "x", "link": "javascript:alert(1)", "kind": "link", "level": "beginner"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"link-error\""))
        }
    }
}

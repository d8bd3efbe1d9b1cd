import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Full-text search over questions and answers: SQLite FTS5 and PostgreSQL full-text search find the candidates,
/// one ranking in the domain orders them, so both databases give the same top results.
@Suite struct CommunitySearchTests {
    /// The same little corpus on any database; returns the titles of a search's results in order.
    private func searchTitles(_ database: TestDatabase, _ query: String) async throws -> [String] {
        let box = TitlesBox()
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada", "ada@example.com")
            let ben = try await member(browser, "Ben", "ben@example.com")
            for token in [ada.token, ben.token] { try await browser.json(.post, "/api/v1/spaces/general/join", token: token) }
            let corpus: [(String, String, String?)] = [
                ("How do I ask my manager for feedback?", "Feedback feels awkward to ask for.", "Ask for one specific thing."),
                ("Preparing a promotion case", "What evidence matters?", "Collect feedback from peers early."),
                ("Learning Rust as a Swift developer", "Any resources?", nil),
                ("Giving feedback to a senior colleague", "", "Be specific and kind: feedback is a gift."),
                ("Time zones and remote mentoring", "We are 9 hours apart.", nil),
            ]
            for (title, body, answer) in corpus {
                let asked = try await browser.json(.post, "/api/v1/spaces/general/questions", ["title": title, "body": body], token: ada.token)
                if let answer, let id = asked.object["id"] as? String {
                    try await browser.json(.post, "/api/v1/questions/\(id)/answers", ["body": answer], token: ben.token)
                }
            }
            let result = try await browser.json(.get, "/api/v1/search?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: ben.token)
            #expect(result.status == .ok, "\(result.text)")
            box.titles = (result.object["items"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
            if let first = (result.object["items"] as? [[String: Any]])?.first {
                #expect((first["titleHtml"] as? String)?.contains("<mark>") == true || (first["excerptHtml"] as? String)?.contains("<mark>") == true)
            }
        }
        return box.titles
    }

    @Test(arguments: TestDatabase.all)
    func searchFindsQuestionsAndAnswersBestFirst(database: TestDatabase) async throws {
        let feedback = try await searchTitles(database, "feedback")
        // feedback in a title outranks feedback only in an answer
        #expect(Set(feedback.prefix(2)) == ["How do I ask my manager for feedback?", "Giving feedback to a senior colleague"])
        #expect(feedback.last == "Preparing a promotion case")
        #expect(try await searchTitles(database, "rust").first == "Learning Rust as a Swift developer")
        // words only found in an answer find the question
        #expect(try await searchTitles(database, "gift") == ["Giving feedback to a senior colleague"])
        #expect(try await searchTitles(database, "\"; DROP TABLE qa_search; --").isEmpty)
    }

    @Test(arguments: TestDatabase.all)
    func anEditedQuestionIsFoundByItsNewWordsOnly(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada", "ada@example.com")
            try await browser.json(.post, "/api/v1/spaces/general/join", token: ada.token)
            let asked = try await browser.json(.post, "/api/v1/spaces/general/questions", ["title": "Questions about kayaking"], token: ada.token)
            let id = try #require(asked.object["id"] as? String)
            let edited = try await browser.json(.patch, "/api/v1/questions/\(id)", ["title": "Questions about sailing"], token: ada.token)
            #expect(edited.status == .ok, "\(edited.text)")
            func count(_ q: String) async throws -> Int {
                (try await browser.json(.get, "/api/v1/search?q=\(q)", token: ada.token).object["items"] as? [Any])?.count ?? -1
            }
            #expect(try await count("sailing") == 1)
            #expect(try await count("kayaking") == 0)
        }
    }

    @Test func bothDatabasesGiveTheSameTopResults() async throws {
        guard TestDatabase.all.count == 2 else { return }  // PostgreSQL is available in CI (.ci/run starts it)
        for query in ["feedback", "ask feedback manager", "promotion evidence", "time"] {
            let sqlite = try await searchTitles(.sqlite, query)
            let postgres = try await searchTitles(.postgres, query)
            #expect(sqlite == postgres, "\(query): \(sqlite) vs \(postgres)")
            #expect(!sqlite.isEmpty, "\(query)")
        }
    }
}

private final class TitlesBox: @unchecked Sendable {
    var titles: [String] = []
}

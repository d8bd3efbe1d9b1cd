import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaDomain
import IthacaWeb
import Testing

@testable import IthacaStorage

/// The demo's community: lively spaces with questions, answers, votes and accepted answers, searchable.
@Suite struct DemoQuestionsTests {
    private static let people = DemoCommunity.generate()

    @Test func aboutAHundredQuestionsWithAnswersNeverByTheAsker() {
        let questions = DemoQuestions.generate(people: Self.people)
        #expect(questions.count >= 100)
        #expect(questions.flatMap(\.answers).count >= 120)
        #expect(questions.contains { $0.anonymous })
        #expect(questions.contains { $0.acceptedIndex != nil })
        for question in questions {
            #expect(!question.answers.contains { $0.author == question.asker })
            #expect(!question.voters.contains(question.asker))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theLoadedDemoHasLivelySpacesAndSearchFindsThem(database: TestDatabase) async throws {
        try await withTestApp(database, configure: { $0.loadDemo = true }) { browser in
            let token = try await token(browser, DemoCommunity.adminEmail, DemoCommunity.password)
            let spaces = try await browser.json(.get, "/api/v1/spaces", token: token).object["items"] as? [[String: Any]] ?? []
            #expect(spaces.count >= 6)
            #expect(spaces.contains { ($0["members"] as? Int ?? 0) > 10 })
            let general = try await browser.json(.get, "/api/v1/spaces/general/questions?order=top", token: token)
            #expect(!((general.object["items"] as? [Any]) ?? []).isEmpty)
            let found = try await browser.json(.get, "/api/v1/search?q=promotion%20evidence", token: token).object["items"] as? [[String: Any]] ?? []
            #expect((found.first?["title"] as? String)?.contains("promotion") == true, "\(found.prefix(2))")
        }
    }
}

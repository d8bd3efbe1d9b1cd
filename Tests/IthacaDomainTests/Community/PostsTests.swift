import Foundation
import IthacaDomain
import Testing

@Suite struct PostsTests {
    func fields<T>(_ body: () throws -> T) -> [String] {
        do {
            _ = try body()
            return []
        } catch let CommunityRuleViolation.invalidFields(errors) {
            return errors.map(\.field)
        } catch {
            return ["<\(error)>"]
        }
    }

    @Test func spacesGetASlugFromTheirName() throws {
        #expect(try SpaceDetails.validated(name: " First-time  managers ", description: "").slug == "first-time-managers")
        #expect(SpaceDetails.slug("Café & Crème!") == "cafe-creme")
        #expect(fields { try SpaceDetails.validated(name: "  ", description: "") } == ["name"])
        #expect(fields { try SpaceDetails.validated(name: "!!!", description: "") } == ["name"])
    }

    @Test func questionsNeedATitleAndAtMostFiveShortTags() throws {
        let draft = try QuestionDraft.validated(title: " How do I ask for feedback? ", body: "", tags: ["Feedback", "feedback", " career "], anonymous: true)
        #expect(draft.title == "How do I ask for feedback?")
        #expect(draft.tags == ["Feedback", "career"])
        #expect(fields { try QuestionDraft.validated(title: "", body: String(repeating: "x", count: 20_001), tags: (1...6).map { "t\($0)" }, anonymous: false) }
            == ["title", "body", "tags"])
    }

    @Test func nobodyVotesOnTheirOwnPostAndOnlyTheAskerAccepts() {
        let asker = UUID(), other = UUID(), question = UUID()
        #expect(throws: CommunityRuleViolation.votingOnOwnPost) { try AnswerRules.checkVote(voter: asker, author: asker) }
        #expect(throws: Never.self) { try AnswerRules.checkVote(voter: other, author: asker) }
        #expect(throws: CommunityRuleViolation.onlyTheAskerAccepts) {
            try AnswerRules.checkAccept(viewer: other, asker: asker, questionId: question, answerQuestionId: question)
        }
        #expect(throws: CommunityRuleViolation.answerNotOnThisQuestion) {
            try AnswerRules.checkAccept(viewer: asker, asker: asker, questionId: question, answerQuestionId: UUID())
        }
    }

    @Test func anonymousAskersAreAMemberToEveryoneElse() {
        let asker = UUID()
        #expect(AnswerRules.askerLabel(anonymous: true, askerName: "Ada", askerId: asker, viewer: UUID()) == "A member")
        #expect(AnswerRules.askerLabel(anonymous: true, askerName: "Ada", askerId: asker, viewer: asker) == "You (anonymously)")
        #expect(AnswerRules.askerLabel(anonymous: false, askerName: "Ada", askerId: asker, viewer: UUID()) == "Ada")
    }
}

@Test func mentionsFindTheLongestMemberNameAtWordBoundaries() {
    let ada = UUID(), adam = UUID(), adaL = UUID(), ben = UUID()
    let people = [Mentions.Candidate(id: ada, name: "Ada"), Mentions.Candidate(id: adam, name: "Adam Smith"),
                  Mentions.Candidate(id: adaL, name: "Ada Lovelace"), Mentions.Candidate(id: ben, name: "Ben")]
    #expect(Mentions.find(in: "Thanks @ada lovelace and @Adam Smith!", among: people) == [adaL, adam])
    #expect(Mentions.find(in: "@Ada, what do you think? @Ada again", among: people) == [ada])
    #expect(Mentions.find(in: "@Adamant is not Adam, mail ben@example.com", among: people).isEmpty)
    #expect(Mentions.find(in: "no mentions here", among: people).isEmpty)
}

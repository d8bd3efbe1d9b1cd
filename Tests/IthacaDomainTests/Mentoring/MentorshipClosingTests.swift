import Foundation
import IthacaDomain
import Testing

@Suite struct MentorshipClosingTests {
    @Test func beforeTheEndDateBothSidesMustAgreeToComplete() {
        let first = MentorshipClosing.requestCompletion(by: .mentee, alreadyAgreed: [], today: "2026-11-23", endDate: "2027-02-23")
        #expect(first == .init(agreedBy: [.mentee], completes: false))
        let again = MentorshipClosing.requestCompletion(by: .mentee, alreadyAgreed: [.mentee], today: "2026-11-23", endDate: "2027-02-23")
        #expect(!again.completes)
        let both = MentorshipClosing.requestCompletion(by: .mentor, alreadyAgreed: [.mentee], today: "2026-11-23", endDate: "2027-02-23")
        #expect(both == .init(agreedBy: [.mentee, .mentor], completes: true))
    }

    @Test func fromTheEndDateEitherSideCompletes() {
        #expect(MentorshipClosing.requestCompletion(by: .mentor, alreadyAgreed: [], today: "2027-02-23", endDate: "2027-02-23").completes)
        #expect(MentorshipClosing.requestCompletion(by: .mentee, alreadyAgreed: [], today: "2027-03-01", endDate: "2027-02-23").completes)
    }

    @Test func aRetrospectiveNeedsOneAnswerAndBoundedText() throws {
        #expect(invalidFieldNames { try Retrospective.validated(wentWell: " ", learned: "", next: "") } == ["wentWell"])
        #expect(invalidFieldNames { try Retrospective.validated(wentWell: "", learned: String(repeating: "x", count: 2_001), next: "") } == ["learned"])
        let retro = try Retrospective.validated(wentWell: "", learned: " How juniors read code reviews ", next: "")
        #expect(retro.learned == "How juniors read code reviews")
    }
}

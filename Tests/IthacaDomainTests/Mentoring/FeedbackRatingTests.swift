import Foundation
import IthacaDomain
import Testing

@Test(arguments: 1...5)
func usefulnessFromOneToFiveIsAccepted(useful: Int) throws {
    #expect(try FeedbackRating.validated(useful: useful, comment: nil).useful == useful)
}

@Test(arguments: [0, 6, -1, 100])
func usefulnessOutsideOneToFiveIsRefused(useful: Int) {
    #expect(invalidFieldNames { try FeedbackRating.validated(useful: useful, comment: nil) } == ["useful"])
}

@Test func feedbackCommentIsTidiedAndBlankMeansNone() throws {
    #expect(try FeedbackRating.validated(useful: 4, comment: "  Great questions!  ").comment == "Great questions!")
    #expect(try FeedbackRating.validated(useful: 4, comment: "   ").comment == nil)
    #expect(try FeedbackRating.validated(useful: 4, comment: nil).comment == nil)
}

@Test func feedbackCommentMayHaveOneThousandCharacters() {
    #expect(invalidFieldNames { try FeedbackRating.validated(useful: 3, comment: String(repeating: "c", count: 1_000)) } == [])
    #expect(invalidFieldNames { try FeedbackRating.validated(useful: 3, comment: String(repeating: "c", count: 1_001)) } == ["comment"])
}

@Test func everyFeedbackProblemIsReportedAtOnce() {
    #expect(
        invalidFieldNames { try FeedbackRating.validated(useful: 9, comment: String(repeating: "c", count: 1_001)) } == [
            "useful", "comment",
        ])
}

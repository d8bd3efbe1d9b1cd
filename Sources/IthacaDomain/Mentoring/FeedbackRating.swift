import Foundation

/// Quick feedback on the other person's part in a held meeting: how useful it was, and an optional comment.
public struct FeedbackRating: Equatable, Sendable, Codable {
    /// 1 (not useful) to 5 (very useful).
    public let useful: Int
    /// At most 1,000 characters; nil when none was written.
    public let comment: String?

    /// The scale people rate on.
    public static let scale = 1...5

    private init(useful: Int, comment: String?) {
        self.useful = useful
        self.comment = comment
    }

    /// The tidied rating; throws `.invalidFields` listing every problem (fields "useful", "comment").
    public static func validated(useful: Int, comment: String?) throws(MentoringRuleViolation) -> FeedbackRating {
        var check = FieldChecker()
        if !scale.contains(useful) { check.add("useful", "Choose how useful it was, from 1 (not really) to 5 (very).") }
        let text = comment.flatMap { check.text($0, .feedbackComment) }
        try check.throwIfInvalid()
        return FeedbackRating(useful: useful, comment: text?.isEmpty == false ? text : nil)
    }
}

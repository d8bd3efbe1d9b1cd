import Foundation

/// What a mentee writes when asking a mentor: the goal, their current focus and a short message.
///
/// New values come only from `validated(goal:focus:message:)` (deliberately not `Decodable`); storage rehydrates with
/// `init(stored:focus:message:)`.
public struct MentorshipRequestDetails: Equatable, Sendable {
    /// What the mentee wants help with (required, at most 500 characters); becomes the agreement's first objective.
    public let goal: String
    public let focus: MentoringFocus
    /// A short note to the mentor (optional, at most 2,000 characters).
    public let message: String

    private init(goal: String, focus: MentoringFocus, message: String) {
        self.goal = goal
        self.focus = focus
        self.message = message
    }

    /// Details read back from storage, which only ever holds validated values.
    public init(stored goal: String, focus: MentoringFocus, message: String) {
        self.init(goal: goal, focus: focus, message: message)
    }

    /// The tidied details; throws `.invalidFields` listing every problem (fields "goal", "focus", "message").
    ///
    /// `focus` is the raw value from the form or JSON, e.g. "careerMove".
    public static func validated(goal: String, focus: String, message: String) throws(MentoringRuleViolation)
        -> MentorshipRequestDetails
    {
        var check = FieldChecker()
        let goalValue = check.required(goal, .requestGoal, ifBlank: "Tell your mentor what you would like help with.")
        let focusValue = MentoringFocus(rawValue: focus.trimmingCharacters(in: .whitespacesAndNewlines))
        if focusValue == nil {
            let choices = MentoringFocus.allCases.map { $0.label.lowercased() }.joined(separator: ", ")
            check.add("focus", "Choose what you want to focus on: \(choices).")
        }
        let messageValue = check.text(message, .requestMessage)
        try check.throwIfInvalid()
        guard let goalValue, let focusValue, let messageValue else { throw .invalidFields(check.errors) }
        return MentorshipRequestDetails(goal: goalValue, focus: focusValue, message: messageValue)
    }
}

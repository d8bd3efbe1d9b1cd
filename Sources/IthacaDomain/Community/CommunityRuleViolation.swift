import Foundation

/// Every way a community rule can refuse something; `message` says it kindly.
public enum CommunityRuleViolation: Error, Equatable, Sendable {
    /// A form broke one or more rules; each field says what to fix.
    case invalidFields([FieldError])
    /// Posting in a space needs membership.
    case notAMember(space: String)
    /// Nobody votes on their own question or answer.
    case votingOnOwnPost
    /// Only the person who asked accepts an answer.
    case onlyTheAskerAccepts
    /// The answer belongs to another question.
    case answerNotOnThisQuestion
    /// Only moderators and site admins do this.
    case moderatorsOnly

    public var message: String {
        switch self {
        case .invalidFields(let errors): errors.map(\.message).joined(separator: " ")
        case .notAMember(let space): "Join \(space) to post there. Anyone signed in can read; members post."
        case .votingOnOwnPost: "You can't vote on your own post, but others can."
        case .onlyTheAskerAccepts: "Only the person who asked can accept an answer."
        case .answerNotOnThisQuestion: "That answer belongs to another question."
        case .moderatorsOnly: "Only the space's moderators and site admins can do this."
        }
    }
}

extension FieldChecker {
    /// Throws every collected problem as one `.invalidFields`, or does nothing when the form was fine.
    func throwIfInvalidPost() throws(CommunityRuleViolation) {
        if !errors.isEmpty { throw .invalidFields(errors) }
    }
}

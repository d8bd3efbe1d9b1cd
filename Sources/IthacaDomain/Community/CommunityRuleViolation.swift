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
    /// A circle's meetings, notes and thread are for its members.
    case circleMembersOnly
    /// In a coached group the coach invites, lets people in and schedules.
    case circleCoachOnly
    /// Every place in the circle is taken.
    case circleFull
    /// The circle takes people by invitation only.
    case circleInvitationOnly
    /// The organiser stays while others are in the circle.
    case organiserStays
    /// Nobody reports their own post (edit it instead).
    case reportingOwnPost
    /// One report per person and post is enough.
    case alreadyReported

    public var message: String {
        switch self {
        case .invalidFields(let errors): errors.map(\.message).joined(separator: " ")
        case .notAMember(let space): "Join \(space) to post there. Anyone signed in can read; members post."
        case .votingOnOwnPost: "You can't vote on your own post, but others can."
        case .onlyTheAskerAccepts: "Only the person who asked can accept an answer."
        case .answerNotOnThisQuestion: "That answer belongs to another question."
        case .moderatorsOnly: "Only the space's moderators and site admins can do this."
        case .circleMembersOnly: "Only the circle's members can see and do this."
        case .circleCoachOnly: "In a coached group, the coach invites people, lets them in and schedules meetings."
        case .circleFull: "The circle is full: every place is taken."
        case .circleInvitationOnly: "This circle takes new people by invitation only; ask one of its members."
        case .organiserStays: "You organise this circle, so you stay while others are in it."
        case .reportingOwnPost: "This is your own post: edit it instead of reporting it."
        case .alreadyReported: "You already reported this post; the moderators will look at it."
        }
    }
}

extension FieldChecker {
    /// Throws every collected problem as one `.invalidFields`, or does nothing when the form was fine.
    func throwIfInvalidPost() throws(CommunityRuleViolation) {
        if !errors.isEmpty { throw .invalidFields(errors) }
    }
}

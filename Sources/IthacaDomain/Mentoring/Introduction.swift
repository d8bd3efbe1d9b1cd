import Foundation

/// Where a mentor's introduction of their mentee to another member stands.
///
/// Double opt-in: the mentee agreed by asking, and the member accepts before any contact details are shared.
public enum IntroductionStatus: String, CaseIterable, Sendable, Codable {
    case proposed, accepted, declined

    /// What the introduced member can do.
    public enum Event: String, Sendable, Codable {
        case accept, decline
    }

    /// The status after the member's answer; throws `.introductionAlreadyAnswered` unless still proposed.
    public func transition(_ event: Event) throws(MentoringRuleViolation) -> IntroductionStatus {
        guard self == .proposed else { throw .introductionAlreadyAnswered(self) }
        return event == .accept ? .accepted : .declined
    }

    /// Whether the mentee and the member may now see each other's contact details.
    public var sharesContact: Bool { self == .accepted }
}

/// The rules for making an introduction.
public enum Introduction {
    /// The tidied note on why these two should meet; throws `.introductionNeedsThreeDifferentPeople` unless
    /// mentor, mentee and member are three different people, or `.invalidFields` (field "note") for a blank
    /// note or one over 1,000 characters.
    public static func check(mentor: UUID, mentee: UUID, member: UUID, note: String) throws(MentoringRuleViolation)
        -> String
    {
        if Set([mentor, mentee, member]).count != 3 { throw .introductionNeedsThreeDifferentPeople }
        var check = FieldChecker()
        let value = check.required(
            note, .introductionNote, ifBlank: "Say why these two should meet, so the member can decide.")
        try check.throwIfInvalid()
        return value ?? ""
    }
}

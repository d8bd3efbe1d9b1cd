import Foundation

/// Where a mentor's endorsement of their mentee stands; it shows on the mentee's profile only once they approve.
public enum EndorsementStatus: String, CaseIterable, Sendable, Codable {
    case pending, approved, rejected

    /// What the mentee can do with an endorsement written about them.
    public enum Event: String, Sendable, Codable {
        case approve, reject
    }

    /// The status after the mentee's answer; throws `.endorsementAlreadyAnswered` unless still pending.
    public func transition(_ event: Event) throws(MentoringRuleViolation) -> EndorsementStatus {
        guard self == .pending else { throw .endorsementAlreadyAnswered(self) }
        return event == .approve ? .approved : .rejected
    }

    /// Whether the endorsement appears on the mentee's profile.
    public var isShownOnProfile: Bool { self == .approved }
}

/// The rules for writing an endorsement.
public enum Endorsement {
    /// The tidied endorsement text; throws `.invalidFields` (field "text") when blank or over 1,000 characters.
    public static func validatedText(_ raw: String) throws(MentoringRuleViolation) -> String {
        var check = FieldChecker()
        let value = check.required(raw, .endorsementText, ifBlank: "Write what you would like others to know.")
        try check.throwIfInvalid()
        return value ?? ""
    }
}

import Foundation

// The free-text limits of mentoring forms, checked by the same `FieldChecker` as profiles so messages read alike.
extension TextRule {
    static let requestGoal = TextRule(field: "goal", label: "goal", maxLength: 500, multiline: true)
    static let requestMessage = TextRule(field: "message", label: "message", maxLength: 2_000, multiline: true)
    static let reason = TextRule(field: "reason", label: "reason", maxLength: 500, multiline: true)
    static let objective = TextRule(field: "objectives", label: "objectives", maxLength: 500, multiline: true)
    static let confidentiality = TextRule(
        field: "confidentiality", label: "confidentiality terms", maxLength: 2_000, multiline: true)
    static let agenda = TextRule(field: "agenda", label: "agenda", maxLength: 2_000, multiline: true)
    static let itemText = TextRule(field: "text", label: "item", maxLength: 500, multiline: true)
    static let feedbackComment = TextRule(field: "comment", label: "comment", maxLength: 1_000, multiline: true)
    static let milestone = TextRule(field: "milestones", label: "milestone", maxLength: 200)
    static let introductionNote = TextRule(field: "note", label: "note", maxLength: 1_000, multiline: true)
    static let noteBody = TextRule(field: "body", label: "note", maxLength: 5_000, multiline: true)
    static let messageBody = TextRule(field: "body", label: "message", maxLength: 5_000, multiline: true)
    static let endorsementText = TextRule(field: "text", label: "endorsement", maxLength: 1_000, multiline: true)
}

extension FieldChecker {
    /// Throws every collected problem as one `.invalidFields`, or does nothing when the form was fine.
    func throwIfInvalid() throws(MentoringRuleViolation) {
        if !errors.isEmpty { throw .invalidFields(errors) }
    }

    /// Tidied text that must not be blank; nil after recording why.
    mutating func required(_ raw: String, _ rule: TextRule, ifBlank message: String) -> String? {
        guard let value = text(raw, rule) else { return nil }
        if value.isEmpty {
            add(rule.field, message)
            return nil
        }
        return value
    }
}

/// An optional reason given when declining a request or ending a mentorship.
public enum OptionalReason {
    /// Most characters a reason may have.
    public static let maxLength = TextRule.reason.maxLength

    /// The tidied reason, or nil when none was given (blank counts as none); throws `.invalidFields` under `field`.
    public static func validated(_ raw: String?, field: String = "reason") throws(MentoringRuleViolation) -> String? {
        guard let raw else { return nil }
        var check = FieldChecker()
        let rule = TextRule(field: field, label: "reason", maxLength: maxLength, multiline: true)
        let value = check.text(raw, rule)
        try check.throwIfInvalid()
        return value?.isEmpty == false ? value : nil
    }
}

/// Notes and messages inside a mentorship: plain text (escaped on output), never blank, at most 5,000 characters.
public enum ConfidentialText {
    /// The tidied note; throws `.invalidFields` (field "body").
    public static func note(_ raw: String) throws(MentoringRuleViolation) -> String {
        try validated(raw, .noteBody, ifBlank: "Write something in the note first.")
    }

    /// The tidied message; throws `.invalidFields` (field "body").
    public static func message(_ raw: String) throws(MentoringRuleViolation) -> String {
        try validated(raw, .messageBody, ifBlank: "Write a message first.")
    }

    private static func validated(_ raw: String, _ rule: TextRule, ifBlank: String) throws(MentoringRuleViolation) -> String {
        var check = FieldChecker()
        let value = check.required(raw, rule, ifBlank: ifBlank)
        try check.throwIfInvalid()
        return value ?? ""
    }
}

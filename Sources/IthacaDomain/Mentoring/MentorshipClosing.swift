import Foundation

/// How a mentorship comes to a close: completed as planned, or ended early.
public enum MentorshipClosing {
    /// The outcome of one side asking to complete the mentorship.
    public struct CompletionDecision: Equatable, Sendable {
        /// Who has asked to complete so far (including this request).
        public var agreedBy: Set<MentorshipRole>
        /// Whether the mentorship completes now.
        public var completes: Bool

        public init(agreedBy: Set<MentorshipRole>, completes: Bool) {
            self.agreedBy = agreedBy
            self.completes = completes
        }
    }

    /// One side asks to complete. It completes at once on or after the agreement's end date ("YYYY-MM-DD", compared
    /// with `today` in the same calendar); before it, only when both sides have asked.
    public static func requestCompletion(
        by role: MentorshipRole, alreadyAgreed: Set<MentorshipRole>, today: String, endDate: String
    ) -> CompletionDecision {
        let agreed = alreadyAgreed.union([role])
        return CompletionDecision(agreedBy: agreed, completes: today >= endDate || agreed.count == 2)
    }
}

/// A short look back once a mentorship is over, from each side, shown to the other person.
public struct Retrospective: Equatable, Sendable, Codable {
    public let wentWell: String
    /// "What I learned from my mentee" for the mentor (reverse mentoring), or from the mentor for the mentee.
    public let learned: String
    public let next: String

    private init(wentWell: String, learned: String, next: String) {
        self.wentWell = wentWell
        self.learned = learned
        self.next = next
    }

    /// The tidied retrospective; every field up to 2,000 characters, at least one filled in.
    public static func validated(wentWell: String, learned: String, next: String) throws(MentoringRuleViolation) -> Retrospective {
        var check = FieldChecker()
        let well = check.text(wentWell, TextRule(field: "wentWell", label: "answer", maxLength: 2_000, multiline: true))
        let learnt = check.text(learned, TextRule(field: "learned", label: "answer", maxLength: 2_000, multiline: true))
        let after = check.text(next, TextRule(field: "next", label: "answer", maxLength: 2_000, multiline: true))
        if check.errors.isEmpty, [well, learnt, after].allSatisfy({ $0?.isEmpty ?? true }) {
            check.add("wentWell", "Answer at least one of the questions.")
        }
        try check.throwIfInvalid()
        return Retrospective(wentWell: well ?? "", learned: learnt ?? "", next: after ?? "")
    }

    /// A retrospective read back from storage (already validated when written).
    public static func stored(wentWell: String, learned: String, next: String) -> Retrospective {
        Retrospective(wentWell: wentWell, learned: learned, next: next)
    }
}

import Foundation

/// A mentorship's agreement: the terms, which version they are, and who has acknowledged that version.
public struct Agreement: Equatable, Sendable, Codable {
    public private(set) var terms: AgreementTerms
    /// Starts at 1 and grows by one with every edit.
    public private(set) var version: Int
    /// The sides that acknowledged the current version; cleared by every edit.
    public private(set) var acknowledgedBy: Set<MentorshipRole>

    /// An agreement at version 1 that nobody has acknowledged yet; throws `.invalidFields` for bad terms.
    public init(terms: AgreementTerms) throws(MentoringRuleViolation) {
        self.terms = try terms.validated()
        self.version = 1
        self.acknowledgedBy = []
    }

    /// An agreement as stored, trusted as it is (for the storage layer reading its own rows).
    public init(storedTerms terms: AgreementTerms, version: Int, acknowledgedBy: Set<MentorshipRole>) {
        self.terms = terms
        self.version = version
        self.acknowledgedBy = acknowledgedBy
    }

    /// Whether both mentor and mentee acknowledged the current version.
    public var isFullyAcknowledged: Bool { acknowledgedBy == Set(MentorshipRole.allCases) }

    /// Whether `role` still needs to acknowledge the current version.
    public func awaitsAcknowledgement(from role: MentorshipRole) -> Bool { !acknowledgedBy.contains(role) }

    /// The agreement with `role`'s acknowledgement of `version` recorded (again is harmless).
    ///
    /// Throws `.agreementVersionOutdated` when the person read an older version than the current one,
    /// so nobody acknowledges terms they have not seen.
    public func acknowledged(by role: MentorshipRole, version seen: Int) throws(MentoringRuleViolation) -> Agreement {
        guard seen == version else { throw .agreementVersionOutdated(current: version) }
        var result = self
        result.acknowledgedBy.insert(role)
        return result
    }

    /// The agreement with new terms as the next version, waiting for both to acknowledge again.
    ///
    /// Terms equal to the current ones (after tidying) change nothing, so saving an untouched form
    /// doesn't ask both people to acknowledge again. Throws `.invalidFields` for bad terms.
    public func revised(_ newTerms: AgreementTerms) throws(MentoringRuleViolation) -> Agreement {
        let checked = try newTerms.validated()
        guard checked != terms else { return self }
        var result = self
        result.terms = checked
        result.version += 1
        result.acknowledgedBy = []
        return result
    }

    /// The event for `MentorshipStatus.transition` after an acknowledgement.
    public var acknowledgementEvent: MentorshipEvent { .acknowledgeAgreement(bothAcknowledged: isFullyAcknowledged) }

    /// Whether the planned end date has come (`today` is "YYYY-MM-DD" in the viewer's zone).
    public func hasReachedEndDate(today: String) -> Bool { today >= terms.endDate }
}

import Foundation

/// A mentee's request to a mentor, as the rules see it.
public struct MentorshipRequest: Identifiable, Equatable, Sendable {
    public let id: UUID
    public let menteeId: UUID
    public let mentorId: UUID
    public let details: MentorshipRequestDetails
    public let createdAt: Date
    public private(set) var status: MentorshipRequestStatus
    /// The mentor's reason for declining, shown kindly to the mentee; nil otherwise.
    public private(set) var declineReason: String?
    /// When the request left `pending`.
    public private(set) var closedAt: Date?

    /// A request in any state (new ones are pending; the storage layer passes what it stored).
    public init(
        id: UUID, menteeId: UUID, mentorId: UUID, details: MentorshipRequestDetails, createdAt: Date,
        status: MentorshipRequestStatus = .pending, declineReason: String? = nil, closedAt: Date? = nil
    ) {
        self.id = id
        self.menteeId = menteeId
        self.mentorId = mentorId
        self.details = details
        self.createdAt = createdAt
        self.status = status
        self.declineReason = declineReason
        self.closedAt = closedAt
    }

    /// The request after `event` at `now`.
    ///
    /// A pending request past `policy.expiry` counts as expired even if no sweeper has stored that yet, so a late
    /// accept, decline or withdrawal throws `.requestNoLongerPending(.expired)`. A decline reason is tidied and
    /// limited to 500 characters (`.invalidFields`, field "reason"); blank means none.
    public func applying(_ event: MentorshipRequestEvent, now: Date, policy: RequestPolicy = .standard)
        throws(MentoringRuleViolation) -> MentorshipRequest
    {
        let current = event == .expire ? status : policy.effectiveStatus(status, createdAt: createdAt, now: now)
        var result = self
        result.status = try current.transition(event)
        if case .decline(let reason) = event { result.declineReason = try OptionalReason.validated(reason) }
        result.closedAt = now
        return result
    }

    /// The side allowed to cause `event`: the mentor answers, the mentee withdraws; nil for expiry (the system).
    public static func role(allowedFor event: MentorshipRequestEvent) -> MentorshipRole? {
        switch event {
        case .accept, .decline: .mentor
        case .withdraw: .mentee
        case .expire: nil
        }
    }
}

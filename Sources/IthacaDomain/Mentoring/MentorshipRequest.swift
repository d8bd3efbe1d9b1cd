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
    /// The mentor's latest question, and the mentee's reply to it (both only for the two of them).
    public private(set) var infoQuestion: String?
    public private(set) var infoReply: String?
    /// When the request last landed with someone (the mentor, or the mentee asked a question): expiry counts from here.
    public private(set) var waitingSince: Date
    /// When the mentor first answered (accepted, declined or asked a question): their answer time.
    public private(set) var answeredAt: Date?

    /// A request in any state (new ones are pending; the storage layer passes what it stored).
    public init(
        id: UUID, menteeId: UUID, mentorId: UUID, details: MentorshipRequestDetails, createdAt: Date,
        status: MentorshipRequestStatus = .pending, declineReason: String? = nil, closedAt: Date? = nil,
        infoQuestion: String? = nil, infoReply: String? = nil, waitingSince: Date? = nil, answeredAt: Date? = nil
    ) {
        self.id = id
        self.menteeId = menteeId
        self.mentorId = mentorId
        self.details = details
        self.createdAt = createdAt
        self.status = status
        self.declineReason = declineReason
        self.closedAt = closedAt
        self.infoQuestion = infoQuestion
        self.infoReply = infoReply
        self.waitingSince = waitingSince ?? createdAt
        self.answeredAt = answeredAt
    }

    /// The same request showing `status` (e.g. expired before a sweeper stored it).
    public func showing(_ status: MentorshipRequestStatus) -> MentorshipRequest {
        var copy = self
        copy.status = status
        return copy
    }

    /// The request after `event` at `now`.
    ///
    /// A pending request past `policy.expiry` counts as expired even if no sweeper has stored that yet, so a late
    /// accept, decline or withdrawal throws `.requestNoLongerPending(.expired)`. A decline reason is tidied and
    /// limited to 500 characters (`.invalidFields`, field "reason"); blank means none.
    public func applying(_ event: MentorshipRequestEvent, now: Date, policy: RequestPolicy = .standard)
        throws(MentoringRuleViolation) -> MentorshipRequest
    {
        let current = event == .expire ? status : policy.effectiveStatus(status, createdAt: waitingSince, now: now)
        var result = self
        result.status = try current.transition(event)
        switch event {
        case .decline(let reason):
            result.declineReason = try OptionalReason.validated(reason)
        case .askForInfo(let question):
            result.infoQuestion = try Self.conversationText(question, field: "question", ifBlank: "Write what you would like to know.")
            result.infoReply = nil
        case .reply(let text):
            result.infoReply = try Self.conversationText(text, field: "reply", ifBlank: "Write your reply first.")
        case .report(let reason):
            _ = try Self.reportReason(reason)
        case .accept, .withdraw, .expire:
            break
        }
        switch event {
        case .askForInfo, .reply:
            result.waitingSince = now
        case .accept, .decline, .withdraw, .expire, .report:
            result.closedAt = now
        }
        switch event {
        case .accept, .decline, .askForInfo: result.answeredAt = answeredAt ?? now
        case .withdraw, .expire, .reply, .report: break
        }
        return result
    }

    /// The tidied reason a mentor gives when reporting a request (required, at most 1,000 characters).
    public static func reportReason(_ raw: String) throws(MentoringRuleViolation) -> String {
        try conversationText(raw, field: "reason", ifBlank: "Say briefly what is wrong with this request.")
    }

    /// A question, reply or report: required, at most 1,000 characters.
    static func conversationText(_ raw: String, field: String, ifBlank: String) throws(MentoringRuleViolation) -> String {
        var check = FieldChecker()
        let value = check.required(raw, TextRule(field: field, label: field, maxLength: 1_000, multiline: true), ifBlank: ifBlank)
        try check.throwIfInvalid()
        return value ?? ""
    }

    /// The side allowed to cause `event`: the mentor answers, the mentee withdraws; nil for expiry (the system).
    public static func role(allowedFor event: MentorshipRequestEvent) -> MentorshipRole? {
        switch event {
        case .accept, .decline, .askForInfo, .report: .mentor
        case .withdraw, .reply: .mentee
        case .expire: nil
        }
    }
}

import Foundation

/// Something that can happen to a mentorship request.
public enum MentorshipRequestEvent: Equatable, Sendable {
    /// The mentor says yes; a mentorship is proposed.
    case accept
    /// The mentor says no, perhaps with a reason shown kindly to the mentee.
    case decline(reason: String?)
    /// The mentee takes the request back.
    case withdraw
    /// Nobody answered within `RequestPolicy.expiry`.
    case expire
    /// The mentor asks the mentee something before deciding; the request waits for the mentee's reply.
    case askForInfo(question: String)
    /// The mentee answers the mentor's question; the request goes back to the mentor.
    case reply(text: String)
    /// The mentor reports an abusive request to the site admins; it closes, and the mentee is not told.
    case report(reason: String)

    /// The action in words, for messages ("accept", "decline"); never includes the reason.
    public var name: String {
        switch self {
        case .accept: "accept"
        case .decline: "decline"
        case .withdraw: "withdraw"
        case .expire: "expire"
        case .askForInfo: "ask for more information about"
        case .reply: "reply to"
        case .report: "report"
        }
    }
}

/// Where a mentee's request to a mentor stands. Only an open request (pending, or waiting for the mentee's reply)
/// can change.
public enum MentorshipRequestStatus: String, CaseIterable, Sendable, Codable {
    case pending, accepted, declined, withdrawn, expired
    /// The mentor asked for more information; the mentee's reply sends it back to `pending`.
    case needsInfo = "needs_info"
    /// The mentor reported it to the site admins (the mentee sees it as declined).
    case reported

    /// The status after `event`; throws `.requestNoLongerPending` unless the request is open, and
    /// `.requestNotWaitingForReply` for a reply nobody asked for.
    public func transition(_ event: MentorshipRequestEvent) throws(MentoringRuleViolation) -> MentorshipRequestStatus {
        guard isOpen else { throw .requestNoLongerPending(self) }
        switch event {
        case .accept: return .accepted
        case .decline: return .declined
        case .withdraw: return .withdrawn
        case .expire: return .expired
        case .askForInfo: return .needsInfo
        case .report: return .reported
        case .reply:
            guard self == .needsInfo else { throw .requestNotWaitingForReply }
            return .pending
        }
    }

    /// Whether the request still waits for someone (and so blocks a second request to the same mentor).
    public var isOpen: Bool { self == .pending || self == .needsInfo }

    public var label: String {
        switch self {
        case .pending: "Waiting for an answer"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .withdrawn: "Withdrawn"
        case .expired: "Expired"
        case .needsInfo: "Waiting for the mentee's reply"
        case .reported: "Declined"
        }
    }

    /// How the mentee sees it: a reported request reads as declined (the mentee is not told of the report).
    public var menteeFacing: MentorshipRequestStatus { self == .reported ? .declined : self }

    /// The status as it reads after "was already …".
    var pastTense: String {
        switch self {
        case .pending: "sent"
        case .accepted: "accepted"
        case .declined: "declined"
        case .withdrawn: "withdrawn"
        case .expired: "expired"
        case .needsInfo: "answered with a question"
        case .reported: "declined"
        }
    }
}

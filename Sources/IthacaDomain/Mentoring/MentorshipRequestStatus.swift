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

    /// The action in words, for messages ("accept", "decline"); never includes the reason.
    public var name: String {
        switch self {
        case .accept: "accept"
        case .decline: "decline"
        case .withdraw: "withdraw"
        case .expire: "expire"
        }
    }
}

/// Where a mentee's request to a mentor stands. Only a pending request can change.
public enum MentorshipRequestStatus: String, CaseIterable, Sendable, Codable {
    case pending, accepted, declined, withdrawn, expired

    /// The status after `event`; throws `.requestNoLongerPending` unless the request is pending.
    public func transition(_ event: MentorshipRequestEvent) throws(MentoringRuleViolation) -> MentorshipRequestStatus {
        guard self == .pending else { throw .requestNoLongerPending(self) }
        return switch event {
        case .accept: .accepted
        case .decline: .declined
        case .withdraw: .withdrawn
        case .expire: .expired
        }
    }

    /// Whether the request still waits for an answer (and so blocks a second request to the same mentor).
    public var isOpen: Bool { self == .pending }

    public var label: String {
        switch self {
        case .pending: "Waiting for an answer"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .withdrawn: "Withdrawn"
        case .expired: "Expired"
        }
    }

    /// The status as it reads after "was already …".
    var pastTense: String {
        switch self {
        case .pending: "sent"
        case .accepted: "accepted"
        case .declined: "declined"
        case .withdrawn: "withdrawn"
        case .expired: "expired"
        }
    }
}

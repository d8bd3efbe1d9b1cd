import Foundation

/// Something that can happen to a mentorship.
public enum MentorshipEvent: Equatable, Sendable {
    /// One side acknowledged the current agreement; `bothAcknowledged` says whether the other side already had.
    case acknowledgeAgreement(bothAcknowledged: Bool)
    /// Take a break (holidays, a busy quarter); meetings stop until resumed.
    case pause
    /// Carry on after a pause.
    case resume
    /// Finish as planned: the end date came, or both agree the goals are met.
    case complete
    /// Stop early, by either side; the reason stays private to whoever gave it.
    case end(reason: String?)

    /// The action in words, for messages ("be paused"); never includes the reason.
    public var name: String {
        switch self {
        case .acknowledgeAgreement: "have its agreement acknowledged"
        case .pause: "be paused"
        case .resume: "be resumed"
        case .complete: "be completed"
        case .end: "be ended"
        }
    }
}

/// Where a mentorship stands: proposed until both acknowledge the agreement, then active, maybe paused, then over.
public enum MentorshipStatus: String, CaseIterable, Sendable, Codable {
    case proposed, active, paused, completed, ended

    /// The status after `event`; throws `.mentorshipTransitionNotAllowed` for a move the mentorship can't make.
    ///
    /// Acknowledging again while active or paused (a new agreement version) keeps the status: a revised agreement
    /// waits for both acknowledgements without interrupting the mentorship.
    public func transition(_ event: MentorshipEvent) throws(MentoringRuleViolation) -> MentorshipStatus {
        switch (self, event) {
        case (.proposed, .acknowledgeAgreement(let both)): return both ? .active : .proposed
        case (.active, .acknowledgeAgreement), (.paused, .acknowledgeAgreement): return self
        case (.active, .pause): return .paused
        case (.paused, .resume): return .active
        case (.active, .complete), (.paused, .complete): return .completed
        case (.proposed, .end), (.active, .end), (.paused, .end): return .ended
        default: throw .mentorshipTransitionNotAllowed(from: self, action: event.name)
        }
    }

    /// Whether the mentorship takes one of the mentor's places (counted against `mentorCapacity`).
    public var occupiesCapacity: Bool {
        switch self {
        case .proposed, .active, .paused: true
        case .completed, .ended: false
        }
    }

    /// Whether meetings can be booked.
    public var allowsBooking: Bool { self == .active }

    /// Whether the mentorship is over for good.
    public var isFinished: Bool { !occupiesCapacity }

    public var label: String {
        switch self {
        case .proposed: "Proposed"
        case .active: "Active"
        case .paused: "Paused"
        case .completed: "Completed"
        case .ended: "Ended"
        }
    }
}

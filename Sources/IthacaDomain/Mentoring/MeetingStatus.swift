import Foundation

/// What happened at a meeting's time.
public enum MeetingOutcome: Hashable, Sendable, Codable {
    /// Both came.
    case held
    /// The given side didn't come.
    case noShow(who: MentorshipRole)

    /// Throws `.meetingNotYetStarted` before `start`: an outcome is recorded once the meeting's time has come.
    public static func checkCanRecord(start: Date, now: Date) throws(MentoringRuleViolation) {
        if now < start { throw .meetingNotYetStarted }
    }
}

/// Something that can happen to a booked meeting.
public enum MeetingEvent: Hashable, Sendable, Codable {
    /// Someone recorded what happened.
    case record(MeetingOutcome)
    /// Someone cancelled; `late` comes from `BookingPolicy.cancellation(start:now:)`.
    case cancel(late: Bool)

    /// The action in words, for messages ("be cancelled").
    public var name: String {
        switch self {
        case .record(.held): "be marked held"
        case .record(.noShow): "be marked missed"
        case .cancel: "be cancelled"
        }
    }
}

/// Where a booked meeting stands: scheduled, then held, missed by one side, or cancelled (on time or late).
public enum MeetingStatus: Hashable, Sendable, Codable {
    case scheduled
    case held
    case noShow(who: MentorshipRole)
    case cancelled(late: Bool)

    /// The status after `event`; only a scheduled meeting moves. Throws `.meetingTransitionNotAllowed` otherwise.
    public func transition(_ event: MeetingEvent) throws(MentoringRuleViolation) -> MeetingStatus {
        guard self == .scheduled else { throw .meetingTransitionNotAllowed(from: self, action: event.name) }
        return switch event {
        case .record(.held): .held
        case .record(.noShow(let who)): .noShow(who: who)
        case .cancel(let late): .cancelled(late: late)
        }
    }

    /// Whether the meeting still holds its slot (only scheduled meetings block double-booking).
    public var occupiesSlot: Bool { self == .scheduled }

    /// Whether both people are asked for feedback afterwards.
    public var invitesFeedback: Bool { self == .held }

    public var label: String {
        switch self {
        case .scheduled: "Scheduled"
        case .held: "Held"
        case .noShow(.mentor): "Missed by the mentor"
        case .noShow(.mentee): "Missed by the mentee"
        case .cancelled(late: false): "Cancelled"
        case .cancelled(late: true): "Cancelled late"
        }
    }

    /// One word for a database column: "scheduled", "held", "noShowMentor", "noShowMentee", "cancelled",
    /// "cancelledLate".
    public var code: String {
        switch self {
        case .scheduled: "scheduled"
        case .held: "held"
        case .noShow(.mentor): "noShowMentor"
        case .noShow(.mentee): "noShowMentee"
        case .cancelled(late: false): "cancelled"
        case .cancelled(late: true): "cancelledLate"
        }
    }

    /// The status stored as `code`; nil for an unknown code.
    public init?(code: String) {
        guard let status = Self.all.first(where: { $0.code == code }) else { return nil }
        self = status
    }

    /// Every status there is.
    public static let all: [MeetingStatus] = [
        .scheduled, .held, .noShow(who: .mentor), .noShow(who: .mentee), .cancelled(late: false), .cancelled(late: true),
    ]
}

import Foundation

/// Whether a cancellation came in time.
public enum CancellationKind: String, Sendable, Codable, CaseIterable {
    /// Early enough for the other person to plan around it.
    case onTime
    /// Within the late-cancellation window; shown to both people.
    case late
}

/// The rules that protect a mentor's time when meetings are booked and cancelled.
///
/// Times are elapsed time, not wall-clock: across a DST change, "48 hours' notice" is still 48 real hours.
public struct BookingPolicy: Sendable, Equatable, Codable {
    /// The least time between booking and the meeting's start.
    public var minimumNotice: TimeInterval
    /// Cancelling less than this long before the start counts as late.
    public var lateCancellationWindow: TimeInterval
    /// Whether a booking needs an agenda.
    public var agendaRequired: Bool

    /// A policy with the given windows, in seconds.
    public init(
        minimumNotice: TimeInterval = 48 * 60 * 60, lateCancellationWindow: TimeInterval = 24 * 60 * 60,
        agendaRequired: Bool = true
    ) {
        self.minimumNotice = minimumNotice
        self.lateCancellationWindow = lateCancellationWindow
        self.agendaRequired = agendaRequired
    }

    /// 48 hours' notice, late cancellation within 24 hours, an agenda required.
    public static let standard = BookingPolicy()

    /// The tidied agenda; throws `.bookingNoticeTooShort` when `start` is less than `minimumNotice` after `now`
    /// (exactly the notice is fine), `.agendaRequired` for a blank agenda when one is required, and
    /// `.invalidFields` for an agenda over 2,000 characters.
    @discardableResult
    public func checkBooking(start: Date, now: Date, agenda: String) throws(MentoringRuleViolation) -> String {
        if start.timeIntervalSince(now) < minimumNotice { throw .bookingNoticeTooShort(minimum: minimumNotice) }
        var check = FieldChecker()
        let text = check.text(agenda, .agenda)
        try check.throwIfInvalid()
        let value = text ?? ""
        if agendaRequired, value.isEmpty { throw .agendaRequired }
        return value
    }

    /// Late when less than `lateCancellationWindow` remains before `start` (exactly the window is on time).
    public func cancellation(start: Date, now: Date) -> CancellationKind {
        start.timeIntervalSince(now) < lateCancellationWindow ? .late : .onTime
    }

    /// Throws `.meetingAlreadyStarted` once the meeting has begun; before that, cancelling is allowed.
    public func checkCancellable(start: Date, now: Date) throws(MentoringRuleViolation) {
        if now >= start { throw .meetingAlreadyStarted }
    }
}

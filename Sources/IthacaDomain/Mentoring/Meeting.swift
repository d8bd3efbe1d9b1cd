import Foundation

/// A meeting booked inside a mentorship: when, what for, and where it stands.
public struct Meeting: Identifiable, Equatable, Sendable {
    public let id: UUID
    public let mentorshipId: UUID
    public let mentorId: UUID
    public let menteeId: UUID
    /// Who booked it (either side).
    public let bookedBy: UUID
    public var start: Date
    public var end: Date
    public var agenda: String
    public var status: MeetingStatus
    /// Grows with every change calendars must pick up (cancel, reschedule): the iCalendar SEQUENCE.
    public var sequence: Int
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, mentorshipId: UUID, mentorId: UUID, menteeId: UUID, bookedBy: UUID, start: Date, end: Date,
        agenda: String, status: MeetingStatus = .scheduled, sequence: Int = 0, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.mentorshipId = mentorshipId
        self.mentorId = mentorId
        self.menteeId = menteeId
        self.bookedBy = bookedBy
        self.start = start
        self.end = end
        self.agenda = agenda
        self.status = status
        self.sequence = sequence
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    public var interval: DateInterval { DateInterval(start: start, end: end) }
    public var durationMinutes: Int { Int(end.timeIntervalSince(start) / 60) }

    /// Which side a person is on, or nil for anyone else.
    public func role(of person: UUID) -> MentorshipRole? {
        person == mentorId ? .mentor : person == menteeId ? .mentee : nil
    }

    /// The other one of the meeting's two people (the mentee for the mentor, and the mentor for anyone else).
    public func otherPerson(than person: UUID) -> UUID {
        person == mentorId ? menteeId : mentorId
    }

    /// The meeting cancelled now: late inside the policy's window, refused once it has started.
    public func cancelled(now: Date, policy: BookingPolicy) throws(MentoringRuleViolation) -> Meeting {
        try policy.checkCancellable(start: start, now: now)
        return try cancelled(late: policy.cancellation(start: start, now: now) == .late, now: now)
    }

    /// The meeting cancelled (only a scheduled one can be), with a higher sequence so calendars drop it.
    public func cancelled(late: Bool, now: Date) throws(MentoringRuleViolation) -> Meeting {
        var copy = self
        copy.status = try status.transition(.cancel(late: late))
        copy.sequence += 1
        copy.updatedAt = now
        return copy
    }

    /// The meeting with what happened recorded (held, or missed by one side), once its start time has come.
    public func recorded(_ outcome: MeetingOutcome, now: Date) throws(MentoringRuleViolation) -> Meeting {
        try MeetingOutcome.checkCanRecord(start: start, now: now)
        var copy = self
        copy.status = try status.transition(.record(outcome))
        copy.updatedAt = now
        return copy
    }

    /// The meeting as a calendar event: the agenda, never any note.
    public func calendarEvent(otherPersonName: String, dtstamp: Date) -> ICalendarEvent {
        ICalendarEvent(
            uid: "\(id.uuidString.lowercased())@ithaca", sequence: sequence, dtstamp: dtstamp, start: start, end: end,
            summary: "Mentoring: \(otherPersonName)", description: "Agenda:\n\(agenda)", organizerName: "Ithaca",
            status: status.isCancelled ? .cancelled : .confirmed)
    }
}

extension MeetingStatus {
    /// Cancelled, on time or late.
    public var isCancelled: Bool {
        if case .cancelled = self { return true }
        return false
    }
}

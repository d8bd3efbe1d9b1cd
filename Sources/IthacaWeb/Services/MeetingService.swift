import Foundation
import IthacaDomain
import IthacaStorage

/// Everything about one meeting that its two people see: the agenda, what carries over from earlier meetings,
/// what was raised in it, and the feedback both gave.
public struct MeetingDetail: Sendable {
    public let meeting: Meeting
    public let mentorship: MentorshipRecord
    /// Unresolved action items and open questions from earlier meetings.
    public let carriedOver: [CarriedItem]
    /// Items raised in this meeting.
    public let raised: [CarriedItem]
    public let myFeedback: FeedbackRating?
    public let theirFeedback: FeedbackRating?
    /// Whether the viewer is asked for feedback now (held, and not given yet).
    public var feedbackInvited: Bool { meeting.status.invitesFeedback && myFeedback == nil }
}

/// Booking, cancelling and recording meetings; items that carry over; feedback after a held meeting; .ics files.
/// Only the mentorship's two people ever see a meeting (anyone else, site admins included, gets "not found").
public struct MeetingService: Sendable {
    let store: MeetingStore
    let availability: AvailabilityStore
    let mentorships: MentorshipService
    let profiles: ProfileStore
    let clock: AppClock
    let policies: BookingPolicies
    let notices: MeetingNotices
    let database: IthacaDatabase

    /// Books a meeting in an active mentorship, at one of the mentor's published slots, free for both people. The
    /// rules' inputs (the mentorship's status, the mentor's availability, the program's policy) are read inside the
    /// booking's critical section, so a mentorship ended a moment before gets no meeting.
    public func book(_ mentorshipId: UUID, by viewer: Viewer, start: Date, durationMinutes: Int, agenda: String) async throws -> Meeting {
        let mentorship = try await mentorships.mentorship(mentorshipId, for: viewer)
        let now = clock.now()
        let wanted = DateInterval(start: start, duration: TimeInterval(max(durationMinutes, 0) * 60))
        let (mentorId, menteeId) = (mentorship.mentorId, mentorship.menteeId)
        let store = store, availability = availability, policies = policies
        let names = try await profiles.names(of: [mentorId, menteeId])
        return try await database.transaction { _ in
            let meeting = try await store.book(mentorshipId: mentorshipId, mentorId: mentorId, menteeId: menteeId, interval: wanted) { status, busy in
                guard let status else { throw IthacaError.notFound("mentorship") }
                guard status.allowsBooking else {
                    throw MentoringRuleViolation.mentorshipTransitionNotAllowed(from: status, action: "have meetings booked")
                }
                let published = try await availability.availability(of: mentorId)
                let slots = published.map {
                    SlotGenerator.slots(
                        availability: $0, from: wanted.start, to: wanted.end, duration: wanted.duration,
                        step: AvailabilityService.slotStep, now: now, minimumNotice: 0)
                } ?? []
                let tidied = try Booking.check(
                    start: start, durationMinutes: durationMinutes, agenda: agenda, now: now, policy: try await policies.policy(for: mentorship),
                    availableSlots: slots, busy: busy)
                return Meeting(
                    id: UUID(), mentorshipId: mentorshipId, mentorId: mentorId, menteeId: menteeId, bookedBy: viewer.id,
                    start: wanted.start, end: wanted.end, agenda: tidied, createdAt: now)
            }
            try await notices.tell(about: meeting, .meetingBooked, names: names) { who, when in
                who == viewer.id ? "You booked a meeting with \(names[meeting.otherPerson(than: who)] ?? "a former member"): \(when)."
                    : "\(viewer.name) booked a meeting with you: \(when)."
            }
            return meeting
        }
    }

    /// My meetings in every mentorship, earliest first.
    public func meetings(of viewer: Viewer) async throws -> [Meeting] {
        try await store.meetings(involving: viewer.id)
    }

    /// The meetings of one of my mentorships, earliest first.
    public func meetings(ofMentorship id: UUID, for viewer: Viewer) async throws -> [Meeting] {
        _ = try await mentorships.mentorship(id, for: viewer)
        return try await store.meetings(ofMentorship: id)
    }

    public func meeting(_ id: UUID, for viewer: Viewer) async throws -> Meeting {
        guard let meeting = try await store.meeting(id: id), meeting.role(of: viewer.id) != nil else {
            throw IthacaError.notFound("meeting")
        }
        return meeting
    }

    public func cancel(_ id: UUID, by viewer: Viewer) async throws -> Meeting {
        let meeting = try await meeting(id, for: viewer)
        let policy = try await policies.policy(for: try await mentorships.mentorship(meeting.mentorshipId, for: viewer))
        let cancelled = try meeting.cancelled(now: clock.now(), policy: policy)
        let store = store
        let names = try await profiles.names(of: [meeting.mentorId, meeting.menteeId])
        try await database.transaction { _ in
            try await store.saveTransition(cancelled)
            try await notices.tell(about: cancelled, .meetingCancelled, names: names) { who, when in
                who == viewer.id ? "You cancelled your meeting with \(names[cancelled.otherPerson(than: who)] ?? "a former member"): \(when)."
                    : "\(viewer.name) cancelled your meeting: \(when)."
            }
        }
        return cancelled
    }

    public func record(_ id: UUID, _ outcome: MeetingOutcome, by viewer: Viewer) async throws -> Meeting {
        let recorded = try await meeting(id, for: viewer).recorded(outcome, now: clock.now())
        try await store.saveTransition(recorded)
        return recorded
    }

    public func detail(_ id: UUID, for viewer: Viewer) async throws -> MeetingDetail {
        let meeting = try await meeting(id, for: viewer)
        let mentorship = try await mentorships.mentorship(meeting.mentorshipId, for: viewer)
        let all = try await store.meetings(ofMentorship: meeting.mentorshipId)
        let items = try await store.items(ofMentorship: meeting.mentorshipId)
        let summaries = all.map { other in
            MeetingRecordSummary(meetingId: other.id, start: other.start, items: items.filter { $0.meetingId == other.id }.map(\.item))
        }
        let feedback = try await store.feedback(onMeetings: [id])
        return MeetingDetail(
            meeting: meeting, mentorship: mentorship,
            carriedOver: CarryOver.items(from: summaries, before: meeting.start),
            raised: items.filter { $0.meetingId == id }.map(\.item),
            myFeedback: feedback.first { $0.authorId == viewer.id }?.rating,
            theirFeedback: feedback.first { $0.authorId != viewer.id }?.rating)
    }

    /// Raises an action item or open question in a meeting (before or after it).
    public func addItem(to meetingId: UUID, by viewer: Viewer, kind: CarriedItem.Kind, text: String) async throws -> CarriedItem {
        let meeting = try await meeting(meetingId, for: viewer)
        let item = CarriedItem(kind: kind, text: try CarriedItem.validatedText(text))
        try await store.addItem(item, mentorshipId: meeting.mentorshipId, meetingId: meeting.id, authorId: viewer.id, now: clock.now())
        return item
    }

    /// Marks an item of one of my mentorships resolved (or open again).
    public func setItem(_ itemId: UUID, resolved: Bool, by viewer: Viewer) async throws {
        guard let mentorshipId = try await store.itemMentorship(itemId) else { throw IthacaError.notFound("item") }
        do {
            _ = try await mentorships.mentorship(mentorshipId, for: viewer)
        } catch IthacaError.notFound {
            throw IthacaError.notFound("item")
        }
        try await store.setResolved(itemId, resolved, now: clock.now())
    }

    /// Quick feedback on the other person's part in a held meeting; once per person and meeting.
    public func giveFeedback(on meetingId: UUID, by viewer: Viewer, useful: Int, comment: String?) async throws -> FeedbackRating {
        let meeting = try await meeting(meetingId, for: viewer)
        let rating = try FeedbackRating.validated(useful: useful, comment: comment)
        guard meeting.status.invitesFeedback else { throw MentoringRuleViolation.feedbackNeedsHeldMeeting }
        try await store.addFeedback(rating, meetingId: meetingId, authorId: viewer.id, now: clock.now())
        return rating
    }

    /// One meeting as an .ics file: METHOD:CANCEL once it is cancelled, so calendars remove it.
    public func ics(_ id: UUID, for viewer: Viewer) async throws -> String {
        let meeting = try await meeting(id, for: viewer)
        let event = try await events([meeting], for: viewer.id)
        return ICalendar.document(events: event, method: meeting.status.isCancelled ? .cancel : .publish)
    }

    /// Calendar events of `meetings` as `person` sees them ("Mentoring: <the other person>").
    func events(_ meetings: [Meeting], for person: UUID) async throws -> [ICalendarEvent] {
        let others = meetings.map { $0.otherPerson(than: person) }
        let names = try await profiles.names(of: Array(Set(others)))
        let now = clock.now()
        return zip(meetings, others).map { meeting, other in
            meeting.calendarEvent(otherPersonName: names[other] ?? "a former member", dtstamp: now)
        }
    }
}

import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// An item raised in a meeting, with where it came from.
public struct StoredItem: Sendable, Equatable {
    public let item: CarriedItem
    public let meetingId: UUID
    public let authorId: UUID
    public let createdAt: Date
}

/// Feedback one person gave on a held meeting.
public struct StoredFeedback: Sendable, Equatable {
    public let meetingId: UUID
    public let authorId: UUID
    public let rating: FeedbackRating
    public let createdAt: Date
}

/// Meetings, their items and feedback. Booking is a critical section: the overlap check and the insert happen
/// under one lock, and a partial unique index refuses a second scheduled meeting at the same mentor and start.
public struct MeetingStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Books a meeting: `decide` sees the mentorship's current status and the scheduled meetings of both people that
    /// overlap `interval`, and returns the meeting to store (or throws, e.g. `.slotTaken`). It runs in the critical
    /// section of the mentorship (so ending it waits, or is waited for) and of both people's calendars (so bookings
    /// in other mentorships cannot overlap), and whatever it reads through the database is read in it too.
    public func book(
        mentorshipId: UUID, mentorId: UUID, menteeId: UUID, interval: DateInterval,
        decide: @escaping @Sendable (_ status: MentorshipStatus?, _ busy: [DateInterval]) async throws -> Meeting
    ) async throws -> Meeting {
        do {
            let keys = [LockKeys.mentorship(mentorshipId), LockKeys.calendar(mentorId), LockKeys.calendar(menteeId)]
            return try await database.criticalSection(keys: keys) { db in
                let status = try await MentorshipRecord.find(mentorshipId, on: db)?.status
                let busy = try await Self.scheduled(of: [mentorId, menteeId], overlapping: interval, on: db)
                let meeting = try await decide(status, busy)
                try await MeetingRecord(meeting).create(on: db)
                return meeting
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw MentoringRuleViolation.slotTaken
        }
    }

    /// Scheduled meetings of any of `people` that share time with `interval`.
    public func scheduled(of people: [UUID], overlapping interval: DateInterval) async throws -> [DateInterval] {
        try await Self.scheduled(of: people, overlapping: interval, on: database.db)
    }

    static func scheduled(of people: [UUID], overlapping interval: DateInterval, on db: any Database) async throws -> [DateInterval] {
        try await MeetingRecord.query(on: db)
            .filter(\.$status == MeetingStatus.scheduled.code)
            .group(.or) { $0.filter(\.$mentorId ~~ people).filter(\.$menteeId ~~ people) }
            .filter(\.$start < interval.end).filter(\.$end > interval.start)
            .all()
            .map { DateInterval(start: $0.start, end: $0.end) }
    }

    public func meeting(id: UUID) async throws -> Meeting? {
        try await MeetingRecord.find(id, on: database.db)?.meeting
    }

    /// A person's meetings in every mentorship, earliest first.
    public func meetings(involving person: UUID) async throws -> [Meeting] {
        try await MeetingRecord.query(on: database.db)
            .group(.or) { $0.filter(\.$mentorId == person).filter(\.$menteeId == person) }
            .sort(\.$start)
            .all().map(\.meeting)
    }

    public func meetings(ofMentorship id: UUID) async throws -> [Meeting] {
        try await MeetingRecord.query(on: database.db).filter(\.$mentorshipId == id).sort(\.$start).all().map(\.meeting)
    }

    /// Saves a meeting that moved on from `scheduled` — only if it is still scheduled, so two people cancelling and
    /// marking it held at once can't both win.
    public func saveTransition(_ meeting: Meeting) async throws {
        let updated = try await database.db.sql.raw("""
            UPDATE meetings SET status = \(bind: meeting.status.code), sequence = \(bind: meeting.sequence),
            updated_at = \(bind: meeting.updatedAt) WHERE id = \(bind: meeting.id) AND status = 'scheduled' RETURNING id
            """).all()
        if updated.isEmpty {
            let current = try await self.meeting(id: meeting.id)?.status ?? .cancelled(late: false)
            throw MentoringRuleViolation.meetingTransitionNotAllowed(from: current, action: "change")
        }
    }

    /// Cancels every meeting to come of `person`, in any of their mentorships (their account is being erased), inside
    /// the caller's transaction; returns them as cancelled, so the other people can be told.
    public func cancelUpcoming(ofPerson person: UUID, now: Date) async throws -> [Meeting] {
        let db = database.db
        let upcoming = try await MeetingRecord.query(on: db)
            .group(.or) { $0.filter(\.$menteeId == person).filter(\.$mentorId == person) }
            .filter(\.$status == MeetingStatus.scheduled.code).filter(\.$start > now)
            .sort(\.$start).all().map(\.meeting)
        return try await cancel(upcoming, now: now)
    }

    /// Cancels the mentorship's meetings still to come (a mentorship that ends or completes keeps no appointments),
    /// inside the caller's transaction; each gets a higher sequence so calendars drop it. Returns them, cancelled.
    public func cancelUpcoming(ofMentorship id: UUID, now: Date) async throws -> [Meeting] {
        let db = database.db
        let upcoming = try await MeetingRecord.query(on: db)
            .filter(\.$mentorshipId == id).filter(\.$status == MeetingStatus.scheduled.code).filter(\.$start > now)
            .sort(\.$start).all().map(\.meeting)
        return try await cancel(upcoming, now: now)
    }

    /// Cancels these scheduled meetings (read in the caller's transaction); each gets a higher sequence so calendars
    /// drop it. Returns them, cancelled.
    private func cancel(_ upcoming: [Meeting], now: Date) async throws -> [Meeting] {
        guard !upcoming.isEmpty else { return [] }
        for batch in upcoming.map(\.id).batches() {
            try await database.db.sql.raw("""
                UPDATE meetings SET status = \(bind: MeetingStatus.cancelled(late: false).code), sequence = sequence + 1,
                updated_at = \(bind: now) WHERE id IN (\(binds: Array(batch))) AND status = 'scheduled'
                """).run()
        }
        return try upcoming.map { try $0.cancelled(late: false, now: now) }
    }

    // MARK: Items

    public func addItem(_ item: CarriedItem, mentorshipId: UUID, meetingId: UUID, authorId: UUID, now: Date) async throws {
        let row = MeetingItemRecord()
        row.id = item.id
        row.mentorshipId = mentorshipId
        row.meetingId = meetingId
        row.authorId = authorId
        row.kind = item.kind.rawValue
        row.text = item.text
        row.resolved = item.resolved
        row.createdAt = now
        try await row.create(on: database.db)
    }

    public func items(ofMentorship id: UUID) async throws -> [StoredItem] {
        try await MeetingItemRecord.query(on: database.db).filter(\.$mentorshipId == id).sort(\.$createdAt).all().map {
            StoredItem(
                item: CarriedItem(id: $0.id!, kind: CarriedItem.Kind(rawValue: $0.kind) ?? .actionItem, text: $0.text, resolved: $0.resolved),
                meetingId: $0.meetingId, authorId: $0.authorId, createdAt: $0.createdAt)
        }
    }

    /// The mentorship an item belongs to, or nil for an unknown item.
    public func itemMentorship(_ itemId: UUID) async throws -> UUID? {
        try await MeetingItemRecord.find(itemId, on: database.db)?.mentorshipId
    }

    public func setResolved(_ itemId: UUID, _ resolved: Bool, now: Date) async throws {
        try await MeetingItemRecord.query(on: database.db).filter(\.$id == itemId)
            .set(\.$resolved, to: resolved).set(\.$resolvedAt, to: resolved ? now : nil).update()
    }

    // MARK: Feedback

    /// Stores one person's feedback; a second one for the same meeting is refused by the unique index.
    public func addFeedback(_ rating: FeedbackRating, meetingId: UUID, authorId: UUID, now: Date) async throws {
        let row = MeetingFeedbackRecord()
        row.id = UUID()
        row.meetingId = meetingId
        row.authorId = authorId
        row.useful = rating.useful
        row.comment = rating.comment
        row.createdAt = now
        do {
            try await row.create(on: database.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw MentoringRuleViolation.feedbackAlreadyGiven
        }
    }

    public func feedback(onMeetings ids: [UUID]) async throws -> [StoredFeedback] {
        guard !ids.isEmpty else { return [] }
        return try await MeetingFeedbackRecord.query(on: database.db).filter(\.$meetingId ~~ ids).all().compactMap { row in
            guard let rating = try? FeedbackRating.validated(useful: row.useful, comment: row.comment) else { return nil }
            return StoredFeedback(meetingId: row.meetingId, authorId: row.authorId, rating: rating, createdAt: row.createdAt)
        }
    }
}

extension MeetingStore {
    /// Scheduled meetings starting after `from` and no later than `to` (for reminders), earliest first.
    public func scheduledMeetings(startingAfter from: Date, until to: Date) async throws -> [Meeting] {
        try await MeetingRecord.query(on: database.db).filter(\.$status == "scheduled").filter(\.$start > from).filter(\.$start <= to)
            .sort(\.$start).all().map(\.meeting)
    }

    /// Held meetings that ended after `from` and no later than `to`, with who already gave feedback on each.
    public func heldMeetings(endedAfter from: Date, until to: Date) async throws -> [(meeting: Meeting, gaveFeedback: Set<UUID>)] {
        let meetings = try await MeetingRecord.query(on: database.db).filter(\.$status == "held").filter(\.$end > from).filter(\.$end <= to)
            .all().map(\.meeting)
        guard !meetings.isEmpty else { return [] }
        var authors: [UUID: Set<UUID>] = [:]
        for row in try await database.db.sql.raw("""
            SELECT meeting_id, author_id FROM meeting_feedback WHERE meeting_id IN (\(binds: meetings.map(\.id)))
            """).all() {
            authors[try row.decode(column: "meeting_id", as: UUID.self), default: []].insert(try row.decode(column: "author_id", as: UUID.self))
        }
        return meetings.map { ($0, authors[$0.id] ?? []) }
    }
}

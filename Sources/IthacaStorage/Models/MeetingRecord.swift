import FluentKit
import Foundation
import IthacaDomain

/// A row of `meetings`.
final class MeetingRecord: Model, @unchecked Sendable {
    static let schema = "meetings"

    @ID(key: .id) var id: UUID?
    @Field(key: "mentorship_id") var mentorshipId: UUID
    @Field(key: "mentor_id") var mentorId: UUID
    @Field(key: "mentee_id") var menteeId: UUID
    @Field(key: "booked_by") var bookedBy: UUID
    @Field(key: "start_at") var start: Date
    @Field(key: "end_at") var end: Date
    @Field(key: "agenda") var agenda: String
    @Field(key: "status") var status: String
    @Field(key: "sequence") var sequence: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ meeting: Meeting) {
        id = meeting.id
        mentorshipId = meeting.mentorshipId
        mentorId = meeting.mentorId
        menteeId = meeting.menteeId
        bookedBy = meeting.bookedBy
        start = meeting.start
        end = meeting.end
        agenda = meeting.agenda
        status = meeting.status.code
        sequence = meeting.sequence
        createdAt = meeting.createdAt
        updatedAt = meeting.updatedAt
    }

    var meeting: Meeting {
        Meeting(
            id: id!, mentorshipId: mentorshipId, mentorId: mentorId, menteeId: menteeId, bookedBy: bookedBy, start: start,
            end: end, agenda: agenda, status: MeetingStatus(code: status) ?? .cancelled(late: false), sequence: sequence,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A row of `meeting_items`: an action item or open question raised in a meeting.
final class MeetingItemRecord: Model, @unchecked Sendable {
    static let schema = "meeting_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "mentorship_id") var mentorshipId: UUID
    @Field(key: "meeting_id") var meetingId: UUID
    @Field(key: "author_id") var authorId: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @Field(key: "resolved") var resolved: Bool
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A row of `meeting_feedback`.
final class MeetingFeedbackRecord: Model, @unchecked Sendable {
    static let schema = "meeting_feedback"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingId: UUID
    @Field(key: "author_id") var authorId: UUID
    @Field(key: "useful") var useful: Int
    @OptionalField(key: "comment") var comment: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

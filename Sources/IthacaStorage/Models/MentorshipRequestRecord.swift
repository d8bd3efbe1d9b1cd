import FluentKit
import Foundation
import IthacaDomain

/// A row of `mentorship_requests`.
final class MentorshipRequestRecord: Model, @unchecked Sendable {
    static let schema = "mentorship_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "mentee_id") var menteeId: UUID
    @Field(key: "mentor_id") var mentorId: UUID
    @Field(key: "goal") var goal: String
    @Field(key: "focus") var focus: String
    @Field(key: "message") var message: String
    @Field(key: "status") var status: String
    @OptionalField(key: "decline_reason") var declineReason: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "info_question") var infoQuestion: String?
    @OptionalField(key: "info_reply") var infoReply: String?
    @OptionalField(key: "waiting_since") var waitingSince: Date?
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}

    init(_ request: MentorshipRequest) {
        id = request.id
        menteeId = request.menteeId
        mentorId = request.mentorId
        goal = request.details.goal
        focus = request.details.focus.rawValue
        message = request.details.message
        createdAt = request.createdAt
        apply(request)
    }

    func apply(_ request: MentorshipRequest) {
        status = request.status.rawValue
        declineReason = request.declineReason
        closedAt = request.closedAt
        infoQuestion = request.infoQuestion
        infoReply = request.infoReply
        waitingSince = request.waitingSince
        answeredAt = request.answeredAt
    }

    /// Back to the domain value. Stored rows were validated on the way in.
    var request: MentorshipRequest {
        MentorshipRequest(
            id: id!, menteeId: menteeId, mentorId: mentorId,
            details: MentorshipRequestDetails(stored: goal, focus: MentoringFocus(rawValue: focus) ?? .other, message: message),
            createdAt: createdAt, status: MentorshipRequestStatus(rawValue: status) ?? .expired,
            declineReason: declineReason, closedAt: closedAt, infoQuestion: infoQuestion, infoReply: infoReply,
            waitingSince: waitingSince, answeredAt: answeredAt)
    }
}

extension MentorshipRequestRecord {
    /// The columns a request is read from through `DirectRead` (pages list a person's requests on every visit, and
    /// decoding a Fluent model reflects over its properties per row).
    static let columns = """
        id, mentee_id, mentor_id, goal, focus, message, status, decline_reason, created_at, closed_at, info_question, \
        info_reply, waiting_since, answered_at
        """

    static func request(_ row: BulkRow) throws -> MentorshipRequest {
        MentorshipRequest(
            id: try row.id("id"), menteeId: try row.id("mentee_id"), mentorId: try row.id("mentor_id"),
            details: MentorshipRequestDetails(
                stored: try row.text("goal"), focus: MentoringFocus(rawValue: try row.text("focus")) ?? .other, message: try row.text("message")),
            createdAt: try row.date("created_at"), status: MentorshipRequestStatus(rawValue: try row.text("status")) ?? .expired,
            declineReason: try row.optionalText("decline_reason"), closedAt: try row.optionalDate("closed_at"),
            infoQuestion: try row.optionalText("info_question"), infoReply: try row.optionalText("info_reply"),
            waitingSince: try row.optionalDate("waiting_since"), answeredAt: try row.optionalDate("answered_at"))
    }
}

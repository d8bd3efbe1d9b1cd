import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// A mentor's introduction of their mentee to another member.
public struct StoredIntroduction: Sendable, Equatable {
    public let id: UUID
    public let mentorshipId: UUID
    public let mentorId: UUID
    public let menteeId: UUID
    public let memberId: UUID
    public let note: String
    public var status: IntroductionStatus
    public let createdAt: Date
}

/// A mentor's endorsement of their mentee.
public struct StoredEndorsement: Sendable, Equatable {
    public let id: UUID
    public let mentorshipId: UUID
    public let mentorId: UUID
    public let menteeId: UUID
    public let text: String
    public var status: EndorsementStatus
    public let createdAt: Date
}

final class IntroductionRecord: Model, @unchecked Sendable {
    static let schema = "introductions"

    @ID(key: .id) var id: UUID?
    @Field(key: "mentorship_id") var mentorshipId: UUID
    @Field(key: "mentor_id") var mentorId: UUID
    @Field(key: "mentee_id") var menteeId: UUID
    @Field(key: "member_id") var memberId: UUID
    @Field(key: "note") var note: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}

    var introduction: StoredIntroduction {
        StoredIntroduction(id: id!, mentorshipId: mentorshipId, mentorId: mentorId, menteeId: menteeId, memberId: memberId, note: note,
                           status: IntroductionStatus(rawValue: status) ?? .declined, createdAt: createdAt)
    }
}

final class EndorsementRecord: Model, @unchecked Sendable {
    static let schema = "endorsements"

    @ID(key: .id) var id: UUID?
    @Field(key: "mentorship_id") var mentorshipId: UUID
    @Field(key: "mentor_id") var mentorId: UUID
    @Field(key: "mentee_id") var menteeId: UUID
    @Field(key: "text") var text: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}

    var endorsement: StoredEndorsement {
        StoredEndorsement(id: id!, mentorshipId: mentorshipId, mentorId: mentorId, menteeId: menteeId, text: text,
                          status: EndorsementStatus(rawValue: status) ?? .rejected, createdAt: createdAt)
    }
}

/// Introductions and endorsements: what a mentor does for their mentee beyond the meetings.
public struct IntroductionStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func addIntroduction(mentorshipId: UUID, mentorId: UUID, menteeId: UUID, memberId: UUID, note: String, now: Date) async throws -> StoredIntroduction {
        let row = IntroductionRecord()
        row.id = UUID()
        row.mentorshipId = mentorshipId
        row.mentorId = mentorId
        row.menteeId = menteeId
        row.memberId = memberId
        row.note = note
        row.status = IntroductionStatus.proposed.rawValue
        row.createdAt = now
        try await row.create(on: database.db)
        return row.introduction
    }

    public func introduction(id: UUID) async throws -> StoredIntroduction? {
        try await IntroductionRecord.find(id, on: database.db)?.introduction
    }

    /// Introductions a person made, is the subject of, or was asked to accept; newest first.
    public func introductions(involving person: UUID) async throws -> [StoredIntroduction] {
        try await IntroductionRecord.query(on: database.db)
            .group(.or) { $0.filter(\.$mentorId == person).filter(\.$menteeId == person).filter(\.$memberId == person) }
            .sort(\.$createdAt, .descending).all().map(\.introduction)
    }

    /// Stores the member's answer, only if the introduction is still proposed.
    public func answerIntroduction(_ id: UUID, status: IntroductionStatus, now: Date) async throws {
        guard try await answer("introductions", id, from: IntroductionStatus.proposed.rawValue, to: status.rawValue, now: now) else {
            throw MentoringRuleViolation.introductionAlreadyAnswered(try await introduction(id: id)?.status ?? .declined)
        }
    }

    public func addEndorsement(mentorshipId: UUID, mentorId: UUID, menteeId: UUID, text: String, now: Date) async throws -> StoredEndorsement {
        let row = EndorsementRecord()
        row.id = UUID()
        row.mentorshipId = mentorshipId
        row.mentorId = mentorId
        row.menteeId = menteeId
        row.text = text
        row.status = EndorsementStatus.pending.rawValue
        row.createdAt = now
        try await row.create(on: database.db)
        return row.endorsement
    }

    public func endorsement(id: UUID) async throws -> StoredEndorsement? {
        try await EndorsementRecord.find(id, on: database.db)?.endorsement
    }

    /// Endorsements a person wrote or received; newest first.
    public func endorsements(involving person: UUID) async throws -> [StoredEndorsement] {
        try await EndorsementRecord.query(on: database.db)
            .group(.or) { $0.filter(\.$mentorId == person).filter(\.$menteeId == person) }
            .sort(\.$createdAt, .descending).all().map(\.endorsement)
    }

    /// Endorsements the mentee approved, for their profile.
    public func approvedEndorsements(of mentee: UUID) async throws -> [StoredEndorsement] {
        try await EndorsementRecord.query(on: database.db)
            .filter(\.$menteeId == mentee).filter(\.$status == EndorsementStatus.approved.rawValue)
            .sort(\.$createdAt, .descending).all().map(\.endorsement)
    }

    public func answerEndorsement(_ id: UUID, status: EndorsementStatus, now: Date) async throws {
        guard try await answer("endorsements", id, from: EndorsementStatus.pending.rawValue, to: status.rawValue, now: now) else {
            throw MentoringRuleViolation.endorsementAlreadyAnswered(try await endorsement(id: id)?.status ?? .rejected)
        }
    }

    /// Stores an answer only if the row still waits for one (`from`), so two answers racing can't both win.
    private func answer(_ table: String, _ id: UUID, from waiting: String, to status: String, now: Date) async throws -> Bool {
        let updated = try await database.db.sql.raw("""
            UPDATE \(unsafeRaw: table) SET status = \(bind: status), answered_at = \(bind: now)
            WHERE id = \(bind: id) AND status = \(bind: waiting) RETURNING id
            """).all()
        return !updated.isEmpty
    }
}

import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// Mentorship requests and mentorships. Accepting is a critical section: it counts the mentor's places and creates
/// the mentorship in one transaction, so concurrent accepts can never exceed the mentor's capacity.
public struct MentorshipStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    static var placeHoldingStatuses: [String] {
        MentorshipStatus.allCases.filter(\.occupiesCapacity).map(\.rawValue)
    }

    // MARK: Requests

    /// Stores a new pending request; a second pending request for the same pair is refused by the unique index.
    public func create(_ request: MentorshipRequest) async throws {
        do {
            try await MentorshipRequestRecord(request).create(on: database.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw MentoringRuleViolation.requestAlreadyPending
        }
    }

    public func request(id: UUID) async throws -> MentorshipRequest? {
        try await MentorshipRequestRecord.find(id, on: database.db)?.request
    }

    /// Requests a person sent or received, newest first.
    public func requests(involving person: UUID) async throws -> [MentorshipRequest] {
        try await MentorshipRequestRecord.query(on: database.db)
            .group(.or) { $0.filter(\.$menteeId == person).filter(\.$mentorId == person) }
            .sort(\.$createdAt, .descending)
            .all()
            .map(\.request)
    }

    /// Mentors this mentee has a pending request with.
    public func pendingRequestMentors(of mentee: UUID) async throws -> Set<UUID> {
        let rows = try await MentorshipRequestRecord.query(on: database.db)
            .filter(\.$menteeId == mentee).filter(\.$status == MentorshipRequestStatus.pending.rawValue).all()
        return Set(rows.map(\.mentorId))
    }

    /// Mentors of this mentee's mentorships that still hold a place.
    public func currentMentors(of mentee: UUID) async throws -> Set<UUID> {
        let rows = try await MentorshipRecord.query(on: database.db)
            .filter(\.$menteeId == mentee).filter(\.$statusCode ~~ Self.placeHoldingStatuses).all()
        return Set(rows.map(\.mentorId))
    }

    /// Places taken per mentor (proposed, active or paused mentorships), for the directory's free places.
    public func placesTaken() async throws -> [UUID: Int] {
        let rows = try await database.db.sql.raw("""
            SELECT mentor_id, COUNT(*) AS taken FROM mentorships
            WHERE status IN (\(binds: Self.placeHoldingStatuses)) GROUP BY mentor_id
            """).all()
        var taken: [UUID: Int] = [:]
        for row in rows { taken[try row.decode(column: "mentor_id", as: UUID.self)] = try row.decode(column: "taken", as: Int.self) }
        return taken
    }

    public func placesTaken(by mentor: UUID) async throws -> Int {
        try await MentorshipRecord.query(on: database.db)
            .filter(\.$mentorId == mentor).filter(\.$statusCode ~~ Self.placeHoldingStatuses).count()
    }

    /// Saves a request that moved on (declined, withdrawn, expired) — only if it is still pending in the database,
    /// so a decline racing an accept cannot both win.
    public func close(_ request: MentorshipRequest) async throws {
        let updated = try await database.db.sql.raw("""
            UPDATE mentorship_requests SET status = \(bind: request.status.rawValue), decline_reason = \(bind: request.declineReason),
            closed_at = \(bind: request.closedAt) WHERE id = \(bind: request.id) AND status = 'pending' RETURNING id
            """).all()
        if updated.isEmpty {
            let current = try await self.request(id: request.id)?.status ?? .expired
            throw MentoringRuleViolation.requestNoLongerPending(current)
        }
    }

    /// Accepts a pending request and creates its mentorship, all under one lock per database.
    /// `decide` sees the request and the mentor's places taken, and returns the accepted request and agreement.
    public func accept(
        requestId: UUID, now: Date,
        decide: @escaping @Sendable (MentorshipRequest, Int) throws -> (MentorshipRequest, Agreement)
    ) async throws -> MentorshipRecord {
        try await database.criticalSection(key: LockKeys.mentorships) { db in
            guard let row = try await MentorshipRequestRecord.find(requestId, on: db) else {
                throw IthacaError.notFound("mentorship request")
            }
            let taken = try await MentorshipRecord.query(on: db)
                .filter(\.$mentorId == row.mentorId).filter(\.$statusCode ~~ Self.placeHoldingStatuses).count()
            let (accepted, agreement) = try decide(row.request, taken)
            row.apply(accepted)
            try await row.save(on: db)
            let mentorship = try MentorshipRecord(request: accepted, agreement: agreement, now: now)
            try await mentorship.create(on: db)
            return mentorship
        }
    }

    // MARK: Mentorships

    public func mentorship(id: UUID) async throws -> MentorshipRecord? {
        try await MentorshipRecord.find(id, on: database.db)
    }

    public func mentorships(involving person: UUID) async throws -> [MentorshipRecord] {
        try await MentorshipRecord.query(on: database.db)
            .group(.or) { $0.filter(\.$menteeId == person).filter(\.$mentorId == person) }
            .sort(\.$createdAt, .descending)
            .all()
    }

    public func save(_ mentorship: MentorshipRecord) async throws {
        try await mentorship.save(on: database.db)
    }
}

/// A retrospective with its author.
public struct StoredRetrospective: Sendable, Equatable {
    public let authorId: UUID
    public let retrospective: Retrospective
    public let createdAt: Date
}

final class RetrospectiveRecord: Model, @unchecked Sendable {
    static let schema = "mentorship_retrospectives"

    @ID(key: .id) var id: UUID?
    @Field(key: "mentorship_id") var mentorshipId: UUID
    @Field(key: "author_id") var authorId: UUID
    @Field(key: "went_well") var wentWell: String
    @Field(key: "learned") var learned: String
    @Field(key: "next") var next: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension MentorshipStore {
    /// Stores one side's retrospective; a second one from the same person is refused.
    public func addRetrospective(_ retrospective: Retrospective, mentorshipId: UUID, authorId: UUID, now: Date) async throws {
        let row = RetrospectiveRecord()
        row.id = UUID()
        row.mentorshipId = mentorshipId
        row.authorId = authorId
        row.wentWell = retrospective.wentWell
        row.learned = retrospective.learned
        row.next = retrospective.next
        row.createdAt = now
        do {
            try await row.create(on: database.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw IthacaError.conflict("You already wrote your retrospective for this mentorship.")
        }
    }

    public func retrospectives(of mentorshipId: UUID) async throws -> [StoredRetrospective] {
        try await RetrospectiveRecord.query(on: database.db).filter(\.$mentorshipId == mentorshipId).sort(\.$createdAt).all().map {
            StoredRetrospective(
                authorId: $0.authorId, retrospective: .stored(wentWell: $0.wentWell, learned: $0.learned, next: $0.next), createdAt: $0.createdAt)
        }
    }

    /// "Mentored by" edges: mentorships that got going (active, paused or completed).
    public func mentoringEdges() async throws -> [MentoringEdge] {
        let codes = [MentorshipStatus.active, .paused, .completed].map(\.rawValue)
        let rows = try await database.db.sql.raw("""
            SELECT DISTINCT mentor_id, mentee_id FROM mentorships WHERE status IN (\(binds: codes))
            """).all()
        return try rows.map { MentoringEdge(mentor: try $0.decode(column: "mentor_id", as: UUID.self), mentee: try $0.decode(column: "mentee_id", as: UUID.self)) }
    }

    /// Expires pending requests created before `cutoff`; returns how many.
    @discardableResult
    public func expireRequests(createdBefore cutoff: Date, now: Date) async throws -> Int {
        try await database.db.sql.raw("""
            UPDATE mentorship_requests SET status = 'expired', closed_at = \(bind: now)
            WHERE status = 'pending' AND created_at < \(bind: cutoff) RETURNING id
            """).all().count
    }
}

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

    static var openRequestStatuses: [String] {
        MentorshipRequestStatus.allCases.filter(\.isOpen).map(\.rawValue)
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
        try await Self.requestByID.first([.uuid(id)], on: database.db).map(MentorshipRequestRecord.request)
    }

    /// Requests a person sent or received, newest first.
    public func requests(involving person: UUID) async throws -> [MentorshipRequest] {
        try await Self.requestsInvolving.rows([.uuid(person)], on: database.db).map(MentorshipRequestRecord.request)
    }

    static let requestByID = DirectRead("SELECT \(MentorshipRequestRecord.columns) FROM mentorship_requests WHERE id = $1")
    static let requestsInvolving = DirectRead("""
        SELECT \(MentorshipRequestRecord.columns) FROM mentorship_requests WHERE mentee_id = $1 OR mentor_id = $1 ORDER BY created_at DESC
        """)

    /// Mentors this mentee has a pending request with.
    public func pendingRequestMentors(of mentee: UUID) async throws -> Set<UUID> {
        let rows = try await MentorshipRequestRecord.query(on: database.db)
            .filter(\.$menteeId == mentee).filter(\.$status ~~ Self.openRequestStatuses).all()
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

    /// Saves a request that moved on (declined, withdrawn, asked about, replied to, reported) — only if it is still in
    /// the status it was read in, so a decline racing an accept (or a withdrawal racing a question) cannot both win.
    public func close(_ request: MentorshipRequest, from previous: MentorshipRequestStatus = .pending) async throws {
        let updated = try await database.db.sql.raw("""
            UPDATE mentorship_requests SET status = \(bind: request.status.rawValue), decline_reason = \(bind: request.declineReason),
            closed_at = \(bind: request.closedAt), info_question = \(bind: request.infoQuestion), info_reply = \(bind: request.infoReply),
            waiting_since = \(bind: request.waitingSince), answered_at = \(bind: request.answeredAt)
            WHERE id = \(bind: request.id) AND status = \(bind: previous.rawValue) RETURNING id
            """).all()
        if updated.isEmpty {
            let current = try await self.request(id: request.id)?.status ?? .expired
            throw MentoringRuleViolation.requestNoLongerPending(current)
        }
    }

    /// Withdraws the mentee's other open requests for the same goal (their mentor just accepted one); returns them.
    public func withdrawOtherRequests(of mentee: UUID, except accepted: UUID, goal: String, now: Date) async throws -> [MentorshipRequest] {
        let ids = try await database.db.sql.raw("""
            UPDATE mentorship_requests SET status = 'withdrawn', closed_at = \(bind: now)
            WHERE mentee_id = \(bind: mentee) AND id <> \(bind: accepted) AND status IN (\(binds: Self.openRequestStatuses))
            AND LOWER(goal) = LOWER(\(bind: goal)) RETURNING id
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await MentorshipRequestRecord.query(on: database.db).filter(\.$id ~~ ids).all().map(\.request)
    }

    /// When each of these mentors' last answered requests (up to `perMentor`) arrived and were first answered.
    public func answerDurations(of mentors: [UUID], perMentor: Int) async throws -> [UUID: [TimeInterval]] {
        guard !mentors.isEmpty else { return [:] }
        var result: [UUID: [TimeInterval]] = [:]
        for batch in mentors.batches() {
            let rows = try await database.db.sql.raw("""
                SELECT mentor_id, created_at, answered_at FROM mentorship_requests
                WHERE mentor_id IN (\(binds: Array(batch))) AND answered_at IS NOT NULL ORDER BY answered_at DESC
                """).all()
            for row in rows {
                let mentor = try row.decode(column: "mentor_id", as: UUID.self)
                guard (result[mentor]?.count ?? 0) < perMentor else { continue }
                let asked = try row.decode(column: "created_at", as: Date.self)
                let answered = try row.decode(column: "answered_at", as: Date.self)
                result[mentor, default: []].append(max(0, answered.timeIntervalSince(asked)))
            }
        }
        return result
    }

    /// The mentor's most recently closed requests, newest first: whether each expired without an answer.
    public func recentOutcomes(of mentor: UUID, limit: Int) async throws -> [Bool] {
        try await database.db.sql.raw("""
            SELECT status, answered_at FROM mentorship_requests WHERE mentor_id = \(bind: mentor) AND closed_at IS NOT NULL
            AND status IN ('accepted', 'declined', 'expired') ORDER BY closed_at DESC, id LIMIT \(bind: limit)
            """).all().map { row in
            try row.decode(column: "status", as: String.self) == "expired" && (try row.decode(column: "answered_at", as: Date?.self)) == nil
        }
    }

    /// Open requests waiting for the mentor whose wait started between the two instants (for expiry reminders).
    public func pendingRequests(waitingSinceFrom from: Date, to: Date) async throws -> [MentorshipRequest] {
        let rows = try await database.db.sql.raw("""
            SELECT id FROM mentorship_requests WHERE status = 'pending'
            AND COALESCE(waiting_since, created_at) > \(bind: from) AND COALESCE(waiting_since, created_at) <= \(bind: to)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !rows.isEmpty else { return [] }
        return try await MentorshipRequestRecord.query(on: database.db).filter(\.$id ~~ rows).all().map(\.request)
    }

    // MARK: Pausing requests

    /// Pauses new requests to a mentor; true when they were not paused before.
    public func pauseRequests(to mentor: UUID, now: Date) async throws -> Bool {
        try await database.db.sql.raw("""
            INSERT INTO request_pauses (id, person_id, paused_at) VALUES (\(bind: UUID()), \(bind: mentor), \(bind: now))
            ON CONFLICT (person_id) DO NOTHING RETURNING id
            """).first() != nil
    }

    public func resumeRequests(to mentor: UUID) async throws {
        try await database.db.sql.delete(from: "request_pauses").where("person_id", .equal, mentor).run()
    }

    /// Which of these people paused new requests.
    public func pausedMentors(among people: [UUID]) async throws -> Set<UUID> {
        guard !people.isEmpty else { return [] }
        var result: Set<UUID> = []
        for batch in people.batches() {
            for row in try await database.db.sql.raw("SELECT person_id FROM request_pauses WHERE person_id IN (\(binds: Array(batch)))").all() {
                result.insert(try row.decode(column: "person_id", as: UUID.self))
            }
        }
        return result
    }

    // MARK: Reports

    /// A mentor's report of a request, with the request's words, for the site admins.
    public struct RequestReport: Sendable, Equatable {
        public let id: UUID
        public let request: MentorshipRequest
        public let reason: String
        public let createdAt: Date
    }

    /// Open reports, oldest first.
    public func openRequestReports(limit: Int = 100) async throws -> [RequestReport] {
        let rows = try await database.db.sql.raw("""
            SELECT id, request_id, reason, created_at FROM request_reports WHERE status = 'open' ORDER BY created_at, id LIMIT \(bind: limit)
            """).all()
        let requestIds = try rows.map { try $0.decode(column: "request_id", as: UUID.self) }
        let requests = Dictionary(uniqueKeysWithValues: try await MentorshipRequestRecord.query(on: database.db)
            .filter(\.$id ~~ requestIds).all().map { ($0.request.id, $0.request) })
        return try zip(rows, requestIds).compactMap { row, requestId in
            guard let request = requests[requestId] else { return nil }
            return RequestReport(
                id: try row.decode(column: "id", as: UUID.self), request: request, reason: try row.decode(column: "reason", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    /// Marks a report resolved; false when it was not open.
    public func resolveRequestReport(_ id: UUID, by admin: UUID, now: Date) async throws -> Bool {
        try await database.db.sql.raw("""
            UPDATE request_reports SET status = 'resolved', resolved_by = \(bind: admin), resolved_at = \(bind: now)
            WHERE id = \(bind: id) AND status = 'open' RETURNING id
            """).first() != nil
    }

    /// Files the mentor's report of a request for the site admins.
    public func reportRequest(_ request: UUID, by reporter: UUID, reason: String, now: Date) async throws {
        try await database.db.sql.insert(into: "request_reports").columns("id", "request_id", "reporter_id", "reason", "status", "created_at")
            .values(SQLBind(UUID()), SQLBind(request), SQLBind(reporter), SQLBind(reason), SQLBind("open"), SQLBind(now)).run()
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

    /// Reads the mentorship, lets `change` modify it and saves it, in one critical section for this mentorship: two
    /// people acting on it at once (mentor and mentee acknowledging together) each start from the other's change, so
    /// neither is lost. `change` may write more (notifications) in the same transaction. Nil: there is no such
    /// mentorship.
    public func update<T: Sendable>(
        _ id: UUID, _ change: @escaping @Sendable (MentorshipRecord) async throws -> T
    ) async throws -> T? {
        try await database.criticalSection(key: LockKeys.mentorship(id)) { db in
            guard let mentorship = try await MentorshipRecord.find(id, on: db) else { return nil }
            let result = try await change(mentorship)
            try await mentorship.save(on: db)
            return result
        }
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

    /// Expires open requests whose wait started before `cutoff`; returns the mentors of those that waited for them.
    @discardableResult
    public func expireRequests(createdBefore cutoff: Date, now: Date) async throws -> (count: Int, mentorsWhoLetExpire: Set<UUID>) {
        let rows = try await database.db.sql.raw("""
            UPDATE mentorship_requests SET status = 'expired', closed_at = \(bind: now)
            WHERE status IN (\(binds: Self.openRequestStatuses)) AND COALESCE(waiting_since, created_at) < \(bind: cutoff)
            RETURNING mentor_id, answered_at
            """).all()
        var mentors: Set<UUID> = []
        for row in rows where try row.decode(column: "answered_at", as: Date?.self) == nil {
            mentors.insert(try row.decode(column: "mentor_id", as: UUID.self))
        }
        return (rows.count, mentors)
    }
}

import FluentKit
import Foundation
import IthacaDomain
import SQLKit

public struct StoredCommunityCircle: Sendable, Equatable {
    public let id: UUID
    public let details: CircleDetails
    public let programId: UUID?
    public let organiserId: UUID?
    public let members: Int
    public let createdAt: Date
}

public struct StoredCircleMember: Sendable, Equatable {
    public let personId: UUID
    public let status: CircleMemberStatus
    public let since: Date

    public init(personId: UUID, status: CircleMemberStatus, since: Date) {
        self.personId = personId
        self.status = status
        self.since = since
    }
}

public struct StoredCircleMeeting: Sendable, Equatable {
    public let id: UUID
    public let circleId: UUID
    public let plan: CircleMeetingPlan
    public let scheduledBy: UUID?
    public let cancellation: CancellationKind?
}

public struct StoredCirclePost: Sendable, Equatable {
    public let id: UUID
    public let kind: CirclePostKind
    public let authorId: UUID?
    public let body: String
    public let createdAt: Date
}

/// Circles, their people (members, invitations, requests), group meetings and the members' notes and thread.
/// Every change of who is in runs in a critical section, so a circle never holds more people than it has room for.
public struct CircleStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func create(_ details: CircleDetails, organiser: UUID, now: Date) async throws -> UUID {
        let id = UUID()
        try await database.transaction { db in
            try await db.sql.insert(into: "circles")
                .columns("id", "kind", "reasons", "created_at", "name", "goal", "plan", "capacity", "join_policy", "organiser_id", "coach_id")
                .values(SQLBind(id), SQLBind(details.kind.rawValue), SQLBind("[]"), SQLBind(now), SQLBind(details.name), SQLBind(details.goal),
                        SQLBind(details.plan), SQLBind(details.capacity), SQLBind(details.joinPolicy.rawValue), SQLBind(organiser),
                        SQLBind(details.kind == .cohort ? organiser : nil))
                .run()
            try await Self.setStatus(.member, circle: id, person: organiser, now: now, db)
        }
        return id
    }

    static let select = """
        SELECT c.*, (SELECT COUNT(*) FROM circle_members m WHERE m.circle_id = c.id AND m.status = 'member') AS members FROM circles c
        """

    public func circle(_ id: UUID) async throws -> StoredCommunityCircle? {
        try await database.db.sql.raw("\(unsafeRaw: Self.select) WHERE c.id = \(bind: id)").first().map(Self.circle)
    }

    /// Circles the person is in, invited to or asked to join, newest first.
    public func circles(of person: UUID) async throws -> [(circle: StoredCommunityCircle, status: CircleMemberStatus)] {
        try await database.db.sql.raw("""
            SELECT c.*, (SELECT COUNT(*) FROM circle_members m WHERE m.circle_id = c.id AND m.status = 'member') AS members,
              mine.status AS my_status
            FROM circles c JOIN circle_members mine ON mine.circle_id = c.id AND mine.person_id = \(bind: person)
            ORDER BY c.created_at DESC, c.id
            """).all().map { (try Self.circle($0), CircleMemberStatus(rawValue: try $0.decode(column: "my_status", as: String.self)) ?? .requested) }
    }

    /// Circles anyone may ask to join, newest first, a page at a time.
    public func openCircles(offset: Int, limit: Int) async throws -> [StoredCommunityCircle] {
        try await database.db.sql.raw("""
            \(unsafeRaw: Self.select) WHERE c.join_policy = 'request' ORDER BY c.created_at DESC, c.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Self.circle)
    }

    static func circle(_ row: any SQLRow) throws -> StoredCommunityCircle {
        StoredCommunityCircle(
            id: try row.decode(column: "id", as: UUID.self),
            details: CircleDetails(
                name: try row.decode(column: "name", as: String.self), goal: try row.decode(column: "goal", as: String.self),
                plan: try row.decode(column: "plan", as: String.self),
                kind: CircleKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .peerCircle,
                capacity: try row.decode(column: "capacity", as: Int.self),
                joinPolicy: CircleJoinPolicy(rawValue: try row.decode(column: "join_policy", as: String.self)) ?? .invitation),
            programId: try row.decode(column: "program_id", as: UUID?.self), organiserId: try row.decode(column: "organiser_id", as: UUID?.self),
            members: try row.decode(column: "members", as: Int.self), createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    public func updatePlan(_ circle: UUID, plan: String) async throws {
        try await database.db.sql.update("circles").set("plan", to: plan).where("id", .equal, circle).run()
    }

    public func status(of person: UUID, in circle: UUID) async throws -> CircleMemberStatus? {
        try await Self.status(of: person, in: circle, database.db)
    }

    static func status(of person: UUID, in circle: UUID, _ db: any Database) async throws -> CircleMemberStatus? {
        try await db.sql.select().column("status").from("circle_members").where("circle_id", .equal, circle).where("person_id", .equal, person)
            .first().flatMap { CircleMemberStatus(rawValue: try $0.decode(column: "status", as: String.self)) }
    }

    /// Everyone connected to the circle, members first, each group in the order they arrived.
    public func people(of circle: UUID) async throws -> [StoredCircleMember] {
        try await database.db.sql.raw("""
            SELECT person_id, status, created_at FROM circle_members WHERE circle_id = \(bind: circle)
            ORDER BY CASE status WHEN 'member' THEN 0 WHEN 'requested' THEN 1 ELSE 2 END, created_at, id
            """).all().map {
            StoredCircleMember(personId: try $0.decode(column: "person_id", as: UUID.self),
                               status: CircleMemberStatus(rawValue: try $0.decode(column: "status", as: String.self)) ?? .invited,
                               since: try $0.decode(column: "created_at", as: Date.self))
        }
    }

    /// Applies a join or invite rule to the person's current status inside the critical section, so the count of
    /// members the rule sees is the count it changes. Returns the status written (nil: nothing changed) and the
    /// person's status afterwards.
    public func change(
        _ circle: UUID, person: UUID, now: Date,
        rule: @escaping @Sendable (_ status: CircleMemberStatus?, _ members: Int) throws -> CircleMemberStatus?
    ) async throws -> (written: CircleMemberStatus?, current: CircleMemberStatus?) {
        try await database.criticalSection(key: LockKeys.circle(circle)) { db in
            let status = try await Self.status(of: person, in: circle, db)
            let members = try await db.sql.raw("""
                SELECT COUNT(*) AS n FROM circle_members WHERE circle_id = \(bind: circle) AND status = 'member'
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            guard let next = try rule(status, members) else { return (nil, status) }
            try await Self.setStatus(next, circle: circle, person: person, now: now, db)
            return (next, next)
        }
    }

    static func setStatus(_ status: CircleMemberStatus, circle: UUID, person: UUID, now: Date, _ db: any Database) async throws {
        if try await Self.status(of: person, in: circle, db) != nil {
            try await db.sql.update("circle_members").set("status", to: status.rawValue).set("created_at", to: SQLBind(now))
                .where("circle_id", .equal, circle).where("person_id", .equal, person).run()
        } else {
            try await db.sql.insert(into: "circle_members").columns("id", "circle_id", "person_id", "status", "created_at")
                .values(SQLBind(UUID()), SQLBind(circle), SQLBind(person), SQLBind(status.rawValue), SQLBind(now)).run()
        }
    }

    /// Leaving, declining an invitation, withdrawing or turning down a request, or removing someone.
    public func remove(_ person: UUID, from circle: UUID) async throws {
        try await database.db.sql.delete(from: "circle_members").where("circle_id", .equal, circle).where("person_id", .equal, person).run()
    }

    public func memberIds(of circle: UUID) async throws -> [UUID] {
        try await database.db.sql.raw("""
            SELECT person_id FROM circle_members WHERE circle_id = \(bind: circle) AND status = 'member'
            """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
    }

    // MARK: Meetings

    public func schedule(_ plan: CircleMeetingPlan, circle: UUID, by person: UUID, now: Date) async throws -> UUID {
        let id = UUID()
        try await database.db.sql.insert(into: "circle_meetings")
            .columns("id", "circle_id", "agenda", "starts_at", "ends_at", "location", "scheduled_by", "created_at")
            .values(SQLBind(id), SQLBind(circle), SQLBind(plan.agenda), SQLBind(plan.start), SQLBind(plan.end), SQLBind(plan.location),
                    SQLBind(person), SQLBind(now))
            .run()
        return id
    }

    /// Meetings that end after `from` (cancelled ones included, so late cancellations stay visible), soonest first.
    public func meetings(of circle: UUID, endingAfter from: Date) async throws -> [StoredCircleMeeting] {
        try await database.db.sql.raw("""
            SELECT * FROM circle_meetings WHERE circle_id = \(bind: circle) AND ends_at > \(bind: from) ORDER BY starts_at, id
            """).all().map(Self.meeting)
    }

    public func meeting(_ id: UUID) async throws -> StoredCircleMeeting? {
        try await database.db.sql.raw("SELECT * FROM circle_meetings WHERE id = \(bind: id)").first().map(Self.meeting)
    }

    /// Schedules the meeting unless a live meeting of the circle overlaps it, checked and written in the circle's
    /// critical section, so two people booking at once cannot both get the time. `then` runs in the same transaction
    /// (the members' notifications). Nil: the time is taken.
    public func scheduleIfFree(
        _ plan: CircleMeetingPlan, circle: UUID, by person: UUID, now: Date, then: @escaping @Sendable (UUID) async throws -> Void
    ) async throws -> UUID? {
        try await database.criticalSection(key: LockKeys.circle(circle)) { _ in
            guard try await !self.overlaps(circle: circle, start: plan.start, end: plan.end) else { return nil }
            let id = try await self.schedule(plan, circle: circle, by: person, now: now)
            try await then(id)
            return id
        }
    }

    /// Whether another live meeting of the circle overlaps the interval.
    public func overlaps(circle: UUID, start: Date, end: Date) async throws -> Bool {
        try await database.db.sql.raw("""
            SELECT 1 AS hit FROM circle_meetings WHERE circle_id = \(bind: circle) AND cancelled_at IS NULL
              AND starts_at < \(bind: end) AND ends_at > \(bind: start) LIMIT 1
            """).first() != nil
    }

    public func cancel(_ meeting: UUID, as kind: CancellationKind, now: Date) async throws {
        try await database.db.sql.update("circle_meetings").set("cancelled_at", to: SQLBind(now)).set("cancellation", to: kind.rawValue)
            .where("id", .equal, meeting).where("cancelled_at", .is, SQLLiteral.null).run()
    }

    static func meeting(_ row: any SQLRow) throws -> StoredCircleMeeting {
        StoredCircleMeeting(
            id: try row.decode(column: "id", as: UUID.self), circleId: try row.decode(column: "circle_id", as: UUID.self),
            plan: CircleMeetingPlan(
                agenda: try row.decode(column: "agenda", as: String.self), start: try row.decode(column: "starts_at", as: Date.self),
                end: try row.decode(column: "ends_at", as: Date.self), location: try row.decode(column: "location", as: String.self)),
            scheduledBy: try row.decode(column: "scheduled_by", as: UUID?.self),
            cancellation: try row.decode(column: "cancellation", as: String?.self).flatMap(CancellationKind.init(rawValue:)))
    }

    // MARK: Notes and thread

    public func post(_ body: String, kind: CirclePostKind, circle: UUID, author: UUID, now: Date) async throws -> StoredCirclePost {
        let id = UUID()
        try await database.db.sql.insert(into: "circle_posts").columns("id", "circle_id", "kind", "author_id", "body", "created_at")
            .values(SQLBind(id), SQLBind(circle), SQLBind(kind.rawValue), SQLBind(author), SQLBind(body), SQLBind(now)).run()
        return StoredCirclePost(id: id, kind: kind, authorId: author, body: body, createdAt: now)
    }

    /// Newest first, a page at a time.
    public func posts(of circle: UUID, kind: CirclePostKind, offset: Int, limit: Int) async throws -> [StoredCirclePost] {
        try await database.db.sql.raw("""
            SELECT * FROM circle_posts WHERE circle_id = \(bind: circle) AND kind = \(bind: kind.rawValue)
            ORDER BY created_at DESC, id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map {
            StoredCirclePost(id: try $0.decode(column: "id", as: UUID.self), kind: kind, authorId: try $0.decode(column: "author_id", as: UUID?.self),
                             body: try $0.decode(column: "body", as: String.self), createdAt: try $0.decode(column: "created_at", as: Date.self))
        }
    }
}

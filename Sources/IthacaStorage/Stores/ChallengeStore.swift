import FluentKit
import Foundation
import IthacaDomain
import SQLKit

public struct StoredChallenge: Sendable, Equatable {
    public let id: UUID
    public let details: ChallengeDetails
    public let createdBy: UUID?
    public let members: Int
}

public struct StoredCheckIn: Sendable, Equatable {
    public let id: UUID
    public let personId: UUID
    public let day: String
    public let note: String
    public let createdAt: Date
    public let cheers: Int
}

/// Challenges, members, daily check-ins and cheers. One check-in per member and local day is enforced by a unique
/// index, so two quick submits (or two servers) cannot both count.
public struct ChallengeStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func create(_ details: ChallengeDetails, by person: UUID, now: Date) async throws -> UUID {
        let id = UUID()
        try await database.db.sql.insert(into: "challenges")
            .columns("id", "title", "description", "start_date", "length_days", "created_by", "created_at")
            .values(SQLBind(id), SQLBind(details.title), SQLBind(details.description), SQLBind(details.startDate),
                    SQLBind(details.lengthDays), SQLBind(person), SQLBind(now))
            .run()
        try await join(id, person: person, now: now)
        return id
    }

    public func challenges(offset: Int, limit: Int) async throws -> [StoredChallenge] {
        try await database.db.sql.raw("""
            SELECT c.*, (SELECT COUNT(*) FROM challenge_members m WHERE m.challenge_id = c.id) AS members
            FROM challenges c ORDER BY c.start_date DESC, c.title, c.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Self.challenge)
    }

    public func challenge(_ id: UUID) async throws -> StoredChallenge? {
        try await database.db.sql.raw("""
            SELECT c.*, (SELECT COUNT(*) FROM challenge_members m WHERE m.challenge_id = c.id) AS members
            FROM challenges c WHERE c.id = \(bind: id)
            """).first().map(Self.challenge)
    }

    static func challenge(_ row: any SQLRow) throws -> StoredChallenge {
        StoredChallenge(
            id: try row.decode(column: "id", as: UUID.self),
            details: ChallengeDetails(
                title: try row.decode(column: "title", as: String.self), description: try row.decode(column: "description", as: String.self),
                startDate: try row.decode(column: "start_date", as: String.self), lengthDays: try row.decode(column: "length_days", as: Int.self)),
            createdBy: try row.decode(column: "created_by", as: UUID?.self), members: try row.decode(column: "members", as: Int.self))
    }

    public func join(_ challenge: UUID, person: UUID, now: Date) async throws {
        if try await isMember(challenge, person) { return }
        do {
            try await database.db.sql.insert(into: "challenge_members").columns("id", "challenge_id", "person_id", "joined_at")
                .values(SQLBind(UUID()), SQLBind(challenge), SQLBind(person), SQLBind(now)).run()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return  // joined twice at once: once is enough
        }
    }

    public func leave(_ challenge: UUID, person: UUID) async throws {
        try await database.db.sql.delete(from: "challenge_members").where("challenge_id", .equal, challenge)
            .where("person_id", .equal, person).run()
    }

    public func isMember(_ challenge: UUID, _ person: UUID) async throws -> Bool {
        try await database.db.sql.select().column("id").from("challenge_members").where("challenge_id", .equal, challenge)
            .where("person_id", .equal, person).first() != nil
    }

    /// Stores a check-in; a second one for the same local day is refused.
    public func checkIn(_ challenge: UUID, person: UUID, day: String, note: String, now: Date) async throws -> UUID {
        let id = UUID()
        do {
            try await database.db.sql.insert(into: "check_ins").columns("id", "challenge_id", "person_id", "local_day", "note", "created_at")
                .values(SQLBind(id), SQLBind(challenge), SQLBind(person), SQLBind(day), SQLBind(note), SQLBind(now)).run()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw IthacaError.conflict("You already checked in today (\(day)). Come back tomorrow!")
        }
        return id
    }

    public func days(of person: UUID, in challenge: UUID) async throws -> Set<String> {
        Set(try await database.db.sql.select().column("local_day").from("check_ins").where("challenge_id", .equal, challenge)
            .where("person_id", .equal, person).all().map { try $0.decode(column: "local_day", as: String.self) })
    }

    /// The newest check-ins of a challenge, with their cheer counts.
    public func feed(of challenge: UUID, limit: Int) async throws -> [StoredCheckIn] {
        try await database.db.sql.raw("""
            SELECT k.id, k.person_id, k.local_day, k.note, k.created_at,
              (SELECT COUNT(*) FROM check_in_cheers c WHERE c.check_in_id = k.id) AS cheers
            FROM check_ins k WHERE k.challenge_id = \(bind: challenge) ORDER BY k.created_at DESC, k.id LIMIT \(bind: limit)
            """).all().map {
            StoredCheckIn(
                id: try $0.decode(column: "id", as: UUID.self), personId: try $0.decode(column: "person_id", as: UUID.self),
                day: try $0.decode(column: "local_day", as: String.self), note: try $0.decode(column: "note", as: String.self),
                createdAt: try $0.decode(column: "created_at", as: Date.self), cheers: try $0.decode(column: "cheers", as: Int.self))
        }
    }

    public func checkIn(_ id: UUID) async throws -> (challenge: UUID, person: UUID)? {
        try await database.db.sql.select().columns("challenge_id", "person_id").from("check_ins").where("id", .equal, id).first().map {
            (try $0.decode(column: "challenge_id", as: UUID.self), try $0.decode(column: "person_id", as: UUID.self))
        }
    }

    /// One cheer per person and check-in; a repeat changes nothing. Returns the check-in's cheer count and whether
    /// this cheer was new.
    public func cheer(_ checkIn: UUID, by person: UUID) async throws -> (count: Int, isNew: Bool) {
        // ON CONFLICT, not a caught unique violation: this runs inside a transaction with the cheer's notification,
        // and on PostgreSQL a failed statement aborts the transaction.
        let isNew = try await database.db.sql.raw("""
            INSERT INTO check_in_cheers (id, check_in_id, person_id) VALUES (\(bind: UUID()), \(bind: checkIn), \(bind: person))
            ON CONFLICT (check_in_id, person_id) DO NOTHING RETURNING id
            """).first() != nil
        let count = try await database.db.sql.raw("SELECT COUNT(*) AS n FROM check_in_cheers WHERE check_in_id = \(bind: checkIn)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return (count, isNew)
    }

    /// The check-ins of `checkIns` this person cheered.
    public func cheered(by person: UUID, among checkIns: [UUID]) async throws -> Set<UUID> {
        guard !checkIns.isEmpty else { return [] }
        return Set(try await database.db.sql.select().column("check_in_id").from("check_in_cheers").where("person_id", .equal, person)
            .where("check_in_id", .in, checkIns).all().map { try $0.decode(column: "check_in_id", as: UUID.self) })
    }
}

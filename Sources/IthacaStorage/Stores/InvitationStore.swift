import FluentKit
import Foundation
import SQLKit

/// Where a person stands with Ithaca: never invited, invited (and when), or joined.
public enum InvitationState: Sendable, Equatable {
    case notInvited
    case invited(at: Date, expiresAt: Date)
    case joined(at: Date)

    public var label: String {
        switch self {
        case .notInvited: "Not invited"
        case .invited: "Invited"
        case .joined: "Joined"
        }
    }

    public var code: String {
        switch self {
        case .notInvited: "not_invited"
        case .invited: "invited"
        case .joined: "joined"
        }
    }
}

/// A person and their invitation state (for the participants page and its CSV).
public struct InvitationStatusRow: Sendable, Equatable {
    public let personId: UUID
    public let email: String
    public let name: String
    public let timeZone: String?
    public let state: InvitationState
}

/// An invitation found by its link.
public struct StoredInvitation: Sendable, Equatable {
    public let id: UUID
    public let personId: UUID
    public let programId: UUID?
    public let createdAt: Date
    public let expiresAt: Date
    public let usedAt: Date?
    public let revokedAt: Date?
}

/// Invitations: single-use links (only their SHA-256 is stored), a new one revoking the person's older ones.
public struct InvitationStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Records a new invitation for a person, revoking any unused one they had; joins the caller's transaction.
    public func create(person: UUID, program: UUID?, tokenHash: String, invitedBy: UUID?, now: Date, expiresAt: Date) async throws -> UUID {
        let db = database.db
        try await db.sql.raw("""
            UPDATE invitations SET revoked_at = \(bind: now) WHERE person_id = \(bind: person) AND used_at IS NULL AND revoked_at IS NULL
            """).run()
        let id = UUID()
        try await db.sql.insert(into: "invitations")
            .columns("id", "person_id", "program_id", "token_hash", "invited_by", "created_at", "expires_at")
            .values(SQLBind(id), SQLBind(person), SQLBind(program), SQLBind(tokenHash), SQLBind(invitedBy), SQLBind(now), SQLBind(expiresAt))
            .run()
        return id
    }

    public func invitation(tokenHash: String) async throws -> StoredInvitation? {
        try await database.db.sql.raw("""
            SELECT id, person_id, program_id, created_at, expires_at, used_at, revoked_at FROM invitations WHERE token_hash = \(bind: tokenHash)
            """).first().map(Self.invitation)
    }

    public func invitation(id: UUID) async throws -> StoredInvitation? {
        try await database.db.sql.raw("""
            SELECT id, person_id, program_id, created_at, expires_at, used_at, revoked_at FROM invitations WHERE id = \(bind: id)
            """).first().map(Self.invitation)
    }

    /// Uses the invitation once: true for the one caller that got it while it was still usable.
    public func use(_ id: UUID, now: Date) async throws -> Bool {
        try await database.db.sql.raw("""
            UPDATE invitations SET used_at = \(bind: now) WHERE id = \(bind: id) AND used_at IS NULL AND revoked_at IS NULL
            AND expires_at > \(bind: now) RETURNING id
            """).first() != nil
    }

    /// Marks the account joined (the first time only) and sets its password hash when given.
    public func markJoined(_ person: UUID, passwordHash: String?, now: Date) async throws {
        if let passwordHash {
            try await database.db.sql.raw("""
                UPDATE users SET password_hash = \(bind: passwordHash), password_changed_at = \(bind: now) WHERE id = \(bind: person)
                """).run()
        }
        try await database.db.sql.raw("UPDATE users SET joined_at = \(bind: now) WHERE id = \(bind: person) AND joined_at IS NULL").run()
    }

    /// Each person's state, for these people (a program's participants, or anyone the site admin names).
    public func states(of people: [UUID]) async throws -> [UUID: InvitationStatusRow] {
        var result: [UUID: InvitationStatusRow] = [:]
        for batch in people.batches() {
            let rows = try await database.db.sql.raw("""
                SELECT u.id, u.email, u.joined_at, p.name, p.time_zone,
                  (SELECT MAX(i.created_at) FROM invitations i WHERE i.person_id = u.id AND i.revoked_at IS NULL) AS invited_at,
                  (SELECT MAX(i.expires_at) FROM invitations i WHERE i.person_id = u.id AND i.revoked_at IS NULL) AS expires_at
                FROM users u LEFT JOIN profiles p ON p.id = u.id WHERE u.id IN (\(binds: Array(batch)))
                """).all()
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                let state: InvitationState
                if let joined = try row.decode(column: "joined_at", as: Date?.self) {
                    state = .joined(at: joined)
                } else if let invited = try row.decode(column: "invited_at", as: Date?.self),
                          let expires = try row.decode(column: "expires_at", as: Date?.self) {
                    state = .invited(at: invited, expiresAt: expires)
                } else {
                    state = .notInvited
                }
                result[id] = InvitationStatusRow(
                    personId: id, email: try row.decode(column: "email", as: String.self), name: try row.decode(column: "name", as: String?.self) ?? "",
                    timeZone: try row.decode(column: "time_zone", as: String?.self), state: state)
            }
        }
        return result
    }

    /// Whether the account joined (accepted an invitation, signed up, or signed in with single sign-on).
    public func hasJoined(_ person: UUID) async throws -> Bool {
        try await database.db.sql.raw("SELECT joined_at FROM users WHERE id = \(bind: person)").first()?
            .decode(column: "joined_at", as: Date?.self) != nil
    }

    static func invitation(_ row: any SQLRow) throws -> StoredInvitation {
        StoredInvitation(
            id: try row.decode(column: "id", as: UUID.self), personId: try row.decode(column: "person_id", as: UUID.self),
            programId: try row.decode(column: "program_id", as: UUID?.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            expiresAt: try row.decode(column: "expires_at", as: Date.self), usedAt: try row.decode(column: "used_at", as: Date?.self),
            revokedAt: try row.decode(column: "revoked_at", as: Date?.self))
    }
}

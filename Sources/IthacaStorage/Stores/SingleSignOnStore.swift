import FluentKit
import Foundation
import SQLKit

/// A single sign-on started at the provider, found again by the hash of its `state` when the browser comes back.
public struct PendingSignOn: Sendable, Equatable {
    public let nonce: String
    public let codeVerifier: String
    /// Set when a signed-in member links single sign-on to their account.
    public let linkUserId: UUID?
    /// Set when the sign-on accepts an invitation.
    public let invitationId: UUID?
    public let next: String?
    public let createdAt: Date

    public init(nonce: String, codeVerifier: String, linkUserId: UUID?, invitationId: UUID?, next: String?, createdAt: Date) {
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.linkUserId = linkUserId
        self.invitationId = invitationId
        self.next = next
        self.createdAt = createdAt
    }
}

/// Single sign-on identities (issuer + subject → account) and the sign-ons under way. Kept in the database so any
/// server process can finish a sign-on another one started.
public struct SingleSignOnStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func start(stateHash: String, browserHash: String, _ pending: PendingSignOn) async throws {
        try await database.db.sql.insert(into: "oidc_logins")
            .columns("id", "state_hash", "browser_hash", "nonce", "code_verifier", "link_user_id", "invitation_id", "next", "created_at")
            .values(SQLBind(UUID()), SQLBind(stateHash), SQLBind(browserHash), SQLBind(pending.nonce), SQLBind(pending.codeVerifier), SQLBind(pending.linkUserId),
                    SQLBind(pending.invitationId), SQLBind(pending.next), SQLBind(pending.createdAt))
            .run()
    }

    /// Takes the sign-on with this state started in this browser (once: it is deleted), if it started after
    /// `startedAfter`.
    public func take(stateHash: String, browserHash: String, startedAfter: Date) async throws -> PendingSignOn? {
        guard let row = try await database.db.sql.raw("""
            DELETE FROM oidc_logins WHERE state_hash = \(bind: stateHash) AND browser_hash = \(bind: browserHash)
            RETURNING nonce, code_verifier, link_user_id, invitation_id, next, created_at
            """).first() else { return nil }
        let pending = PendingSignOn(
            nonce: try row.decode(column: "nonce", as: String.self), codeVerifier: try row.decode(column: "code_verifier", as: String.self),
            linkUserId: try row.decode(column: "link_user_id", as: UUID?.self), invitationId: try row.decode(column: "invitation_id", as: UUID?.self),
            next: try row.decode(column: "next", as: String?.self), createdAt: try row.decode(column: "created_at", as: Date.self))
        return pending.createdAt > startedAfter ? pending : nil
    }

    /// Sign-ons abandoned before `cutoff` (the sweeper deletes them).
    public func deleteStale(before cutoff: Date) async throws {
        try await database.db.sql.raw("DELETE FROM oidc_logins WHERE created_at < \(bind: cutoff)").run()
    }

    public func account(issuer: String, subject: String) async throws -> UUID? {
        try await database.db.sql.raw("""
            SELECT user_id FROM oidc_identities WHERE issuer = \(bind: issuer) AND subject = \(bind: subject)
            """).first()?.decode(column: "user_id", as: UUID.self)
    }

    /// Links an identity to an account; false when this identity or this account (for this issuer) is linked already.
    public func link(user: UUID, issuer: String, subject: String, now: Date) async throws -> Bool {
        try await database.db.sql.raw("""
            INSERT INTO oidc_identities (id, user_id, issuer, subject, created_at)
            VALUES (\(bind: UUID()), \(bind: user), \(bind: issuer), \(bind: subject), \(bind: now)) ON CONFLICT DO NOTHING RETURNING id
            """).first() != nil
    }

    public func isLinked(user: UUID, issuer: String) async throws -> Bool {
        try await database.db.sql.raw("""
            SELECT id FROM oidc_identities WHERE user_id = \(bind: user) AND issuer = \(bind: issuer)
            """).first() != nil
    }
}

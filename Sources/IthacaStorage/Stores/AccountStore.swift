import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// Accounts and their credentials.
public struct AccountStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Creates an account and its profile. The very first account on a fresh install becomes the site admin;
    /// counting and inserting happen in one critical section so two simultaneous first sign-ups cannot both win.
    public func create(email: String, passwordHash: String, profile: Profile, now: Date) async throws -> UserRecord {
        try await database.criticalSection(key: LockKeys.accounts) { db in
            if try await UserRecord.query(on: db).filter(\.$email == email).count() > 0 {
                throw IthacaError.conflict("An account with this email already exists. Sign in instead, or use another email.")
            }
            let isFirst = try await UserRecord.query(on: db).count() == 0
            let user = UserRecord(email: email, passwordHash: passwordHash, role: isFirst ? .admin : .member, now: now)
            try await user.create(on: db)
            try await ProfileRecord(userId: user.id!, profile: profile, now: now).create(on: db)
            return user
        }
    }

    /// Creates an account for someone a site admin invites: no password and not joined until they accept.
    public func createInvited(email: String, name: String, now: Date) async throws -> UUID {
        try await database.criticalSection(key: LockKeys.accounts) { db in
            if let existing = try await UserRecord.query(on: db).filter(\.$email == email).first() { return try existing.requireID() }
            let user = UserRecord(email: email, passwordHash: "!imported", role: .member, now: now)
            user.joinedAt = nil
            try await user.create(on: db)
            try await ProfileRecord(userId: try user.requireID(), profile: Self.newcomerProfile(name: name, email: email), now: now).create(on: db)
            return try user.requireID()
        }
    }

    /// The profile of someone who arrives with little more than an email: named by the address's local part until
    /// they write their name.
    public static func newcomerProfile(name: String, email: String) -> Profile {
        Profile(name: name.isEmpty ? String(email.prefix { $0 != "@" }) : name)
    }

    public func user(id: UUID) async throws -> UserRecord? {
        try await UserRecord.find(id, on: database.db)
    }

    public func user(email: String) async throws -> UserRecord? {
        try await UserRecord.query(on: database.db).filter(\.$email == email).first()
    }

    /// How many site admins there are.
    public func adminCount() async throws -> Int {
        try await UserRecord.query(on: database.db).filter(\.$role == AccountRole.admin.rawValue).count()
    }

    public func count() async throws -> Int {
        try await UserRecord.query(on: database.db).count()
    }

    public func updatePassword(userId: UUID, passwordHash: String, now: Date) async throws {
        try await UserRecord.query(on: database.db)
            .filter(\.$id == userId)
            .set(\.$passwordHash, to: passwordHash)
            .set(\.$passwordChangedAt, to: now)
            .update()
    }

    /// Makes an existing account a site admin; returns false when no account has that email.
    public func promoteToAdmin(email: String) async throws -> Bool {
        guard let user = try await user(email: email) else { return false }
        user.role = AccountRole.admin.rawValue
        try await user.save(on: database.db)
        return true
    }
}

/// Keys for PostgreSQL advisory locks: fixed ones for site-wide sections, and per-resource ones from an id.
enum LockKeys {
    static let accounts: Int64 = 7_100_001
    static let demo: Int64 = 7_100_002
    static let migrations: Int64 = 7_100_003
    static let mentorships: Int64 = 7_100_004
    static let imports: Int64 = 7_100_006
    static let events: Int64 = 7_100_007

    /// One mentorship's own key (from its id), so changes to different mentorships do not wait for each other.
    static func mentorship(_ id: UUID) -> Int64 { key(id, kind: 1) }

    /// One circle's own key: its members and its meetings.
    static func circle(_ id: UUID) -> Int64 { key(id, kind: 2) }

    /// One person's calendar: their 1:1 meetings in every mentorship.
    static func calendar(_ id: UUID) -> Int64 { key(id, kind: 3) }

    /// 64 bits of a random id, told apart by kind (a clash only makes two unrelated changes wait for each other).
    private static func key(_ id: UUID, kind: Int64) -> Int64 {
        withUnsafeBytes(of: id.uuid) { $0.loadUnaligned(as: Int64.self) } ^ (kind &* 0x1E37_79B9_7F4A_7C15)
    }
}

import FluentKit
import Foundation
import SQLKit

/// Leases for background jobs that every server process runs but that must run once at a time: a process claims a
/// job with a conditional UPDATE (only when nobody holds an unexpired lease and the job is due), so two processes
/// never both win, and a crashed holder's lease simply runs out.
public struct JobLeaseStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Claims `name` for `owner` until `now + lease` if it is due (last finished `every` ago or more); true when claimed.
    public func claim(_ name: String, owner: String, now: Date, lease: TimeInterval, every: TimeInterval) async throws -> Bool {
        try await database.db.sql.raw("""
            INSERT INTO job_leases (id, name) VALUES (\(bind: UUID()), \(bind: name)) ON CONFLICT (name) DO NOTHING
            """).run()
        let dueBefore = now.addingTimeInterval(-every)
        return try await database.db.sql.raw("""
            UPDATE job_leases SET owner = \(bind: owner), lease_until = \(bind: now.addingTimeInterval(lease))
            WHERE name = \(bind: name) AND (lease_until IS NULL OR lease_until < \(bind: now))
            AND (last_finished_at IS NULL OR last_finished_at <= \(bind: dueBefore)) RETURNING name
            """).first() != nil
    }

    /// Ends the lease and records when the job finished (only the holder can).
    public func finish(_ name: String, owner: String, now: Date) async throws {
        try await database.db.sql.raw("""
            UPDATE job_leases SET lease_until = NULL, owner = NULL, last_finished_at = \(bind: now)
            WHERE name = \(bind: name) AND owner = \(bind: owner)
            """).run()
    }

    /// Gives a lease back without recording a run (the job failed; it is due again at once).
    public func release(_ name: String, owner: String) async throws {
        try await database.db.sql.raw("UPDATE job_leases SET lease_until = NULL, owner = NULL WHERE name = \(bind: name) AND owner = \(bind: owner)").run()
    }
}

/// Reminders already sent. `claim` inserts the reminder's key; the caller sends the reminder in the same transaction,
/// so each reminder goes out exactly once however many processes look for it.
public struct ReminderLedger: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Which of these keys were claimed already (a cheap read that spares a transaction per known reminder).
    public func sent(_ keys: [String]) async throws -> Set<String> {
        var found: Set<String> = []
        for batch in keys.batches() {
            for row in try await database.db.sql.raw("SELECT key FROM reminders_sent WHERE key IN (\(binds: Array(batch)))").all() {
                found.insert(try row.decode(column: "key", as: String.self))
            }
        }
        return found
    }

    /// True when the key was new (send the reminder); false when it was sent before.
    public func claim(_ key: String, now: Date) async throws -> Bool {
        try await database.db.sql.raw("""
            INSERT INTO reminders_sent (id, key, created_at) VALUES (\(bind: UUID()), \(bind: key), \(bind: now))
            ON CONFLICT (key) DO NOTHING RETURNING id
            """).first() != nil
    }
}

/// Secrets all server processes share, made once and kept in the database.
public struct SiteSecretStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// The secret called `name`, created from `make` the first time (the first writer wins; everyone reads it back).
    public func secret(_ name: String, make: () -> String) async throws -> String {
        try await database.db.sql.raw("""
            INSERT INTO site_secrets (id, name, value) VALUES (\(bind: UUID()), \(bind: name), \(bind: make())) ON CONFLICT (name) DO NOTHING
            """).run()
        guard let value = try await database.db.sql.raw("SELECT value FROM site_secrets WHERE name = \(bind: name)").first()?
            .decode(column: "value", as: String.self) else { throw SecretMissing(name: name) }
        return value
    }

    struct SecretMissing: Error, CustomStringConvertible {
        let name: String
        var description: String { "The site secret \(name) could not be created." }
    }
}

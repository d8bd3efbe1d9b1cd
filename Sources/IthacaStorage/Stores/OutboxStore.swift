import FluentKit
import Foundation
import SQLKit

/// One email waiting in (or gone from) the outbox.
public struct OutboxMessage: Sendable, Equatable {
    public let id: UUID
    public let recipient: String
    public let subject: String
    public let kind: String
    /// The whole RFC 5322 message, exactly as it will be sent.
    public let message: String
    public let attempts: Int
    public let createdAt: Date
    public let sentAt: Date?
    public let failedAt: Date?
    public let lastError: String?

    public init(id: UUID = UUID(), recipient: String, subject: String, kind: String, message: String, attempts: Int = 0,
                createdAt: Date, sentAt: Date? = nil, failedAt: Date? = nil, lastError: String? = nil) {
        self.id = id
        self.recipient = recipient
        self.subject = subject
        self.kind = kind
        self.message = message
        self.attempts = attempts
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.failedAt = failedAt
        self.lastError = lastError
    }
}

/// The outbox: messages are written with the change that causes them (inside its transaction, through
/// `IthacaDatabase.db`), then claimed by one sender at a time with a lease, sent, and marked sent — or tried again
/// later. A rolled-back change leaves no message; a crashed sender's claim runs out and another process takes it.
public struct OutboxStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Queues messages, 200 a statement; joins the caller's transaction when there is one.
    public func enqueue(_ messages: [(person: UUID?, message: OutboxMessage)]) async throws {
        let db = database.db
        for batch in messages.batches(of: 200) {
            var insert = db.sql.insert(into: "outbox")
                .columns("id", "person_id", "recipient", "subject", "kind", "message", "created_at", "next_attempt_at", "attempts")
            for item in batch {
                let message = item.message
                insert = insert.values(
                    SQLBind(message.id), SQLBind(item.person), SQLBind(message.recipient), SQLBind(message.subject), SQLBind(message.kind),
                    SQLBind(message.message), SQLBind(message.createdAt), SQLBind(message.createdAt), SQLBind(0))
            }
            try await insert.run()
        }
    }

    /// Claims up to `limit` messages that are due and not claimed by anyone else (or whose claim ran out).
    /// PostgreSQL skips rows another sender has locked (`FOR UPDATE SKIP LOCKED`); SQLite holds the write lock.
    public func claimDue(owner: String, now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxMessage] {
        let until = now.addingTimeInterval(lease)
        return try await database.transaction { db in
            let lock = database.isSQLite ? "" : " FOR UPDATE SKIP LOCKED"
            let due = try await db.sql.raw("""
                SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= \(bind: now)
                AND (claimed_until IS NULL OR claimed_until < \(bind: now)) ORDER BY next_attempt_at, created_at LIMIT \(bind: limit)\(unsafeRaw: lock)
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard !due.isEmpty else { return [] }
            return try await db.sql.raw("""
                UPDATE outbox SET claimed_by = \(bind: owner), claimed_until = \(bind: until), attempts = attempts + 1
                WHERE id IN (\(binds: due)) RETURNING id, recipient, subject, kind, message, attempts, created_at
                """).all().map { row in
                OutboxMessage(
                    id: try row.decode(column: "id", as: UUID.self), recipient: try row.decode(column: "recipient", as: String.self),
                    subject: try row.decode(column: "subject", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                    message: try row.decode(column: "message", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
            }.sorted { $0.createdAt < $1.createdAt }
        }
    }

    /// Marks a claimed message sent; false when the claim was lost (then another sender owns it).
    @discardableResult
    public func markSent(_ id: UUID, owner: String, now: Date) async throws -> Bool {
        try await database.db.sql.raw("""
            UPDATE outbox SET sent_at = \(bind: now), claimed_by = NULL, claimed_until = NULL, last_error = NULL
            WHERE id = \(bind: id) AND claimed_by = \(bind: owner) AND sent_at IS NULL RETURNING id
            """).first() != nil
    }

    /// Gives a claimed message back to try again at `retryAt`, or marks it failed for good (`retryAt` nil).
    public func markFailed(_ id: UUID, owner: String, error: String, retryAt: Date?, now: Date) async throws {
        let text = String(error.prefix(500))
        if let retryAt {
            try await database.db.sql.raw("""
                UPDATE outbox SET next_attempt_at = \(bind: retryAt), last_error = \(bind: text), claimed_by = NULL, claimed_until = NULL
                WHERE id = \(bind: id) AND claimed_by = \(bind: owner)
                """).run()
        } else {
            try await database.db.sql.raw("""
                UPDATE outbox SET failed_at = \(bind: now), last_error = \(bind: text), claimed_by = NULL, claimed_until = NULL
                WHERE id = \(bind: id) AND claimed_by = \(bind: owner)
                """).run()
        }
    }

    /// Messages newest first (for operators and tests), optionally only to one address.
    public func messages(to recipient: String? = nil, limit: Int = 100) async throws -> [OutboxMessage] {
        var query = database.db.sql.select()
            .columns("id", "recipient", "subject", "kind", "message", "attempts", "created_at", "sent_at", "failed_at", "last_error")
            .from("outbox")
        if let recipient { query = query.where("recipient", .equal, recipient) }
        return try await query.orderBy("created_at", .descending).limit(limit).all().map { row in
            OutboxMessage(
                id: try row.decode(column: "id", as: UUID.self), recipient: try row.decode(column: "recipient", as: String.self),
                subject: try row.decode(column: "subject", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                message: try row.decode(column: "message", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                createdAt: try row.decode(column: "created_at", as: Date.self), sentAt: try row.decode(column: "sent_at", as: Date?.self),
                failedAt: try row.decode(column: "failed_at", as: Date?.self), lastError: try row.decode(column: "last_error", as: String?.self))
        }
    }

    /// Messages not sent yet and not given up on (for /metrics and health).
    public func pendingCount() async throws -> Int {
        try await database.db.sql.raw("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

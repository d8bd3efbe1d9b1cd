import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// One entry of the audit log.
public struct AuditEntry: Sendable, Equatable {
    public let id: UUID
    public let occurredAt: Date
    /// Nil for actions taken on the command line (`ithaca admin create`).
    public let actorId: UUID?
    /// The actor's name when they acted (kept after an account is erased: the log must still say who did what).
    public let actorName: String
    public let action: AuditAction
    public let objectKind: AuditObjectKind
    public let objectId: String
    public let programId: UUID?
    /// Fixed words, names of programs and spaces, and counts; never text a member wrote.
    public let summary: String

    public init(
        id: UUID = UUID(), occurredAt: Date, actorId: UUID?, actorName: String, action: AuditAction, objectKind: AuditObjectKind,
        objectId: String, programId: UUID? = nil, summary: String
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actorId = actorId
        self.actorName = actorName
        self.action = action
        self.objectKind = objectKind
        self.objectId = objectId
        self.programId = programId
        self.summary = summary
    }
}

/// Which entries to read: newest first, optionally one action, one actor, one program, a time window.
public struct AuditFilter: Sendable, Equatable {
    public var action: AuditAction?
    public var actorId: UUID?
    public var programId: UUID?
    public var from: Date?
    public var until: Date?

    public init(action: AuditAction? = nil, actorId: UUID? = nil, programId: UUID? = nil, from: Date? = nil, until: Date? = nil) {
        self.action = action
        self.actorId = actorId
        self.programId = programId
        self.from = from
        self.until = until
    }
}

/// Where a page of the log ends: the next page starts strictly before this entry (time, then id), so entries
/// appended while an admin pages through never shift or repeat.
public struct AuditCursor: Sendable, Equatable {
    public let occurredAt: Date
    public let id: UUID

    public init(occurredAt: Date, id: UUID) {
        self.occurredAt = occurredAt
        self.id = id
    }
}

/// The append-only audit log (the table refuses UPDATE and DELETE). Appends join the caller's transaction, so an
/// action and its entry commit together.
public struct AuditLogStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func append(_ entry: AuditEntry) async throws {
        try await database.db.sql.raw("""
            INSERT INTO audit_log (id, occurred_at, actor_id, actor_name, action, object_kind, object_id, program_id, summary)
            VALUES (\(bind: entry.id), \(bind: entry.occurredAt), \(bind: entry.actorId), \(bind: entry.actorName), \(bind: entry.action.rawValue),
            \(bind: entry.objectKind.rawValue), \(bind: entry.objectId), \(bind: entry.programId), \(bind: entry.summary))
            """).run()
    }

    /// Up to `limit` entries, newest first, and the cursor of the next page when there is one.
    public func page(_ filter: AuditFilter, after cursor: AuditCursor?, limit: Int) async throws -> (entries: [AuditEntry], next: AuditCursor?) {
        var conditions: [SQLQueryString] = []
        if let action = filter.action { conditions.append("action = \(bind: action.rawValue)") }
        if let actor = filter.actorId { conditions.append("actor_id = \(bind: actor)") }
        if let program = filter.programId { conditions.append("program_id = \(bind: program)") }
        if let from = filter.from { conditions.append("occurred_at >= \(bind: from)") }
        if let until = filter.until { conditions.append("occurred_at < \(bind: until)") }
        if let cursor {
            conditions.append("""
                (occurred_at < \(bind: cursor.occurredAt) OR (occurred_at = \(bind: cursor.occurredAt) AND id < \(bind: cursor.id)))
                """)
        }
        var query: SQLQueryString = """
            SELECT id, occurred_at, actor_id, actor_name, action, object_kind, object_id, program_id, summary FROM audit_log
            """
        if !conditions.isEmpty {
            query = query + " WHERE " + conditions.joined(separator: " AND ")
        }
        query = query + " ORDER BY occurred_at DESC, id DESC LIMIT \(bind: limit + 1)"
        var entries: [AuditEntry] = []
        for row in try await database.db.sql.raw(query).all() {
            guard let action = AuditAction(rawValue: try row.decode(column: "action", as: String.self)),
                let kind = AuditObjectKind(rawValue: try row.decode(column: "object_kind", as: String.self))
            else { continue }
            entries.append(AuditEntry(
                id: try row.decode(column: "id", as: UUID.self), occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                actorId: try row.decode(column: "actor_id", as: UUID?.self), actorName: try row.decode(column: "actor_name", as: String.self),
                action: action, objectKind: kind, objectId: try row.decode(column: "object_id", as: String.self),
                programId: try row.decode(column: "program_id", as: UUID?.self), summary: try row.decode(column: "summary", as: String.self)))
        }
        guard entries.count > limit else { return (entries, nil) }
        entries.removeLast(entries.count - limit)
        return (entries, entries.last.map { AuditCursor(occurredAt: $0.occurredAt, id: $0.id) })
    }
}

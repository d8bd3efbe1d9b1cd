import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// A report with what the moderator needs to decide: the post, its question and who wrote it.
public struct StoredReport: Sendable, Equatable {
    public let id: UUID
    public let target: ReportTarget
    public let targetId: UUID
    public let questionId: UUID
    public let questionTitle: String
    public let spaceId: UUID
    public let reporterId: UUID?
    public let reason: String
    public let status: ReportStatus
    public let createdAt: Date
    /// The reported text and its author; `anonymous` when the question was asked anonymously and is the target.
    public let postBody: String
    public let authorId: UUID
    public let anonymous: Bool
    public let hiddenReason: String?
}

public struct StoredModerationEntry: Sendable, Equatable {
    public let id: UUID
    public let spaceId: UUID
    public let actorId: UUID?
    public let action: ModerationAction
    public let target: ReportTarget
    public let targetId: UUID
    public let questionId: UUID
    public let reason: String
    public let createdAt: Date
}

/// Reports and the moderator log. One report per person and post (a unique index, so a double submit cannot count
/// twice); a decision resolves every open report on the post.
public struct ModerationStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Files a report; nil when this person already reported the post.
    public func report(_ target: ReportTarget, _ targetId: UUID, question: UUID, space: UUID, reporter: UUID, reason: String, now: Date) async throws -> UUID? {
        let existing = try await database.db.sql.select().column("id").from("reports").where("target_id", .equal, targetId)
            .where("reporter_id", .equal, reporter).first()
        if existing != nil { return nil }
        return try await Self.insertReport(database.db, target, targetId, question: question, space: space, reporter: reporter, reason: reason, now: now)
    }

    static func insertReport(_ db: any Database, _ target: ReportTarget, _ targetId: UUID, question: UUID, space: UUID, reporter: UUID,
                             reason: String, now: Date) async throws -> UUID {
        let id = UUID()
        try await db.sql.insert(into: "reports")
            .columns("id", "target_kind", "target_id", "question_id", "space_id", "reporter_id", "reason", "status", "created_at")
            .values(SQLBind(id), SQLBind(target.rawValue), SQLBind(targetId), SQLBind(question), SQLBind(space), SQLBind(reporter), SQLBind(reason),
                    SQLBind(ReportStatus.open.rawValue), SQLBind(now))
            .run()
        return id
    }

    static let select = """
        SELECT r.*, q.title AS question_title, q.anonymous AS question_anonymous,
          CASE r.target_kind WHEN 'question' THEN q.body WHEN 'answer' THEN a.body ELSE c.body END AS post_body,
          CASE r.target_kind WHEN 'question' THEN q.author_id WHEN 'answer' THEN a.author_id ELSE c.author_id END AS post_author,
          CASE r.target_kind WHEN 'question' THEN q.hidden_reason WHEN 'answer' THEN a.hidden_reason ELSE c.hidden_reason END AS post_hidden
        FROM reports r JOIN questions q ON q.id = r.question_id LEFT JOIN answers a ON a.id = r.target_id
          LEFT JOIN comments c ON c.id = r.target_id
        """

    /// Open reports, oldest first, in the given spaces (every space when nil).
    public func openReports(in spaces: [UUID]?, offset: Int, limit: Int) async throws -> [StoredReport] {
        if let spaces, spaces.isEmpty { return [] }
        var filter = SQLQueryString("r.status = 'open'")
        if let spaces { filter = "r.status = 'open' AND r.space_id IN (\(binds: spaces))" }
        return try await database.db.sql.raw("""
            \(unsafeRaw: Self.select) WHERE \(filter) ORDER BY r.created_at, r.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Self.report)
    }

    public func report(_ id: UUID) async throws -> StoredReport? {
        try await database.db.sql.raw("\(unsafeRaw: Self.select) WHERE r.id = \(bind: id)").first().map(Self.report)
    }

    static func report(_ row: any SQLRow) throws -> StoredReport {
        let target = ReportTarget(rawValue: try row.decode(column: "target_kind", as: String.self)) ?? .answer
        let anonymousQuestion = try row.decode(column: "question_anonymous", as: Bool.self)
        return StoredReport(
            id: try row.decode(column: "id", as: UUID.self), target: target, targetId: try row.decode(column: "target_id", as: UUID.self),
            questionId: try row.decode(column: "question_id", as: UUID.self), questionTitle: try row.decode(column: "question_title", as: String.self),
            spaceId: try row.decode(column: "space_id", as: UUID.self), reporterId: try row.decode(column: "reporter_id", as: UUID?.self),
            reason: try row.decode(column: "reason", as: String.self),
            status: ReportStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
            createdAt: try row.decode(column: "created_at", as: Date.self), postBody: try row.decode(column: "post_body", as: String?.self) ?? "",
            authorId: try row.decode(column: "post_author", as: UUID.self),
            anonymous: target == .question && anonymousQuestion,
            hiddenReason: try row.decode(column: "post_hidden", as: String?.self))
    }

    /// Closes every open report on a post with the moderator's decision.
    public func resolve(target: UUID, as status: ReportStatus, by moderator: UUID, now: Date) async throws {
        try await database.db.sql.update("reports").set("status", to: status.rawValue).set("resolved_by", to: SQLBind(moderator))
            .set("resolved_at", to: SQLBind(now)).where("target_id", .equal, target).where("status", .equal, ReportStatus.open.rawValue).run()
    }

    public func log(_ action: ModerationAction, _ target: ReportTarget, _ targetId: UUID, question: UUID, space: UUID, actor: UUID,
                    reason: String, now: Date) async throws {
        try await database.db.sql.insert(into: "moderation_log")
            .columns("id", "space_id", "actor_id", "action", "target_kind", "target_id", "question_id", "reason", "created_at")
            .values(SQLBind(UUID()), SQLBind(space), SQLBind(actor), SQLBind(action.rawValue), SQLBind(target.rawValue), SQLBind(targetId),
                    SQLBind(question), SQLBind(reason), SQLBind(now))
            .run()
    }

    /// The log of decisions in the given spaces (every space when nil), newest first.
    public func entries(in spaces: [UUID]?, offset: Int, limit: Int) async throws -> [StoredModerationEntry] {
        if let spaces, spaces.isEmpty { return [] }
        var filter = SQLQueryString("1 = 1")
        if let spaces { filter = "space_id IN (\(binds: spaces))" }
        return try await database.db.sql.raw("""
            SELECT * FROM moderation_log WHERE \(filter) ORDER BY created_at DESC, id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map { row in
            StoredModerationEntry(
                id: try row.decode(column: "id", as: UUID.self), spaceId: try row.decode(column: "space_id", as: UUID.self),
                actorId: try row.decode(column: "actor_id", as: UUID?.self),
                action: ModerationAction(rawValue: try row.decode(column: "action", as: String.self)) ?? .hide,
                target: ReportTarget(rawValue: try row.decode(column: "target_kind", as: String.self)) ?? .answer,
                targetId: try row.decode(column: "target_id", as: UUID.self), questionId: try row.decode(column: "question_id", as: UUID.self),
                reason: try row.decode(column: "reason", as: String.self), createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }
}

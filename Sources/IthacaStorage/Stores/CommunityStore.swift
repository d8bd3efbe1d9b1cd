import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// How a list of questions is ordered.
public enum QuestionOrder: String, Sendable, CaseIterable {
    case newest, unanswered, top
}

/// Spaces, their members, questions, answers, votes and edit history.
public struct CommunityStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    // MARK: Spaces

    /// Creates the default spaces when there are none yet (every process may call it; the slug is unique).
    public func ensureDefaultSpaces(now: Date) async throws {
        guard try await SpaceRecord.query(on: database.db).count() == 0 else { return }
        for (name, description) in SpaceDetails.defaults {
            _ = try? await createSpace(try SpaceDetails.validated(name: name, description: description), now: now)
        }
    }

    public func createSpace(_ details: SpaceDetails, now: Date) async throws -> StoredSpace {
        let row = SpaceRecord()
        row.id = UUID()
        row.slug = details.slug
        row.name = details.name
        row.description = details.description
        row.createdAt = now
        do {
            try await row.create(on: database.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw IthacaError.conflict("A space called “\(details.name)” already exists.")
        }
        return row.space
    }

    public func spaces() async throws -> [StoredSpace] {
        try await SpaceRecord.query(on: database.db).sort(\.$name).all().map(\.space)
    }

    /// A space by id or slug.
    public func space(_ key: String) async throws -> StoredSpace? {
        if let id = UUID(uuidString: key) { return try await SpaceRecord.find(id, on: database.db)?.space }
        return try await SpaceRecord.query(on: database.db).filter(\.$slug == key.lowercased()).first()?.space
    }

    public func space(id: UUID) async throws -> StoredSpace? {
        try await SpaceRecord.find(id, on: database.db)?.space
    }

    /// The person's role in a space ("member" or "moderator"), or nil.
    public func role(in space: UUID, of person: UUID) async throws -> String? {
        try await SpaceMemberRecord.query(on: database.db).filter(\.$spaceId == space).filter(\.$userId == person).first()?.role
    }

    /// Adds or changes a membership.
    public func setMember(_ person: UUID, of space: UUID, role: String, now: Date) async throws {
        if let row = try await SpaceMemberRecord.query(on: database.db).filter(\.$spaceId == space).filter(\.$userId == person).first() {
            row.role = role
            try await row.save(on: database.db)
            return
        }
        let row = SpaceMemberRecord()
        row.id = UUID()
        row.spaceId = space
        row.userId = person
        row.role = role
        row.joinedAt = now
        do {
            try await row.create(on: database.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // joined twice at once: one membership is enough
        }
    }

    public func removeMember(_ person: UUID, of space: UUID) async throws {
        try await SpaceMemberRecord.query(on: database.db).filter(\.$spaceId == space).filter(\.$userId == person).delete()
    }

    /// Members per space, and each space's moderators.
    public func memberIds(of space: UUID) async throws -> [UUID] {
        try await SpaceMemberRecord.query(on: database.db).filter(\.$spaceId == space).all().map(\.userId)
    }

    public func memberCounts() async throws -> [UUID: Int] {
        let rows = try await database.db.sql.raw("SELECT space_id, COUNT(*) AS n FROM space_members GROUP BY space_id").all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "space_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    public func moderators(of space: UUID) async throws -> [UUID] {
        try await SpaceMemberRecord.query(on: database.db).filter(\.$spaceId == space).filter(\.$role == "moderator").all().map(\.userId)
    }

    // MARK: Questions and answers

    public func addQuestion(_ draft: QuestionDraft, space: UUID, author: UUID, now: Date) async throws -> StoredQuestion {
        let row = QuestionRecord()
        row.id = UUID()
        row.spaceId = space
        row.authorId = author
        row.anonymous = draft.anonymous
        row.title = draft.title
        row.body = draft.body
        row.tags = draft.tags.joined(separator: "\n")
        row.score = 0
        row.answerCount = 0
        row.createdAt = now
        row.updatedAt = now
        try await row.create(on: database.db)
        try await index(ref: row.id!, question: row.id!, title: draft.title, body: draft.body + " " + draft.tags.joined(separator: " "), createdAt: now)
        return row.question
    }

    public func question(id: UUID) async throws -> StoredQuestion? {
        try await QuestionRecord.find(id, on: database.db)?.question
    }

    /// One page of a space's questions (all spaces when nil), in `order`; `top` counts the week before `now`.
    public func questions(space: UUID?, order: QuestionOrder, tag: String?, offset: Int, limit: Int, now: Date) async throws -> [StoredQuestion] {
        let query = QuestionRecord.query(on: database.db).filter(\.$hiddenAt == nil)
        if let space { query.filter(\.$spaceId == space) }
        switch order {
        case .newest: query.sort(\.$createdAt, .descending)
        case .unanswered: query.filter(\.$answerCount == 0).sort(\.$createdAt, .descending)
        case .top: query.filter(\.$createdAt >= now.addingTimeInterval(-7 * 24 * 3600)).sort(\.$score, .descending).sort(\.$createdAt, .descending)
        }
        if let tag {
            // Tags are stored one per line; match a whole line, ignoring case, in Swift after a LIKE prefilter.
            let rows = try await query.filter(\.$tags, .custom("LIKE"), "%\(tag)%").all().map(\.question)
            let key = SkillTag.normalize(tag)
            return Array(rows.filter { $0.tags.contains { SkillTag.normalize($0) == key } }.dropFirst(offset).prefix(limit))
        }
        return try await query.range(offset..<(offset + limit)).all().map(\.question)
    }

    /// A person's questions (never the anonymous ones) and the questions they answered.
    public func questions(by author: UUID) async throws -> [StoredQuestion] {
        try await QuestionRecord.query(on: database.db).filter(\.$authorId == author).filter(\.$anonymous == false).filter(\.$hiddenAt == nil)
            .sort(\.$createdAt, .descending).all().map(\.question)
    }

    public func addAnswer(_ body: String, to question: UUID, author: UUID, now: Date) async throws -> StoredAnswer {
        let row = AnswerRecord()
        row.id = UUID()
        row.questionId = question
        row.authorId = author
        row.body = body
        row.score = 0
        row.createdAt = now
        row.updatedAt = now
        try await row.create(on: database.db)
        try await database.db.sql.raw("UPDATE questions SET answer_count = answer_count + 1 WHERE id = \(bind: question)").run()
        try await index(ref: row.id!, question: question, title: "", body: body, createdAt: now)
        return row.answer
    }

    public func answer(id: UUID) async throws -> StoredAnswer? {
        try await AnswerRecord.find(id, on: database.db)?.answer
    }

    public func answers(to question: UUID) async throws -> [StoredAnswer] {
        try await AnswerRecord.query(on: database.db).filter(\.$questionId == question).sort(\.$createdAt).all().map(\.answer)
    }

    public func answers(by author: UUID) async throws -> [StoredAnswer] {
        try await AnswerRecord.query(on: database.db).filter(\.$authorId == author).filter(\.$hiddenAt == nil).sort(\.$createdAt, .descending)
            .all().map(\.answer)
    }

    public func accept(_ answer: UUID?, on question: UUID) async throws {
        try await QuestionRecord.query(on: database.db).filter(\.$id == question).set(\.$acceptedAnswerId, to: answer).update()
    }

    /// One vote per person and post: the vote and the post's score change together.
    public func vote(on target: UUID, isQuestion: Bool, by voter: UUID, now: Date) async throws -> Int {
        let table = isQuestion ? "questions" : "answers"
        return try await database.transaction { db in
            let row = VoteRecord()
            row.id = UUID()
            row.targetId = target
            row.voterId = voter
            row.createdAt = now
            do {
                try await row.create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw IthacaError.conflict("You already voted for this.")
            }
            try await db.sql.raw("UPDATE \(unsafeRaw: table) SET score = score + 1 WHERE id = \(bind: target)").run()
            let score = try await db.sql.raw("SELECT score FROM \(unsafeRaw: table) WHERE id = \(bind: target)").first()
            return try score?.decode(column: "score", as: Int.self) ?? 0
        }
    }

    public func votes(by voter: UUID, on targets: [UUID]) async throws -> Set<UUID> {
        guard !targets.isEmpty else { return [] }
        return Set(try await VoteRecord.query(on: database.db).filter(\.$voterId == voter).filter(\.$targetId ~~ targets).all().map(\.targetId))
    }

    /// Saves an edit, keeping what was there before in the history.
    public func editQuestion(_ id: UUID, title: String, body: String, tags: [String], now: Date) async throws {
        guard let row = try await QuestionRecord.find(id, on: database.db) else { return }
        try await keepRevision(of: id, title: row.title, body: row.body, now: now)
        row.title = title
        row.body = body
        row.tags = tags.joined(separator: "\n")
        row.updatedAt = now
        try await row.save(on: database.db)
        guard row.hiddenAt == nil else { return }
        try await reindex(ref: id, question: id, title: title, body: body + " " + tags.joined(separator: " "), createdAt: row.createdAt)
    }

    public func editAnswer(_ id: UUID, body: String, now: Date) async throws {
        guard let row = try await AnswerRecord.find(id, on: database.db) else { return }
        try await keepRevision(of: id, title: nil, body: row.body, now: now)
        row.body = body
        row.updatedAt = now
        try await row.save(on: database.db)
        guard row.hiddenAt == nil else { return }
        try await reindex(ref: id, question: row.questionId, title: "", body: body, createdAt: row.createdAt)
    }

    public func revisionCount(of target: UUID) async throws -> Int {
        try await RevisionRecord.query(on: database.db).filter(\.$targetId == target).count()
    }

    // MARK: Hiding

    /// Hides a post (or shows it again with `reason` nil); hidden posts leave the search index and come back with it.
    public func setHidden(_ kind: ReportTarget, _ id: UUID, reason: String?, now: Date) async throws {
        let key = Self.searchKey(id, isSQLite: database.isSQLite)
        switch kind {
        case .question:
            guard let row = try await QuestionRecord.find(id, on: database.db) else { return }
            row.hiddenReason = reason
            row.hiddenAt = reason == nil ? nil : now
            try await row.save(on: database.db)
            if reason != nil {
                try await database.db.sql.raw("DELETE FROM qa_search WHERE question_id = \(bind: key)").run()
            } else {
                try await reindex(ref: id, question: id, title: row.title, body: row.body + " " + row.tags.replacingOccurrences(of: "\n", with: " "),
                                  createdAt: row.createdAt)
                for answer in try await AnswerRecord.query(on: database.db).filter(\.$questionId == id).filter(\.$hiddenAt == nil).all() {
                    try await reindex(ref: answer.id!, question: id, title: "", body: answer.body, createdAt: answer.createdAt)
                }
            }
        case .comment:
            // Comments are not in the search index: hiding is the flag alone.
            try await database.db.sql.update("comments").set("hidden_reason", to: SQLBind(reason)).set("hidden_at", to: SQLBind(reason == nil ? nil : now))
                .where("id", .equal, id).run()
        case .answer:
            guard let row = try await AnswerRecord.find(id, on: database.db) else { return }
            row.hiddenReason = reason
            row.hiddenAt = reason == nil ? nil : now
            try await row.save(on: database.db)
            if reason != nil {
                try await database.db.sql.raw("DELETE FROM qa_search WHERE ref_id = \(bind: key)").run()
            } else if try await QuestionRecord.find(row.questionId, on: database.db)?.hiddenAt == nil {
                try await reindex(ref: id, question: row.questionId, title: "", body: row.body, createdAt: row.createdAt)
            }
        }
    }

    /// The spaces a person moderates.
    public func moderatedSpaces(of person: UUID) async throws -> [UUID] {
        try await SpaceMemberRecord.query(on: database.db).filter(\.$userId == person).filter(\.$role == "moderator").all().map(\.spaceId)
    }

    // MARK: Search

    /// Adds a new post to the full-text index.
    func index(ref: UUID, question: UUID, title: String, body: String, createdAt: Date) async throws {
        try await Self.index(on: database.db, isSQLite: database.isSQLite, ref: ref, question: question, title: title, body: body, createdAt: createdAt)
    }

    /// Replaces an edited post's entry in the full-text index.
    func reindex(ref: UUID, question: UUID, title: String, body: String, createdAt: Date) async throws {
        try await database.db.sql.raw("DELETE FROM qa_search WHERE ref_id = \(bind: Self.searchKey(ref, isSQLite: database.isSQLite))").run()
        try await index(ref: ref, question: question, title: title, body: body, createdAt: createdAt)
    }

    /// Inserts an index entry on `db` (also used by the demo loader inside its transaction).
    static func index(
        on db: any Database, isSQLite: Bool, ref: UUID, question: UUID, title: String, body: String, createdAt: Date
    ) async throws {
        try await db.sql.raw("""
            INSERT INTO qa_search (ref_id, question_id, created_at, title, body)
            VALUES (\(bind: searchKey(ref, isSQLite: isSQLite)), \(bind: searchKey(question, isSQLite: isSQLite)),
            \(bind: createdAt.timeIntervalSince1970), \(bind: title), \(bind: body))
            """).run()
    }

    /// FTS5 columns are untyped text; PostgreSQL's are UUIDs.
    private static func searchKey(_ id: UUID, isSQLite: Bool) -> any Encodable & Sendable {
        isSQLite ? id.uuidString : id
    }

    /// Posts containing any of `terms` (already reduced to lowercase letters and digits), newest first, at most
    /// `limit`: the same posts on both databases, ranked afterwards by `TextSearch.rank`.
    public func searchCandidates(terms: [String], limit: Int = 2_000) async throws -> [TextSearch.Document] {
        guard !terms.isEmpty else { return [] }
        let rows: [any SQLRow]
        if database.isSQLite {
            let match = terms.map { "\"\($0)\"" }.joined(separator: " OR ")
            rows = try await database.db.sql.raw("""
                SELECT question_id, created_at, title, body FROM qa_search WHERE qa_search MATCH \(bind: match)
                ORDER BY created_at DESC, ref_id LIMIT \(bind: limit)
                """).all()
        } else {
            rows = try await database.db.sql.raw("""
                SELECT CAST(question_id AS TEXT) AS question_id, created_at, title, body FROM qa_search
                WHERE document @@ to_tsquery('simple', \(bind: terms.joined(separator: " | ")))
                ORDER BY created_at DESC, ref_id LIMIT \(bind: limit)
                """).all()
        }
        return try rows.compactMap { row in
            guard let id = UUID(uuidString: try row.decode(column: "question_id", as: String.self)) else { return nil }
            return TextSearch.Document(
                questionId: id, title: try row.decode(column: "title", as: String.self), body: try row.decode(column: "body", as: String.self),
                createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)))
        }
    }

    public func questions(ids: [UUID]) async throws -> [UUID: StoredQuestion] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await QuestionRecord.query(on: database.db).filter(\.$id ~~ ids).filter(\.$hiddenAt == nil).all()
            .map { ($0.id!, $0.question) })
    }

    private func keepRevision(of target: UUID, title: String?, body: String, now: Date) async throws {
        let revision = RevisionRecord()
        revision.id = UUID()
        revision.targetId = target
        revision.title = title
        revision.body = body
        revision.editedAt = now
        try await revision.create(on: database.db)
    }
}

/// A comment under a question or one of its answers.
public struct StoredComment: Sendable, Equatable {
    public let id: UUID
    public let postId: UUID
    public let authorId: UUID
    public let body: String
    public let createdAt: Date
    public var hiddenReason: String? = nil
    /// The question the comment is under (directly or on one of its answers).
    public var questionId: UUID? = nil
}

extension CommunityStore {
    public func addComment(_ body: String, on post: UUID, question: UUID, author: UUID, now: Date) async throws -> StoredComment {
        let id = UUID()
        try await database.db.sql.insert(into: "comments").columns("id", "question_id", "post_id", "author_id", "body", "created_at")
            .values(SQLBind(id), SQLBind(question), SQLBind(post), SQLBind(author), SQLBind(body), SQLBind(now)).run()
        return StoredComment(id: id, postId: post, authorId: author, body: body, createdAt: now)
    }

    /// Every comment on a question and its answers, oldest first.
    public func comments(onQuestion question: UUID) async throws -> [StoredComment] {
        try await database.db.sql.raw("""
            SELECT * FROM comments WHERE question_id = \(bind: question) ORDER BY created_at, id
            """).all().map(Self.comment)
    }

    public func comment(id: UUID) async throws -> StoredComment? {
        try await database.db.sql.raw("SELECT * FROM comments WHERE id = \(bind: id)").first().map(Self.comment)
    }

    static func comment(_ row: any SQLRow) throws -> StoredComment {
        StoredComment(
            id: try row.decode(column: "id", as: UUID.self), postId: try row.decode(column: "post_id", as: UUID.self),
            authorId: try row.decode(column: "author_id", as: UUID.self), body: try row.decode(column: "body", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), hiddenReason: try row.decode(column: "hidden_reason", as: String?.self),
            questionId: try row.decode(column: "question_id", as: UUID.self))
    }
}

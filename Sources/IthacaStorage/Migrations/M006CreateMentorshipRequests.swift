import FluentKit
import SQLKit

/// A mentee's request to a mentor. At most one pending request per pair, enforced by a partial unique index
/// (the same SQL on SQLite and PostgreSQL), so double submissions cannot create two.
struct M006CreateMentorshipRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("mentorship_requests")
            .id()
            .field("mentee_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("mentor_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("goal", .string, .required)
            .field("focus", .string, .required)
            .field("message", .string, .required)
            .field("status", .string, .required)
            .field("decline_reason", .string)
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .create()
        try await database.sql.raw("""
            CREATE UNIQUE INDEX mentorship_requests_one_pending ON mentorship_requests (mentee_id, mentor_id) \
            WHERE status = 'pending'
            """).run()
        try await database.sql.create(index: "mentorship_requests_mentor_idx").on("mentorship_requests").column("mentor_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mentorship_requests").delete()
    }
}

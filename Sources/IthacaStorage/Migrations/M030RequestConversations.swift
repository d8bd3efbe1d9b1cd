import FluentKit
import SQLKit

/// Mentors who answer: a request can wait for the mentee's reply to a question, be reported, and counts from the
/// moment it last landed with someone; answer times are kept; a mentor who let requests expire is paused.
struct M030RequestConversations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("mentorship_requests").field("info_question", .string).update()
        try await database.schema("mentorship_requests").field("info_reply", .string).update()
        try await database.schema("mentorship_requests").field("waiting_since", .datetime).update()
        try await database.schema("mentorship_requests").field("answered_at", .datetime).update()
        // Still one open request per pair, whether it waits for the mentor or for the mentee's reply.
        try await database.sql.raw("DROP INDEX mentorship_requests_one_pending").run()
        try await database.sql.raw("""
            CREATE UNIQUE INDEX mentorship_requests_one_open ON mentorship_requests (mentee_id, mentor_id) \
            WHERE status IN ('pending', 'needs_info')
            """).run()

        try await database.schema("request_reports")
            .id()
            .field("request_id", .uuid, .required, .references("mentorship_requests", "id", onDelete: .cascade))
            .field("reporter_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("resolved_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("resolved_at", .datetime)
            .unique(on: "request_id")
            .create()

        // Mentors shown as "not taking requests right now" (after three requests in a row expired); one click reopens.
        try await database.schema("request_pauses")
            .id()
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("paused_at", .datetime, .required)
            .unique(on: "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["request_pauses", "request_reports"] { try await database.schema(table).delete() }
        try await database.sql.raw("DROP INDEX mentorship_requests_one_open").run()
        try await database.sql.raw("""
            CREATE UNIQUE INDEX mentorship_requests_one_pending ON mentorship_requests (mentee_id, mentor_id) WHERE status = 'pending'
            """).run()
        for field in ["answered_at", "waiting_since", "info_reply", "info_question"] {
            try await database.schema("mentorship_requests").deleteField(.string(field)).update()
        }
    }
}

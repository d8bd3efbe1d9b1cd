import FluentKit
import SQLKit

/// Meetings, the items raised in them, and the feedback each side gives after one.
/// A partial unique index backs up the booking critical section: one scheduled meeting per mentor and start.
struct M009CreateMeetings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("meetings")
            .id()
            .field("mentorship_id", .uuid, .required, .references("mentorships", "id", onDelete: .cascade))
            .field("mentor_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("mentee_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("booked_by", .uuid, .required)
            .field("start_at", .datetime, .required)
            .field("end_at", .datetime, .required)
            .field("agenda", .string, .required)
            .field("status", .string, .required)
            .field("sequence", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.raw("""
            CREATE UNIQUE INDEX meetings_one_per_mentor_start ON meetings (mentor_id, start_at) WHERE status = 'scheduled'
            """).run()
        try await database.sql.create(index: "meetings_mentorship_idx").on("meetings").column("mentorship_id").run()
        try await database.sql.create(index: "meetings_mentee_idx").on("meetings").column("mentee_id").run()

        try await database.schema("meeting_items")
            .id()
            .field("mentorship_id", .uuid, .required, .references("mentorships", "id", onDelete: .cascade))
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("resolved", .bool, .required)
            .field("resolved_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "meeting_items_mentorship_idx").on("meeting_items").column("mentorship_id").run()

        try await database.schema("meeting_feedback")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required)
            .field("useful", .int, .required)
            .field("comment", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "meeting_id", "author_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meeting_feedback").delete()
        try await database.schema("meeting_items").delete()
        try await database.schema("meetings").delete()
    }
}

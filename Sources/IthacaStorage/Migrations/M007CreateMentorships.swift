import FluentKit
import SQLKit

/// Mentorships and their current agreement (terms as JSON, a version, and who acknowledged that version).
struct M007CreateMentorships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("mentorships")
            .id()
            .field("request_id", .uuid, .required, .references("mentorship_requests", "id", onDelete: .cascade))
            .field("mentee_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("mentor_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("focus", .string, .required)
            .field("agreement_terms", .string, .required)
            .field("agreement_version", .int, .required)
            .field("acknowledged_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "request_id")
            .create()
        try await database.sql.create(index: "mentorships_mentor_idx").on("mentorships").column("mentor_id").run()
        try await database.sql.create(index: "mentorships_mentee_idx").on("mentorships").column("mentee_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mentorships").delete()
    }
}

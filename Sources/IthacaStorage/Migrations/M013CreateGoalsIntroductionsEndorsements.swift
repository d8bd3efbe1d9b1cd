import FluentKit
import SQLKit

/// Goals with milestones, introductions a mentor makes for their mentee (double opt-in), and endorsements the
/// mentee approves before they show on their profile.
struct M013CreateGoalsIntroductionsEndorsements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("goals")
            .id()
            .field("owner_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("mentorship_id", .uuid, .references("mentorships", "id", onDelete: .setNull))
            .field("title", .string, .required)
            .field("milestones", .string, .required)
            .field("marked_achieved", .bool, .required)
            .field("share_with_manager", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "goals_owner_idx").on("goals").column("owner_id").run()

        try await database.schema("introductions")
            .id()
            .field("mentorship_id", .uuid, .required, .references("mentorships", "id", onDelete: .cascade))
            .field("mentor_id", .uuid, .required)
            .field("mentee_id", .uuid, .required)
            .field("member_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("note", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("answered_at", .datetime)
            .create()
        try await database.sql.create(index: "introductions_member_idx").on("introductions").column("member_id").run()
        try await database.sql.create(index: "introductions_mentee_idx").on("introductions").column("mentee_id").run()

        try await database.schema("endorsements")
            .id()
            .field("mentorship_id", .uuid, .required, .references("mentorships", "id", onDelete: .cascade))
            .field("mentor_id", .uuid, .required)
            .field("mentee_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("answered_at", .datetime)
            .create()
        try await database.sql.create(index: "endorsements_mentee_idx").on("endorsements").column("mentee_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("endorsements").delete()
        try await database.schema("introductions").delete()
        try await database.schema("goals").delete()
    }
}

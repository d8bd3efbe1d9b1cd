import FluentKit
import SQLKit

/// Profiles: one per account, keyed by the account id. `manager_id` is the reporting line.
struct M002CreateProfiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("profiles")
            .field("id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("pronouns", .string, .required)
            .field("headline", .string, .required)
            .field("bio", .string, .required)
            .field("organization", .string, .required)
            .field("team", .string, .required)
            .field("title", .string, .required)
            .field("manager_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("tenure_start", .string)
            .field("career_stage", .string)
            .field("time_zone", .string, .required)
            .field("languages", .array(of: .string), .required)
            .field("skills_offered", .array(of: .string), .required)
            .field("skills_wanted", .array(of: .string), .required)
            .field("goals", .string, .required)
            .field("strengths", .array(of: .string), .required)
            .field("areas_to_grow", .array(of: .string), .required)
            .field("open_to_mentoring", .bool, .required)
            .field("mentor_capacity", .int, .required)
            .field("open_to_being_mentored", .bool, .required)
            .field("open_to_peer", .bool, .required)
            .field("gender", .string, .required)
            .field("mentor_gender_preference", .string, .required)
            .field("mentor_organization_preference", .string, .required)
            // Lowercased text the directory searches, and "|tag|tag|" lists for exact skill filters.
            .field("search_text", .string, .required)
            .field("offered_tags", .string, .required)
            .field("wanted_tags", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "profiles_name_idx").on("profiles").column("name").run()
        try await database.sql.create(index: "profiles_manager_idx").on("profiles").column("manager_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("profiles").delete()
    }
}

import FluentKit
import SQLKit

/// Challenges, who joined them, daily check-ins (one per member and local day) and the encouragement they get.
struct M018CreateChallenges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("challenges")
            .id()
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("start_date", .string, .required)
            .field("length_days", .int, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("challenge_members")
            .id()
            .field("challenge_id", .uuid, .required, .references("challenges", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("joined_at", .datetime, .required)
            .unique(on: "challenge_id", "person_id")
            .create()
        try await database.schema("check_ins")
            .id()
            .field("challenge_id", .uuid, .required, .references("challenges", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            // The member's own calendar day when they checked in: streaks are counted on these.
            .field("local_day", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "challenge_id", "person_id", "local_day")
            .create()
        try await database.sql.create(index: "check_ins_challenge_idx").on("check_ins").column("challenge_id").column("created_at").run()
        try await database.schema("check_in_cheers")
            .id()
            .field("check_in_id", .uuid, .required, .references("check_ins", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "check_in_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["check_in_cheers", "check_ins", "challenge_members", "challenges"] { try await database.schema(table).delete() }
    }
}

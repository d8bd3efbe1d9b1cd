import FluentKit
import SQLKit

/// Groups: a peer round's circles and a group-coaching round's cohorts, as proposed in the round and, once published,
/// as circles with members (a coach for cohorts).
struct M017CreateCircles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("round_groups")
            .id()
            .field("round_id", .uuid, .required, .references("matching_rounds", "id", onDelete: .cascade))
            // The members' person ids as a JSON list; the coach (cohorts) is not among them.
            .field("members", .string, .required)
            .field("coach_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("score", .int, .required)
            .field("reasons", .string, .required)
            .field("conflicted", .bool, .required)
            .create()
        try await database.sql.create(index: "round_groups_round_idx").on("round_groups").column("round_id").run()
        try await database.schema("circles")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("round_id", .uuid, .references("matching_rounds", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("coach_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("reasons", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("circle_members")
            .id()
            .field("circle_id", .uuid, .required, .references("circles", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "circle_id", "person_id")
            .create()
        try await database.sql.create(index: "circle_members_person_idx").on("circle_members").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["circle_members", "circles", "round_groups"] { try await database.schema(table).delete() }
    }
}

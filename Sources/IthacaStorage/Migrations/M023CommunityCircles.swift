import FluentKit
import SQLKit

/// Circles outgrow programs: anyone may start one (so `program_id` becomes optional), with a name, a shared goal, a
/// plan, a size and a join policy; people are invited or ask (member status); circles get group meetings, shared
/// notes and a members-only thread.
///
/// SQLite cannot drop a NOT NULL constraint, so both tables are rebuilt the same way on both databases: copied
/// aside, dropped (members first, so no cascade fires), created in the new shape and filled from the copies.
struct M023CommunityCircles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("CREATE TABLE circles_before_m023 AS SELECT * FROM circles").run()
        try await sql.raw("CREATE TABLE circle_members_before_m023 AS SELECT * FROM circle_members").run()
        try await database.schema("circle_members").delete()
        try await database.schema("circles").delete()

        try await database.schema("circles")
            .id()
            .field("program_id", .uuid, .references("programs", "id", onDelete: .cascade))
            .field("round_id", .uuid, .references("matching_rounds", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("coach_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("reasons", .string, .required)
            .field("created_at", .datetime, .required)
            .field("name", .string, .required)
            .field("goal", .string, .required)
            .field("plan", .string, .required)
            .field("capacity", .int, .required)
            .field("join_policy", .string, .required)
            // Who started it (the coach of a coached group); they stay while others are in it.
            .field("organiser_id", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await database.schema("circle_members")
            .id()
            .field("circle_id", .uuid, .required, .references("circles", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "circle_id", "person_id")
            .create()
        try await sql.raw("DROP INDEX IF EXISTS circle_members_person_idx").run()
        try await sql.create(index: "circle_members_person_idx").on("circle_members").column("person_id").run()
        try await sql.create(index: "circles_policy_idx").on("circles").column("join_policy").column("created_at").run()

        // Program groups keep their people; their size is what the round gave them (at least the usual 8).
        try await sql.raw("""
            INSERT INTO circles (id, program_id, round_id, kind, coach_id, reasons, created_at, name, goal, plan, capacity, join_policy, organiser_id)
            SELECT c.id, c.program_id, c.round_id, c.kind, c.coach_id, c.reasons, c.created_at,
              CASE c.kind WHEN 'cohort' THEN 'Coaching cohort' ELSE 'Peer circle' END, '', '',
              CASE WHEN (SELECT COUNT(*) FROM circle_members_before_m023 m WHERE m.circle_id = c.id) > 8
                THEN (SELECT COUNT(*) FROM circle_members_before_m023 m WHERE m.circle_id = c.id) ELSE 8 END,
              'invitation', c.coach_id
            FROM circles_before_m023 c
            """).run()
        try await sql.raw("""
            INSERT INTO circle_members (id, circle_id, person_id, status, created_at)
            SELECT m.id, m.circle_id, m.person_id, 'member', c.created_at
            FROM circle_members_before_m023 m JOIN circles c ON c.id = m.circle_id
            """).run()
        try await sql.raw("DROP TABLE circle_members_before_m023").run()
        try await sql.raw("DROP TABLE circles_before_m023").run()

        try await database.schema("circle_meetings")
            .id()
            .field("circle_id", .uuid, .required, .references("circles", "id", onDelete: .cascade))
            .field("agenda", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("location", .string, .required)
            .field("scheduled_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("cancelled_at", .datetime)
            // on_time / late, as for 1:1 meetings: late cancellations stay visible.
            .field("cancellation", .string)
            .create()
        try await sql.create(index: "circle_meetings_circle_idx").on("circle_meetings").column("circle_id").column("starts_at").run()
        try await database.schema("circle_posts")
            .id()
            .field("circle_id", .uuid, .required, .references("circles", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "circle_posts_circle_idx").on("circle_posts").column("circle_id").column("kind").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["circle_posts", "circle_meetings"] { try await database.schema(table).delete() }
    }
}

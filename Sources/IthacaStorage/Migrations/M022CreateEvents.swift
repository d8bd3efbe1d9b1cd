import FluentKit
import SQLKit

/// Events (meetups, talks, office hours) and their answers: a seat or a place on the waitlist.
struct M022CreateEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("events")
            .id()
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("kind", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("location", .string, .required)
            .field("capacity", .int, .required)
            .field("host_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "events_start_idx").on("events").column("starts_at").run()
        try await database.schema("event_rsvps")
            .id()
            .field("event_id", .uuid, .required, .references("events", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "event_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["event_rsvps", "events"] { try await database.schema(table).delete() }
    }
}

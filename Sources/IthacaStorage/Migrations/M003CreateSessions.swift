import FluentKit
import SQLKit

/// Browser sessions, in the database so several server processes share them. The id is a hash of the cookie value.
struct M003CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("user_agent", .string, .required)
            .create()
        try await database.sql.create(index: "sessions_user_idx").on("sessions").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}

import FluentKit

/// A mentor's weekly availability in their own time zone, with days off, stored as validated JSON.
struct M008CreateAvailabilities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("availabilities")
            .field("id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("availability", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("availabilities").delete()
    }
}

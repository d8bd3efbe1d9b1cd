import FluentKit

/// Comments can be reported and hidden like questions and answers.
struct M027HideComments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comments").field("hidden_reason", .string).update()
        try await database.schema("comments").field("hidden_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("comments").deleteField("hidden_at").update()
        try await database.schema("comments").deleteField("hidden_reason").update()
    }
}

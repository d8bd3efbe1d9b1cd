import FluentKit

/// Closing a mentorship: who asked to complete it, who ended it and their private reason, when it closed; and the
/// retrospective each side writes afterwards.
struct M012CloseMentorships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE: SQLite adds a single column at a time.
        let columns: [(String, DatabaseSchema.DataType)] = [
            ("completion_agreed_by", .string), ("ended_by", .uuid), ("end_reason", .string), ("closed_at", .datetime),
        ]
        for (name, type) in columns {
            try await database.schema("mentorships").field(.string(name), type).update()
        }
        try await database.schema("mentorship_retrospectives")
            .id()
            .field("mentorship_id", .uuid, .required, .references("mentorships", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required)
            .field("went_well", .string, .required)
            .field("learned", .string, .required)
            .field("next", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "mentorship_id", "author_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mentorship_retrospectives").delete()
        for column in ["completion_agreed_by", "ended_by", "end_reason", "closed_at"] {
            try await database.schema("mentorships").deleteField(.string(column)).update()
        }
    }
}

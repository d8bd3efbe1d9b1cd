import FluentKit
import SQLKit

/// Learning paths: ordered resources toward a goal, the people following them and the steps each has done.
struct M025CreateLearningPaths: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("learning_paths")
            .id()
            .field("title", .string, .required)
            .field("goal", .string, .required)
            .field("description", .string, .required)
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("learning_path_steps")
            .id()
            .field("path_id", .uuid, .required, .references("learning_paths", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("resource_id", .uuid, .required, .references("resources", "id", onDelete: .cascade))
            .unique(on: "path_id", "position")
            .unique(on: "path_id", "resource_id")
            .create()
        try await database.schema("learning_path_followers")
            .id()
            .field("path_id", .uuid, .required, .references("learning_paths", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "path_id", "person_id")
            .create()
        try await database.sql.create(index: "learning_path_followers_person_idx").on("learning_path_followers").column("person_id").run()
        try await database.schema("learning_path_done")
            .id()
            .field("path_id", .uuid, .required, .references("learning_paths", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("resource_id", .uuid, .required, .references("resources", "id", onDelete: .cascade))
            .field("done_at", .datetime, .required)
            .unique(on: "path_id", "person_id", "resource_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["learning_path_done", "learning_path_followers", "learning_path_steps", "learning_paths"] {
            try await database.schema(table).delete()
        }
    }
}

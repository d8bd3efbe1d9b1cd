import FluentKit
import SQLKit

/// Members who keep their mentoring relationships out of the lineage web and off profiles. Present means hidden;
/// everyone else is shown as before (profiles were already visible to members).
struct M032CreateLineagePrivacy: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("lineage_opt_outs")
            .id()
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("lineage_opt_outs").delete()
    }
}

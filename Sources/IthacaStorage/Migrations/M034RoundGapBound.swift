import FluentKit

/// A round's certified gap: how far below the optimum over all pairs its answer can be at most (0 when proven
/// optimal; empty for rounds from before, and for peer rounds, which have no such certificate).
struct M034RoundGapBound: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("matching_rounds").field("gap_bound", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("matching_rounds").deleteField("gap_bound").update()
    }
}

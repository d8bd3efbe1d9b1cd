import FluentKit

/// Fixed-window counters for throttling (sign-in per account and per IP), shared by every server process.
struct M005CreateRateLimits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rate_limits")
            .field("bucket", .string, .required)
            .field("window_start", .int64, .required)
            .field("hits", .int, .required)
            .unique(on: "bucket")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_limits").delete()
    }
}

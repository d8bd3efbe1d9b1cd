import FluentKit
import Foundation
import SQLKit

/// Fixed-window counters in the database, so every server process sees the same counts.
public struct RateLimitStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Counts one hit in the window and returns the hits so far. One atomic upsert, the same SQL on both databases.
    public func hit(bucket: String, windowStart: Int64) async throws -> Int {
        let row = try await database.db.sql.raw("""
            INSERT INTO rate_limits (bucket, window_start, hits) VALUES (\(bind: bucket), \(bind: windowStart), 1)
            ON CONFLICT (bucket) DO UPDATE SET
                hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END,
                window_start = excluded.window_start
            RETURNING hits
            """).first()
        return try row?.decode(column: "hits", as: Int.self) ?? 1
    }

    /// The hits counted in the window, without counting a new one.
    public func count(bucket: String, windowStart: Int64) async throws -> Int {
        let row = try await database.db.sql.raw("""
            SELECT hits FROM rate_limits WHERE bucket = \(bind: bucket) AND window_start = \(bind: windowStart)
            """).first()
        return try row?.decode(column: "hits", as: Int.self) ?? 0
    }

    public func reset(bucket: String) async throws {
        try await database.db.sql.raw("DELETE FROM rate_limits WHERE bucket = \(bind: bucket)").run()
    }
}

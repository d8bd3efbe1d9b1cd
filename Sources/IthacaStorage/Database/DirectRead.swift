import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver

/// Hot reads (every signed-in request, a person's profile) sent straight to the driver and read by column name,
/// as the bulk statements are: a Fluent model decodes each row by reflecting over its properties, which cost a
/// quarter of a person read's CPU, and SQLKit's builder serialises and decodes through `Codable`.
///
/// Placeholders are written `$1`, `$2` … as PostgreSQL numbers them; on SQLite they become `?1`, `?2` …, its
/// numbered form. The statement text must hold no other `$`.
struct DirectRead: Sendable {
    let sql: String
    private let sqliteSQL: String

    init(_ sql: String) {
        self.sql = sql
        sqliteSQL = String(sql.map { $0 == "$" ? "?" : $0 })
    }

    func rows(_ binds: [BulkValue] = [], on db: any Database) async throws -> [BulkRow] {
        if let sqlite = db as? any SQLiteDatabase {
            return try await sqlite.rows(sqliteSQL, binds.map(\.sqlite)).map(BulkRow.sqlite)
        }
        if let postgres = db as? any PostgresDatabase {
            var bindings = PostgresBindings(capacity: binds.count)
            for value in binds { value.append(to: &bindings) }
            return try await postgres.rows(PostgresQuery(unsafeSQL: sql, binds: bindings)).map { .postgres($0.makeRandomAccess()) }
        }
        throw BulkUnsupported()
    }

    func first(_ binds: [BulkValue] = [], on db: any Database) async throws -> BulkRow? {
        try await rows(binds, on: db).first
    }
}

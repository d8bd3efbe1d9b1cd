import FluentKit
import NIOPosix
import SQLKit

/// The last batch of migrations names some this version does not have: reverting would skip them (FluentKit passes
/// over names it does not know) and leave the database between versions.
public struct UnknownMigrationsInBatch: Error, CustomStringConvertible {
    public let batch: Int
    public let unknown: [String]

    public var description: String {
        "The last batch of migrations (\(batch)) includes \(unknown.joined(separator: ", ")), which this version of "
            + "Ithaca does not know: nothing was reverted. Revert with the version that applied them."
    }
}

extension IthacaDatabase {
    public func migrate() async throws {
        try await withMigrationLock {
            let migrator = self.makeMigrator()
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        }
    }

    /// Reverts the migrations of the highest batch, newest first, and names them (none when nothing was applied).
    /// Refuses, reverting nothing, when that batch has migrations this version does not know.
    @discardableResult
    public func revertLastBatch() async throws -> [String] {
        try await withMigrationLock {
            let migrator = self.makeMigrator()
            try await migrator.setupIfNeeded().get()
            let rows = try await self.db.sql.raw("""
                SELECT name, batch FROM _fluent_migrations WHERE batch = (SELECT MAX(batch) FROM _fluent_migrations)
                """).all()
            let names = try rows.map { try $0.decode(column: "name", as: String.self) }
            guard let batch = try rows.first?.decode(column: "batch", as: Int.self) else { return [] }
            let known = Set(IthacaMigrations.all.map(\.name))
            let unknown = names.filter { !known.contains($0) }.sorted()
            guard unknown.isEmpty else { throw UnknownMigrationsInBatch(batch: batch, unknown: unknown) }
            try await migrator.revertLastBatch().get()
            return IthacaMigrations.all.map(\.name).filter(names.contains).reversed()
        }
    }

    /// Several `serve` processes may start together on one PostgreSQL database: a session advisory lock, held on
    /// one connection while the migrator works on others, makes them migrate one after another. (SQLite has one
    /// process per file, and its writes are serialised anyway.)
    private func withMigrationLock<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard !isSQLite else { return try await body() }
        return try await db.withConnection { connection in
            try await connection.sql.raw("SELECT pg_advisory_lock(\(bind: LockKeys.migrations))").run()
            let result: T
            do {
                result = try await body()
            } catch {
                try? await connection.sql.raw("SELECT pg_advisory_unlock(\(bind: LockKeys.migrations))").run()
                throw error
            }
            try await connection.sql.raw("SELECT pg_advisory_unlock(\(bind: LockKeys.migrations))").run()
            return result
        }
    }

    private func makeMigrator() -> Migrator {
        let migrations = Migrations()
        migrations.add(IthacaMigrations.all)
        return Migrator(databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
    }
}

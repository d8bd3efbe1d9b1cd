import Foundation
import IthacaStorage
import Testing

/// The migrations themselves: they apply, revert and re-apply, and several processes may run them at once.
@Suite struct MigrationTests {
    /// An empty database of the given kind.
    private func emptyLocation(_ database: TestDatabase) async throws -> DatabaseLocation {
        switch database {
        case .sqlite: return try await TestDatabase.sqlite.makeLocation()
        case .postgres: return try await PostgresTemplate.shared.emptyDatabase()
        }
    }

    @Test(arguments: TestDatabase.all)
    func migrationsApplyRevertAndApplyAgain(database: TestDatabase) async throws {
        // given an empty database
        let ithaca = try IthacaDatabase(location: try await emptyLocation(database), logger: quietTestLogger())
        do {
            // when migrated, reverted and migrated again
            try await ithaca.migrate()
            try await ithaca.revertLastBatch()
            try await ithaca.migrate()
            // then the schema is usable
            #expect(try await AccountStore(database: ithaca).count() == 0)
        } catch {
            await ithaca.shutdown()
            throw error
        }
        await ithaca.shutdown()
    }

    @Test(arguments: TestDatabase.all.filter { $0 == .postgres })
    func serversStartingTogetherMigrateOneAfterAnother(database: TestDatabase) async throws {
        // given one empty PostgreSQL database and four server processes' worth of pools
        let location = try await emptyLocation(database)
        let servers = try (0..<4).map { _ in try IthacaDatabase(location: location, logger: quietTestLogger()) }
        // when they all migrate at the same moment
        let failures = await withTaskGroup(of: (any Error)?.self) { group in
            for server in servers { group.addTask { do { try await server.migrate(); return nil } catch { return error } } }
            return await group.reduce(into: [String]()) { result, error in if let error { result.append(String(reflecting: error)) } }
        }
        // then none fails, and the schema is there once
        #expect(failures.isEmpty, "\(failures)")
        #expect(try await AccountStore(database: servers[0]).count() == 0)
        for server in servers { await server.shutdown() }
    }
}

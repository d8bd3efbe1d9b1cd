import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaStorage
import IthacaWeb
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import SQLKit
import Testing

/// The SQLite file the app leaves behind: write-ahead logging, and foreign keys enforced on every connection.
@Suite struct SQLiteSettingsTests {
    /// The value a PRAGMA reports (its one column is not always named after it: busy_timeout answers "timeout").
    private static func pragma(_ name: String, on database: any Database) async throws -> String? {
        let row = try await (database as! any SQLDatabase).raw("PRAGMA \(unsafeRaw: name)").first()
        guard let row, let column = row.allColumns.first else { return nil }
        if let text = try? row.decode(column: column, as: String.self) { return text }
        return try row.decode(column: column, as: Int.self).description
    }

    @Test func theAppLeavesTheFileInWALModeWithForeignKeysOn() async throws {
        // given the app run once on a SQLite file, with a write
        let path = NIOLockedValueBox<String?>(nil)
        try await withTestApp(.sqlite, configure: { configuration in
            if case .sqlite(let file) = configuration.database { path.withLockedValue { $0 = file } }
        }) { browser in
            #expect(try await browser.signUp(email: "ada@example.com").status == .seeOther)
            let file = try #require(path.withLockedValue { $0 })
            #expect(FileManager.default.fileExists(atPath: file + "-wal"), "a write goes to the write-ahead log")
        }
        let file = try #require(path.withLockedValue { $0 })
        let database = try IthacaDatabase(location: .sqlite(path: file), logger: Logger(label: "tests"))
        do {
            // when a new connection opens it, before any settings of ours
            let journal = try await Self.pragma("journal_mode", on: database.db)
            // then WAL is a property of the file
            #expect(journal?.lowercased() == "wal")

            // when connections are prepared as the app prepares them
            try await database.prepareConnections()
            // then every pooled connection (the writer's and the readers') enforces foreign keys
            let connections = database.pooledConnections()
            #expect(connections.count == (1 + IthacaDatabase.sqliteReaderPools) * Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count)
            for connection in connections {
                #expect(try await Self.pragma("secure_delete", on: connection) == "1")
                #expect(try await Self.pragma("foreign_keys", on: connection) == "1")
                #expect(try await Self.pragma("busy_timeout", on: connection) == "5000")
            }
            let sql = database.db as! any SQLDatabase
            await #expect(throws: (any Error).self, "a session of no account is refused") {
                try await sql.raw("""
                    INSERT INTO sessions (id, user_id, created_at, last_seen_at, user_agent)
                    VALUES ('orphan', \(bind: UUID()), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '')
                    """).run()
            }
            try await sql.raw("DELETE FROM users").run()
            let sessions = try await sql.raw("SELECT COUNT(*) AS n FROM sessions").first()?.decode(column: "n", as: Int.self)
            #expect(sessions == 0, "deleting an account deletes its sessions")
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}

import FluentKit
import Foundation
import IthacaStorage
import NIOConcurrencyHelpers
import SQLKit
import Testing

/// SQLite: reads outside a transaction use reader connections of their own, so a write transaction in progress (and
/// the writes queued behind it) never holds them up; bookkeeping writes a later request can make are skipped, not
/// queued, while the writer is busy; a write that does not get its turn within the wait limit is refused as busy.
@Suite struct ReaderConnectionsTests {
    /// A migrated SQLite database with its connections prepared as the app prepares them.
    private func database(waitLimit: Duration = .seconds(5)) async throws -> IthacaDatabase {
        let database = try IthacaDatabase(location: try await TestDatabase.sqlite.makeLocation(), logger: quietTestLogger(), waitLimit: waitLimit)
        do {
            try await database.prepareConnections()
            try await database.migrate()
        } catch {
            await database.shutdown()
            throw error
        }
        return database
    }

    /// Runs `whileHeld` while a write transaction is open on `database`, then lets the transaction commit.
    private func whileAWriteIsOpen<T: Sendable>(
        on database: IthacaDatabase, _ whileHeld: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let (opened, openedContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let writer = Task {
            try await database.transaction { db in
                try await (db as! any SQLDatabase).raw("INSERT INTO site_secrets (id, name, value) VALUES (\(bind: UUID()), 'held', 'x')").run()
                openedContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in opened { break }
        do {
            let result = try await whileHeld()
            releaseContinuation.yield()
            try await writer.value
            return result
        } catch {
            releaseContinuation.yield()
            _ = try? await writer.value
            throw error
        }
    }

    @Test func readsDoNotWaitForAnOpenWriteTransaction() async throws {
        let database = try await database()
        defer { Task { await database.shutdown() } }
        // when twenty reads run while a write transaction holds the writer's connection (before: one connection per
        // event loop served both, and a read that landed on the writer's waited until the transaction ended)
        let answered = try await whileAWriteIsOpen(on: database) {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    for _ in 0..<20 { _ = try await AccountStore(database: database).count() }
                    return true
                }
                group.addTask {
                    // a read that waits for the transaction never finishes (the transaction waits for the reads): the
                    // bound only has to end the test, and is generous for a machine busy with the whole suite
                    try await Task.sleep(for: .seconds(120))
                    return false
                }
                let first = try await group.next() ?? false
                group.cancelAll()
                return first
            }
        }
        // then all were answered while it was still open
        #expect(answered, "reads waited for the write transaction")
        // and they saw the database as it was before the transaction (WAL: a reader sees the last commit)
        let secrets = try await (database.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM site_secrets WHERE name = 'held'").first()?.decode(column: "n", as: Int.self)
        #expect(secrets == 1, "the transaction committed afterwards")
    }

    @Test func aBookkeepingWriteIsSkippedWhileTheWriterIsBusyAndMadeWhenItIsFree() async throws {
        let database = try await database()
        defer { Task { await database.shutdown() } }
        let ran = NIOLockedValueBox(0)
        let write: @Sendable (any Database) async throws -> Void = { db in
            try await (db as! any SQLDatabase).raw("INSERT INTO site_secrets (id, name, value) VALUES (\(bind: UUID()), 'bookkeeping', 'x')").run()
            ran.withLockedValue { $0 += 1 }
        }
        // while a write transaction is open: skipped at once, not queued
        let whileBusy = try await whileAWriteIsOpen(on: database) { try await database.writeIfIdle(write) }
        #expect(!whileBusy && ran.withLockedValue { $0 } == 0)
        // when the writer is free: made
        #expect(try await database.writeIfIdle(write))
        #expect(ran.withLockedValue { $0 } == 1)
        // inside a transaction: part of it
        let insideATransaction = try await database.transaction { _ in try await database.writeIfIdle { _ in } }
        #expect(insideATransaction)
    }

    @Test func aWriteThatDoesNotGetItsTurnWithinTheWaitLimitIsRefusedAsBusy() async throws {
        let database = try await database(waitLimit: .milliseconds(300))
        defer { Task { await database.shutdown() } }
        // while a write transaction stays open longer than the limit, another write is refused as busy (503), and
        // promptly: it does not wait for the first to end
        let clock = ContinuousClock()
        let (error, waited) = try await whileAWriteIsOpen(on: database) {
            let started = clock.now
            do {
                try await database.transaction { _ in }
                return (nil as (any Error)?, clock.now - started)
            } catch {
                return (error, clock.now - started)
            }
        }
        let refusal = try #require(error, "the second write waited for its turn")
        #expect(IthacaDatabase.isOverloaded(refusal), "\(refusal)")
        #expect(waited >= .milliseconds(300) && waited < .seconds(60), "\(waited)")
        // and once the writer is free, writes go through again
        try await database.transaction { _ in }
    }
}

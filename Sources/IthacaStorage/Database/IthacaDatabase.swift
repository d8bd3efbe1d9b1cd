import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import IthacaDomain
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Synchronization

/// Owns the connection pools and migrations for one database; shut it down when the app stops.
public final class IthacaDatabase: Sendable {
    public let location: DatabaseLocation
    public let databases: Databases
    let logger: Logger
    /// SQLite's blocking calls run here. Each database has its own pool unless one is given: a connection waiting for
    /// SQLite's write lock blocks a thread, and with one process-wide pool of two threads, waiters on one database
    /// could starve the holder of the lock on another (tests run many databases in one process; two servers may share
    /// a file).
    let threadPool: NIOThreadPool
    private let ownsThreadPool: Bool
    /// SQLite: write transactions queue here, one at a time (see `WriterGate`).
    let writerGate = WriterGate()
    /// When the database last answered a health check's ping.
    private let lastPing = Mutex<ContinuousClock.Instant?>(nil)
    /// SQLite: the connections write transactions use (one per event loop; fluent-sqlite-driver allows no more).
    private let writerID: DatabaseID
    /// SQLite: pools of connections for work outside a transaction, each one connection per event loop. In WAL mode a
    /// reader never waits for the writer, so reads are spread over these instead of queueing behind a write
    /// transaction that holds the writer's connection. PostgreSQL: the one pool (its own connections per loop).
    private let readerIDs: [DatabaseID]

    /// How long a request may wait for a pooled connection, or (SQLite) for its turn to write, before it is refused as
    /// busy (503 with Retry-After): an overloaded server sheds work early instead of queueing it without end.
    public let waitLimit: Duration

    /// How many reader pools a SQLite database gets (each has one connection per event loop).
    public static let sqliteReaderPools = 3

    /// `threadPool`: where SQLite's blocking calls run; by default the database starts (and later stops) one of its
    /// own with a thread per pooled connection. `waitLimit`: see `waitLimit` (`serve` passes its `--database-wait`;
    /// the default is FluentKit's pool timeout).
    public init(location: DatabaseLocation, logger: Logger, threadPool: NIOThreadPool? = nil, waitLimit: Duration = .seconds(10)) throws {
        self.location = location
        self.logger = logger
        self.waitLimit = waitLimit
        let (seconds, attoseconds) = waitLimit.components
        let poolTimeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count
        switch (location, threadPool) {
        case (_, .some(let given)):
            self.threadPool = given
            self.ownsThreadPool = false
        case (.sqlite, .none):
            self.threadPool = NIOThreadPool(numberOfThreads: max(4, loops * (1 + Self.sqliteReaderPools)))
            self.threadPool.start()
            self.ownsThreadPool = true
        case (.postgres, .none):
            self.threadPool = NIOThreadPool.singleton  // PostgresNIO does not block threads
            self.ownsThreadPool = false
        }
        self.databases = Databases(threadPool: self.threadPool, on: MultiThreadedEventLoopGroup.singleton)
        switch location {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            writerID = .sqlite
            readerIDs = (0..<Self.sqliteReaderPools).map { DatabaseID(string: "sqlite-reader-\($0)") }
            databases.use(.sqlite(.file(path), connectionPoolTimeout: poolTimeout, sqlLogLevel: .trace), as: writerID, isDefault: true)
            for id in readerIDs {
                databases.use(.sqlite(.file(path), connectionPoolTimeout: poolTimeout, sqlLogLevel: .trace), as: id, isDefault: false)
            }
        case .postgres(let url):
            writerID = .psql
            readerIDs = [.psql]
            databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: poolTimeout, sqlLogLevel: .trace),
                          as: .psql)
        }
    }

    /// The connection of the transaction this task is in (see `transaction(key:_:)`), so every store called inside
    /// one writes on the same connection and commits or rolls back with it.
    /// Keyed by the database it belongs to, so a transaction on one database never captures another's queries.
    @TaskLocal static var activeTransaction: (owner: ObjectIdentifier, connection: any Database)?

    /// This database's transaction in the calling task, if any.
    private var active: (any Database)? {
        guard let active = Self.activeTransaction, active.owner == ObjectIdentifier(self) else { return nil }
        return active.connection
    }

    /// A database handle for one unit of work: the current transaction's connection when there is one, otherwise a
    /// reader pool's (SQLite: never the writer's, so it does not wait behind a write transaction).
    public var db: any Database {
        active ?? databases.database(readerIDs.randomElement()!, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// A handle on reader connection `lane` (modulo `readerLanes`), for independent reads run side by side: each lane
    /// is a connection of its own, so reads given different lanes never queue behind each other.
    public func reader(lane: Int) -> any Database {
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        let lane = lane % readerLanes
        return databases.database(readerIDs[lane / loops.count], logger: logger, on: loops[lane % loops.count])!
    }

    /// How many lanes `reader(lane:)` has: one per reader connection (SQLite) or event loop (PostgreSQL).
    public var readerLanes: Int { readerIDs.count * max(Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count, 1) }

    /// Every pooled connection's handle: SQLite's per-connection settings are made on each (see `prepareConnections`).
    public func pooledConnections(logger: Logger? = nil) -> [any Database] {
        let ids = Array(Set([writerID] + readerIDs)).sorted { $0.string < $1.string }
        return ids.flatMap { id in
            MultiThreadedEventLoopGroup.singleton.makeIterator().map { databases.database(id, logger: logger ?? self.logger, on: $0)! }
        }
    }

    /// Whether the calling task is inside `transaction(key:_:)` or `criticalSection(key:_:)` on this database.
    public var inTransaction: Bool { active != nil }

    public var isSQLite: Bool {
        if case .sqlite = location { return true }
        return false
    }

    /// Checks the database answers and, for SQLite, sets the per-connection pragmas on every pooled connection.
    /// fluent-sqlite-driver keeps one connection per event loop and offers no connection hook, so we visit each
    /// loop's connection of every pool once at start-up (WAL itself is persistent in the file).
    public func prepareConnections() async throws {
        // The pool would log each failed connection attempt; the caller reports a failure once, in one line.
        var quiet = logger
        quiet.logLevel = .critical
        if isSQLite {
            for database in pooledConnections(logger: quiet) {
                let sql = database.sql
                try await sql.raw("PRAGMA journal_mode=WAL").run()
                try await sql.raw("PRAGMA synchronous=NORMAL").run()
                try await sql.raw("PRAGMA foreign_keys=ON").run()
                try await sql.raw("PRAGMA busy_timeout=5000").run()
                // 32 MiB of page cache per connection instead of 2 MiB: bulk imports touch random pages of the
                // uuid-keyed tables and their indexes, and re-read them from the file when the cache is small.
                try await sql.raw("PRAGMA cache_size=-32768").run()
                // Statement journals (a multi-row INSERT keeps one, to undo just that statement) and sorts stay in
                // memory instead of spilling to temporary files past 64 KiB: an import's 500-row inserts spilled.
                try await sql.raw("PRAGMA temp_store=MEMORY").run()
                // Deleted rows are overwritten, not left in free pages: an erased account's words must leave the file.
                try await sql.raw("PRAGMA secure_delete=ON").run()
            }
        } else {
            try await databases.database(logger: quiet, on: MultiThreadedEventLoopGroup.singleton.any())!.sql.raw("SELECT 1").run()
        }
    }

    /// SQLite: copies the write-ahead log into the database file and empties it, so overwritten pages are gone from
    /// both (after an account is erased). PostgreSQL: nothing to do here (its own vacuum reclaims dead rows).
    public func checkpoint() async throws {
        guard isSQLite else { return }
        try await db.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    }

    /// Whether `error` says the database is busy rather than wrong: no connection or turn to write free in time,
    /// SQLite's write lock held past the busy timeout. Such a request may succeed if tried again in a moment.
    public static func isOverloaded(_ error: any Error) -> Bool {
        if error is ConnectionPoolTimeoutError || error is WriterGateTimeout { return true }
        if let sqlite = error as? SQLiteError { return [.busy, .locked].contains(sqlite.reason) }
        return false
    }

    /// Answers when the database does; used by /healthz.
    public func ping() async throws {
        try await db.sql.raw("SELECT 1").run()
    }

    /// Answers when the database answered within `maxAge`, asking it again otherwise. A load balancer (or a load test)
    /// may ask for /healthz thousands of times a second; the database need not answer each time.
    public func recentPing(maxAge: Duration = .seconds(1)) async throws {
        let now = ContinuousClock.now
        if let last = lastPing.withLock({ $0 }), last.duration(to: now) < maxAge { return }
        try await ping()
        lastPing.withLock { $0 = now }
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        if ownsThreadPool { try? await threadPool.shutdownGracefully() }
    }

    /// Runs a read-then-write critical section so concurrent writers serialise instead of racing.
    /// SQLite: `BEGIN IMMEDIATE` takes the write lock up front (Fluent's deferred BEGIN would fail with
    /// SQLITE_BUSY on upgrade). PostgreSQL: a transaction holding a transaction-scoped advisory lock on `key`.
    /// Inside a transaction already, the body joins it (and, on PostgreSQL, takes `key` too).
    public func criticalSection<T: Sendable>(
        key: Int64, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await transaction(key: key, body)
    }

    /// A critical section holding several keys (on PostgreSQL, each an advisory lock, taken in one order so two
    /// sections sharing keys cannot deadlock; on SQLite the write lock covers them all).
    public func criticalSection<T: Sendable>(
        keys: [Int64], _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let ordered = Array(Set(keys)).sorted()
        return try await transaction(key: ordered.first) { db in
            if !self.isSQLite {
                for key in ordered.dropFirst() { try await db.sql.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run() }
            }
            return try await body(db)
        }
    }

    /// Runs `body` as one transaction: every store it calls (through `db`) uses the same connection, so a change and
    /// what it causes (inbox entries, outgoing email) commit together or not at all. SQLite takes the write lock up
    /// front (`BEGIN IMMEDIATE`), after the database's writer gate; PostgreSQL takes the advisory lock `key` when
    /// given. Nested calls join the outer one.
    public func transaction<T: Sendable>(key: Int64? = nil, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let active {
            if let key, !isSQLite { try await active.sql.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run() }
            return try await body(active)
        }
        // SQLite: wait for the writer gate before taking a connection, so no connection waits inside SQLite.
        guard isSQLite else { return try await run(key: key, body) }
        try await writerGate.acquire(within: waitLimit)
        return try await releasingTheWriterGate { try await self.run(key: key, body) }
    }

    /// Runs `body` as a transaction now if no other write is running or queued (SQLite's writer gate is free), and
    /// skips it otherwise; whether it ran. For bookkeeping a later request can write as well ("last used"), so a read
    /// never waits behind a write storm for it. PostgreSQL (row locks, no single writer) and an open transaction: runs.
    public func writeIfIdle(_ body: @escaping @Sendable (any Database) async throws -> Void) async throws -> Bool {
        guard isSQLite, active == nil else {
            try await transaction(body)
            return true
        }
        guard await writerGate.tryAcquire() else { return false }
        try await releasingTheWriterGate { try await self.run(key: nil, body) }
        return true
    }

    /// Runs `work` with the writer gate held (acquired by the caller) and releases it however `work` ends.
    private func releasingTheWriterGate<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        do {
            let result = try await work()
            await writerGate.release()
            return result
        } catch {
            await writerGate.release()
            throw error
        }
    }

    /// A new top-level transaction on a pooled connection (see `transaction(key:_:)`).
    private func run<T: Sendable>(key: Int64?, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let database = databases.database(writerID, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
        return try await database.withConnection { connection in
            let sql = connection.sql
            if self.isSQLite {
                try await sql.raw("BEGIN IMMEDIATE").run()
            } else {
                try await sql.raw("BEGIN").run()
                if let key { try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run() }
            }
            do {
                let result = try await Self.$activeTransaction.withValue((ObjectIdentifier(self), connection)) { try await body(connection) }
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Synchronization

/// Rows or keys per statement: large enough that statements are few, small enough for both databases' parameter
/// limits (29 columns × 500 rows).
let bulkBatch = 500

extension Array {
    /// The elements in consecutive slices of at most `size` (a statement's worth of rows or keys).
    func batches(of size: Int = bulkBatch) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// `INSERT … VALUES (…), (…) [ON CONFLICT (…) DO UPDATE SET …]`, a few hundred rows per statement: statement text and
/// values straight to SQLiteNIO or PostgresNIO (building the same statement through SQLKit's expressions and
/// encoders took longer than SQLite took to run it).
struct BulkInsert: Sendable {
    let table: String
    let columns: [String]
    /// The unique key that makes a row an update instead (empty: always insert).
    var conflictKey: [String] = []
    /// The columns an update overwrites.
    var updating: [String] = []

    func run(_ rows: [[BulkValue]], on db: any Database) async throws {
        for batch in rows.batches() {
            if let sqlite = db as? any SQLiteDatabase {
                _ = try await sqlite.rows(statementText(rows: batch.count) { _ in "?" }, batch.flatMap { $0.map(\.sqlite) })
            } else if let postgres = db as? any PostgresDatabase {
                var bindings = PostgresBindings(capacity: batch.count * columns.count)
                for row in batch { for value in row { value.append(to: &bindings) } }
                _ = try await postgres.rows(PostgresQuery(unsafeSQL: statementText(rows: batch.count) { "$\($0)" }, binds: bindings))
            } else {
                throw BulkUnsupported()
            }
        }
    }

    /// The statement for `rows` rows; `placeholder` writes the n-th parameter (from 1).
    func statementText(rows: Int, placeholder: (Int) -> String) -> String {
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let tuples = (0..<rows).map { row in
            "(" + (1...columns.count).map { placeholder(row * columns.count + $0) }.joined(separator: ", ") + ")"
        }
        var text = "INSERT INTO \"\(table)\" (\(names)) VALUES " + tuples.joined(separator: ", ")
        if !conflictKey.isEmpty {
            text += " ON CONFLICT (" + conflictKey.map { "\"\($0)\"" }.joined(separator: ", ") + ") DO UPDATE SET "
                + updating.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        }
        return text
    }
}

/// `SELECT columns FROM table WHERE key IN (keys) [AND column = value]`, a few hundred keys per statement, read by
/// column name straight from the driver's rows (SQLKit's decoder costs a dynamic cast per column and row).
struct BulkSelect: Sendable {
    let table: String
    let columns: [String]
    let key: String
    var filter: (column: String, value: BulkValue)?

    func rows(_ keys: [BulkValue], on db: any Database) async throws -> [BulkRow] {
        var rows: [BulkRow] = []
        for slice in keys.batches() {
            let batch = Array(slice) + (filter.map { [$0.value] } ?? [])
            rows += try await DirectRead(statementText(keys: batch.count) { "$\($0)" }).rows(batch, on: db)
        }
        return rows
    }

    /// The statement for `parameters` values (the keys, then the filter's value); `placeholder` writes the n-th (from 1).
    func statementText(keys parameters: Int, placeholder: (Int) -> String) -> String {
        let keys = parameters - (filter == nil ? 0 : 1)
        var text = "SELECT " + columns.map { "\"\($0)\"" }.joined(separator: ", ") + " FROM \"\(table)\" WHERE \"\(key)\" IN ("
            + (1...keys).map(placeholder).joined(separator: ", ") + ")"
        if let filter { text += " AND \"\(filter.column)\" = " + placeholder(parameters) }
        return text
    }

    /// A whole query without parameters, read the same way.
    static func rows(_ query: String, on db: any Database) async throws -> [BulkRow] {
        try await DirectRead(query).rows(on: db)
    }
}

/// Ithaca runs on SQLite and PostgreSQL; bulk statements speak to their drivers directly.
struct BulkUnsupported: Error, CustomStringConvertible {
    var description: String { "Bulk statements need SQLite or PostgreSQL." }
}

extension SQLiteDatabase {
    /// The statement's rows, collected on SQLite's thread. (`query(_:_:)` hands each row to the event loop as a
    /// future of its own, which took longer than SQLite took to read it.)
    func rows(_ query: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        try await withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let rows = Mutex<[SQLiteRow]>([])
                try await connection.query(query, binds) { row in rows.withLock { $0.append(row) } }
                return rows.withLock { $0 }
            }
        }.get()
    }
}

extension PostgresDatabase {
    /// The query's rows, through PostgresNIO's own query API (SQLKit's rows look each column up by name and decode
    /// it through `Codable`).
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.query(query, logger: connection.logger) { rows.append(row) }
                return rows
            }
        }.get()
    }
}

/// A row of a bulk read; columns as Fluent stores them (on SQLite: UUIDs as text, lists as JSON text).
enum BulkRow {
    case sqlite(SQLiteRow)
    case postgres(PostgresRandomAccessRow)

    /// A PostgreSQL cell decoded as what its column holds.
    private static func cell<T: PostgresDecodable>(_ row: PostgresRandomAccessRow, _ column: String, as: T.Type) throws -> T {
        guard row.contains(column) else { throw missing(column) }
        return try row[column].decode(T.self)
    }

    /// A SQLite value read as `read` reads it; NULL or the wrong type is an error.
    private static func required<T>(_ row: SQLiteRow, _ column: String, _ read: (SQLiteData) -> T?) throws -> T {
        guard let data = row.column(column), let value = read(data) else { throw missing(column) }
        return value
    }

    private static func missing(_ column: String) -> DecodingError {
        .valueNotFound(Any.self, .init(codingPath: [], debugDescription: "No value in column \(column)"))
    }

    func text(_ column: String) throws -> String {
        switch self {
        case .postgres(let row): try Self.cell(row, column, as: String.self)
        case .sqlite(let row): try Self.required(row, column, \.string)
        }
    }

    func optionalText(_ column: String) throws -> String? {
        switch self {
        case .postgres(let row): return try Self.cell(row, column, as: String?.self)
        case .sqlite(let row):
            guard let data = row.column(column) else { throw Self.missing(column) }
            return data == .null ? nil : data.string
        }
    }

    func integer(_ column: String) throws -> Int {
        switch self {
        case .postgres(let row): try Self.cell(row, column, as: Int.self)
        case .sqlite(let row): Int(try Self.required(row, column, \.integer))
        }
    }

    func bool(_ column: String) throws -> Bool {
        switch self {
        case .postgres(let row): try Self.cell(row, column, as: Bool.self)
        case .sqlite(let row): try Self.required(row, column, \.bool)
        }
    }

    func uuid(_ column: String) throws -> UUID? {
        if case .postgres(let row) = self { return try Self.cell(row, column, as: UUID?.self) }
        guard let text = try optionalText(column) else { return nil }
        guard let id = UUIDText.parse(text) ?? UUID(uuidString: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) is not a UUID: \(text)"))
        }
        return id
    }

    func id(_ column: String) throws -> UUID {
        guard let id = try uuid(column) else { throw Self.missing(column) }
        return id
    }

    func optionalDate(_ column: String) throws -> Date? {
        switch self {
        case .postgres(let row): return try Self.cell(row, column, as: Date?.self)
        case .sqlite(let row):
            guard let data = row.column(column) else { throw Self.missing(column) }
            return data == .null ? nil : try Self.required(row, column) { Date(sqliteData: $0) }
        }
    }

    func date(_ column: String) throws -> Date {
        guard let date = try optionalDate(column) else { throw Self.missing(column) }
        return date
    }

    func strings(_ column: String) throws -> [String] {
        if case .postgres(let row) = self { return try Self.cell(row, column, as: [String].self) }
        let text = try text(column)
        if let list = JSONText.plainArray(text) { return list }
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}

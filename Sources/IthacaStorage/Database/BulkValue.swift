import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit
import Synchronization

/// One cell of a bulk write (imports). Stored exactly as Fluent stores the same Swift value, so models read these
/// rows as usual; written without `Codable`, which on SQLite costs more per row than SQLite's own work (a UUID or a
/// list goes through a generic encoder, a list even through a thrown error and a `JSONEncoder`).
enum BulkValue: Sendable {
    case text(String)
    case integer(Int)
    case bool(Bool)
    case date(Date)
    case uuid(UUID)
    case strings([String])
    case null

    static func text(_ value: String?) -> BulkValue { value.map(BulkValue.text) ?? .null }
    static func uuid(_ value: UUID?) -> BulkValue { value.map(BulkValue.uuid) ?? .null }

    /// As SQLiteNIO stores it: UUIDs as upper-case text, lists as JSON text, dates as seconds since 1970.
    var sqlite: SQLiteData {
        switch self {
        case .text(let text): .text(text)
        case .integer(let number): .integer(number)
        case .bool(let flag): .integer(flag ? 1 : 0)
        case .date(let date): .float(date.timeIntervalSince1970)
        case .uuid(let id): .text(UUIDText.string(id))
        case .strings(let list): .text(JSONText.array(list))
        case .null: .null
        }
    }

    /// As a bind for other databases (PostgreSQL binds these types natively).
    var expression: any SQLExpression {
        switch self {
        case .text(let text): SQLBind(text)
        case .integer(let number): SQLBind(number)
        case .bool(let flag): SQLBind(flag)
        case .date(let date): SQLBind(date)
        case .uuid(let id): SQLBind(id)
        case .strings(let list): SQLBind(list)
        case .null: SQLLiteral.null
        }
    }
}

/// `INSERT … VALUES (…), (…) [ON CONFLICT (…) DO UPDATE SET …]` for a few hundred rows at once. On SQLite the
/// statement text and its values go straight to SQLiteNIO (building the same statement through SQLKit's
/// expressions and encoders took longer than SQLite took to run it); elsewhere through SQLKit.
struct BulkInsert: Sendable {
    let table: String
    let columns: [String]
    /// The unique key that makes a row an update instead (empty: always insert).
    var conflictKey: [String] = []
    /// The columns an update overwrites.
    var updating: [String] = []

    func run(_ rows: [[BulkValue]], on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        if let sqlite = db as? any SQLiteDatabase {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(rows.count * columns.count)
            for row in rows { for value in row { binds.append(value.sqlite) } }
            _ = try await sqlite.rows(sqliteText(rows: rows.count), binds)
            return
        }
        let insert = db.sql.insert(into: table).columns(columns).rows(rows.map { $0.map(\.expression) })
        if !conflictKey.isEmpty {
            insert.onConflict(with: conflictKey) { updating.reduce($0) { $0.set(excludedValueOf: $1) } }
        }
        try await insert.run()
    }

    func sqliteText(rows: Int) -> String {
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var text = "INSERT INTO \"\(table)\" (\(names)) VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", ")
        if !conflictKey.isEmpty {
            text += " ON CONFLICT (" + conflictKey.map { "\"\($0)\"" }.joined(separator: ", ") + ") DO UPDATE SET "
                + updating.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        }
        return text
    }
}

/// `SELECT columns FROM table WHERE key IN (keys) [AND column = value]`, a few hundred keys at a time, read by column
/// name. On SQLite straight from SQLiteNIO's rows (SQLKit's decoder costs a dynamic cast per column and row).
struct BulkSelect: Sendable {
    let table: String
    let columns: [String]
    let key: String
    var filter: (column: String, value: BulkValue)?

    func rows(_ keys: [BulkValue], on db: any Database) async throws -> [BulkRow] {
        guard !keys.isEmpty else { return [] }
        if let sqlite = db as? any SQLiteDatabase {
            var text = "SELECT " + columns.map { "\"\($0)\"" }.joined(separator: ", ") + " FROM \"\(table)\" WHERE \"\(key)\" IN ("
                + Array(repeating: "?", count: keys.count).joined(separator: ", ") + ")"
            var binds = keys.map(\.sqlite)
            if let filter {
                text += " AND \"\(filter.column)\" = ?"
                binds.append(filter.value.sqlite)
            }
            return try await sqlite.rows(text, binds).map(BulkRow.sqlite)
        }
        var select = db.sql.select().columns(columns).from(table).where(SQLColumn(key), .in, SQLGroupExpression(keys.map(\.expression)))
        if let filter { select = select.where(SQLColumn(filter.column), .equal, filter.value.expression) }
        return try await select.all().map(BulkRow.other)
    }

    /// A whole query without parameters, read the same way.
    static func rows(_ query: String, on db: any Database) async throws -> [BulkRow] {
        if let sqlite = db as? any SQLiteDatabase { return try await sqlite.rows(query, []).map(BulkRow.sqlite) }
        return try await db.sql.raw(SQLQueryString(query)).all().map(BulkRow.other)
    }
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

/// A row of a bulk read; columns as Fluent stores them (on SQLite: UUIDs as text, lists as JSON text).
enum BulkRow {
    case sqlite(SQLiteRow)
    case other(any SQLRow)

    private func value(_ column: String, _ row: SQLiteRow) throws -> SQLiteData {
        guard let value = row.column(column) else { throw Self.missing(column) }
        return value
    }

    private static func missing(_ column: String) -> DecodingError {
        .valueNotFound(Any.self, .init(codingPath: [], debugDescription: "No value in column \(column)"))
    }

    func text(_ column: String) throws -> String {
        switch self {
        case .other(let row): return try row.decode(column: column, as: String.self)
        case .sqlite(let row):
            guard let text = try value(column, row).string else { throw Self.missing(column) }
            return text
        }
    }

    func optionalText(_ column: String) throws -> String? {
        switch self {
        case .other(let row): return try row.decode(column: column, as: String?.self)
        case .sqlite(let row):
            let data = try value(column, row)
            return data == .null ? nil : data.string
        }
    }

    func integer(_ column: String) throws -> Int {
        switch self {
        case .other(let row): return try row.decode(column: column, as: Int.self)
        case .sqlite(let row):
            guard let number = try value(column, row).integer else { throw Self.missing(column) }
            return Int(number)
        }
    }

    func bool(_ column: String) throws -> Bool {
        switch self {
        case .other(let row): return try row.decode(column: column, as: Bool.self)
        case .sqlite(let row):
            guard let flag = try value(column, row).bool else { throw Self.missing(column) }
            return flag
        }
    }

    func uuid(_ column: String) throws -> UUID? {
        if case .other(let row) = self { return try row.decode(column: column, as: UUID?.self) }
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

    func strings(_ column: String) throws -> [String] {
        if case .other(let row) = self { return try row.decode(column: column, as: [String].self) }
        let text = try text(column)
        if let list = JSONText.plainArray(text) { return list }
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}

/// UUIDs as the text SQLite stores, written and read without `sprintf`/`sscanf` (Foundation's way).
enum UUIDText {
    private static let digits = Array("0123456789ABCDEF".utf8)

    static func string(_ id: UUID) -> String {
        withUnsafeBytes(of: id.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { out[position] = UInt8(ascii: "-"); position += 1 }
                    out[position] = digits[Int(byte >> 4)]
                    out[position + 1] = digits[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }

    /// The UUID in canonical 36-character text (either case), or nil.
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &value) { out -> Bool in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        guard bytes[position] == UInt8(ascii: "-") else { return false }
                        position += 1
                    }
                    guard let high = nibble(bytes[position]), let low = nibble(bytes[position + 1]) else { return false }
                    out[index] = high << 4 | low
                    position += 2
                }
                return true
            }
            return ok ? UUID(uuid: value) : nil
        }
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// The JSON text `JSONEncoder` writes for a list of strings, written and read directly.
enum JSONText {
    /// `["a","b"]`, escaped as `JSONEncoder` escapes (quotes, backslashes, slashes, control characters).
    static func array(_ items: [String]) -> String {
        var out = "["
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            if item.utf8.allSatisfy(isPlain) { out += item } else { escape(item, into: &out) }
            out += "\""
        }
        return out + "]"
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "/")
    }

    private static func escape(_ item: String, into out: inout String) {
        for scalar in item.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// The strings of a JSON list without escapes (`["a","b"]`), or nil when the text needs a real JSON parser.
    static func plainArray(_ text: String) -> [String]? {
        let bytes = text.utf8
        guard bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]"), !bytes.contains(UInt8(ascii: "\\")) else { return nil }
        // Without escapes no string holds a quote, so the strings are exactly the runs between quote pairs; what
        // lies between them must be only commas (and the brackets), or this is not a plain list of strings.
        var items: [String] = []
        var start: String.Index?
        var index = bytes.index(after: bytes.startIndex)
        let end = bytes.index(before: bytes.endIndex)
        var expectingItem = true
        while index < end {
            let byte = bytes[index]
            if let open = start {
                if byte == UInt8(ascii: "\"") {
                    items.append(String(text[bytes.index(after: open)..<index]))
                    start = nil
                    expectingItem = false
                }
            } else if byte == UInt8(ascii: "\""), expectingItem {
                start = index
            } else if byte == UInt8(ascii: ","), !expectingItem {
                expectingItem = true
            } else {
                return nil
            }
            index = bytes.index(after: index)
        }
        guard start == nil, items.isEmpty || !expectingItem else { return nil }
        return items
    }
}

/// Random (version 4) UUIDs, many at once: `UUID()` asks the kernel for 16 bytes each time (4 µs apiece here, as
/// long as SQLite takes to insert the row). Handed out in ascending order, so a bulk insert appends to the id indexes
/// instead of touching a random page of each for every row (they are as random as before, just sorted).
enum RandomUUIDs {
    static func ascending(_ count: Int) -> [UUID] {
        var bytes = [UInt8](repeating: 0, count: count * 16)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let size = min(256, buffer.count - offset)  // getentropy's limit per call
                guard getentropy(buffer.baseAddress! + offset, size) == 0 else {
                    var generator = SystemRandomNumberGenerator()
                    for index in offset..<buffer.count { buffer[index] = generator.next() }
                    return
                }
                offset += size
            }
        }
        var ids = (0..<count).map { index in
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[index * 16..<index * 16 + 16]) }
            value.6 = value.6 & 0x0F | 0x40  // version 4
            value.8 = value.8 & 0x3F | 0x80  // RFC 4122 variant
            return UUID(uuid: value)
        }
        ids.sort(by: UUID.bytePrecedes)
        return ids
    }
}

extension UUID {
    /// Byte order, which is the order of the text SQLite stores and of PostgreSQL's uuid type.
    static func bytePrecedes(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { x in withUnsafeBytes(of: b.uuid) { y in x.lexicographicallyPrecedes(y) } }
    }
}

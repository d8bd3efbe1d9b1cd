import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

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

    /// A list column as stored (JSON text on SQLite, an array on PostgreSQL).
    static func strings(_ row: any SQLRow, _ column: String, sqlite: Bool) throws -> [String] {
        guard sqlite else { return try row.decode(column: column, as: [String].self) }
        let text = try row.decode(column: column, as: String.self)
        if let list = JSONText.plainArray(text) { return list }
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// A UUID column that is never NULL.
    static func id(_ row: any SQLRow, _ column: String, sqlite: Bool) throws -> UUID {
        guard let id = try uuid(row, column, sqlite: sqlite) else {
            throw DecodingError.valueNotFound(UUID.self, .init(codingPath: [], debugDescription: "\(column) is NULL"))
        }
        return id
    }

    /// A UUID column (text on SQLite, `uuid` on PostgreSQL).
    static func uuid(_ row: any SQLRow, _ column: String, sqlite: Bool) throws -> UUID? {
        guard sqlite else { return try row.decode(column: column, as: UUID?.self) }
        guard let text = try row.decode(column: column, as: String?.self) else { return nil }
        guard let id = UUIDText.parse(text) ?? UUID(uuidString: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) is not a UUID: \(text)"))
        }
        return id
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
            _ = try await sqlite.query(sqliteText(rows: rows.count), binds)
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

/// `(?, ?, …)` of ids, for `IN`.
func bulkIds(_ ids: [UUID]) -> SQLGroupExpression { SQLGroupExpression(ids.map { BulkIdBind(id: $0) }) }

/// An id bound as its database stores it (text on SQLite), without the generic encoder.
struct BulkIdBind: SQLExpression {
    let id: UUID
    func serialize(to serializer: inout SQLSerializer) {
        if serializer.dialect.name == "sqlite" { serializer.write(bind: UUIDText.string(id)) } else { serializer.write(bind: id) }
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
/// long as SQLite takes to insert the row).
enum RandomUUIDs {
    static func make(_ count: Int) -> [UUID] {
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
        return (0..<count).map { index in
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[index * 16..<index * 16 + 16]) }
            value.6 = value.6 & 0x0F | 0x40  // version 4
            value.8 = value.8 & 0x3F | 0x80  // RFC 4122 variant
            return UUID(uuid: value)
        }
    }
}

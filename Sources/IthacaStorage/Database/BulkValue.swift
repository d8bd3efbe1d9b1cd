import Foundation
import SQLKit

/// A value in a bulk statement (imports), bound the way the driver would store it but without going through
/// `Codable`: SQLite's encoder turns a UUID or a list into text by encoding it generically (a list even through a
/// thrown error and a `JSONEncoder`), which costs more per row than SQLite's own work. Stored bytes are unchanged:
/// what Fluent writes for the same values, so models read these rows as before.
enum BulkValue: SQLExpression {
    case uuid(UUID?)
    case strings([String])

    func serialize(to serializer: inout SQLSerializer) {
        let sqlite = serializer.dialect.name == "sqlite"
        switch self {
        case .uuid(nil): serializer.write("NULL")
        case .uuid(let id?): if sqlite { serializer.write(bind: id.uuidString) } else { serializer.write(bind: id) }
        case .strings(let list): if sqlite { serializer.write(bind: JSONText.array(list)) } else { serializer.write(bind: list) }
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

    /// `(?, ?, …)` of ids, for `IN`.
    static func ids(_ ids: [UUID]) -> SQLGroupExpression { SQLGroupExpression(ids.map { BulkValue.uuid($0) }) }

    /// A UUID column (text on SQLite, `uuid` on PostgreSQL).
    static func uuid(_ row: any SQLRow, _ column: String, sqlite: Bool) throws -> UUID? {
        guard sqlite else { return try row.decode(column: column, as: UUID?.self) }
        guard let text = try row.decode(column: column, as: String?.self) else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) is not a UUID: \(text)"))
        }
        return id
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
        var index = text.utf8.index(after: text.utf8.startIndex)
        let end = text.utf8.index(before: text.utf8.endIndex)
        var expectingItem = true
        while index < end {
            let byte = text.utf8[index]
            if let open = start {
                if byte == UInt8(ascii: "\"") {
                    items.append(String(text[text.utf8.index(after: open)..<index]))
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
            index = text.utf8.index(after: index)
        }
        guard start == nil, items.isEmpty || !expectingItem else { return nil }
        return items
    }
}

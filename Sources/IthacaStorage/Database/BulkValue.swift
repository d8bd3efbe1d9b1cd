import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

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

    /// Appended as PostgresNIO binds these types natively (uuid, text[], timestamptz…).
    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .text(let text): bindings.append(text)
        case .integer(let number): bindings.append(number)
        case .bool(let flag): bindings.append(flag)
        case .date(let date): bindings.append(date)
        case .uuid(let id): bindings.append(id)
        case .strings(let list): bindings.append(list)
        case .null: bindings.appendNull()
        }
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

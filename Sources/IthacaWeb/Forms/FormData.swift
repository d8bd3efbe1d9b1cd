import Foundation

/// A parsed `application/x-www-form-urlencoded` body. Repeated keys keep the last value.
struct FormData: Sendable {
    /// Forms here are small; a larger body is refused before parsing.
    static let maximumSize = 64 * 1024
    private var fields: [String: String] = [:]

    init(body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawKey = parts.first, let key = Self.decode(rawKey) else { continue }
            fields[key] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
    }

    subscript(_ key: String) -> String? { fields[key] }

    /// Text typed into a field ("" when absent).
    func text(_ key: String) -> String { fields[key] ?? "" }

    /// Every field name sent (e.g. one checkbox per person, named after them).
    var names: [String] { Array(fields.keys) }

    /// A checkbox is sent only when ticked.
    func isChecked(_ key: String) -> Bool { fields[key] != nil }

    private static func decode(_ raw: Substring) -> String? {
        raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

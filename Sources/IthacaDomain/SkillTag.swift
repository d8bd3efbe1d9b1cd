import Foundation

/// Skills as people type them: "Swift, public speaking" and "  swift " are the same tag.
public enum SkillTag {
    /// The comparison key: trimmed, inner whitespace collapsed to one space, lowercased.
    public static func normalize(_ raw: String) -> String {
        tidy(raw).lowercased()
    }

    /// Splits text on commas and newlines into distinct skills, first spelling wins, in the order typed.
    public static func parseList(_ raw: String) -> [String] {
        cleanList(raw.split(whereSeparator: { $0 == "," || $0.isNewline }).map(String.init))
    }

    /// Tidies each item, drops empty ones and repeats (ignoring case), keeping the first spelling and order.
    public static func cleanList(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for item in items {
            let display = tidy(item)
            guard !display.isEmpty, seen.insert(display.lowercased()).inserted else { continue }
            result.append(display)
        }
        return result
    }

    // Keeps the person's capitalisation ("SwiftUI", "iOS") for display; only spacing is tidied.
    static func tidy(_ raw: String) -> String {
        raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

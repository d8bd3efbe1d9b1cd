import Foundation

/// Search excerpts as HTML: every piece escaped, matching words wrapped in <mark>.
enum Highlight {
    static func html(_ pieces: [(text: String, match: Bool)]) -> String {
        pieces.map { $0.match ? "<mark>\(escape($0.text))</mark>" : escape($0.text) }.joined()
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

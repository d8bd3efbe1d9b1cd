import Foundation
import IthacaMarkdown

/// Search excerpts as HTML: every piece escaped, matching words wrapped in <mark>.
enum Highlight {
    static func html(_ pieces: [(text: String, match: Bool)]) -> String {
        pieces.map { $0.match ? "<mark>\(Markdown.escapeHTML($0.text))</mark>" : Markdown.escapeHTML($0.text) }.joined()
    }
}

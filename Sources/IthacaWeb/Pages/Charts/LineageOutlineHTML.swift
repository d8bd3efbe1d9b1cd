import Foundation
import IthacaMarkdown
import IthacaDomain

/// Renders a lineage outline as nested HTML lists of linked names.
enum LineageOutlineHTML {
    /// Nested `<ul>`/`<li><a>`; a repeated person renders as "Name (see above)" without children.
    static func render(_ items: [LineageOutlineItem], personURL: (UUID) -> String) -> String {
        guard !items.isEmpty else { return "" }
        var html = ""
        append(items, to: &html, personURL: personURL, outer: true)
        return html
    }

    private static func append(_ items: [LineageOutlineItem], to html: inout String, personURL: (UUID) -> String, outer: Bool) {
        html += outer ? "<ul class=\"lineage-outline\">" : "<ul>"
        for item in items {
            let name = Markdown.escapeHTML(item.name) + (item.seeAbove ? " (see above)" : "")
            html += "<li><a href=\"\(Markdown.escapeHTML(personURL(item.id)))\">\(name)</a>"
            if !item.seeAbove, !item.children.isEmpty {
                append(item.children, to: &html, personURL: personURL, outer: false)
            }
            html += "</li>"
        }
        html += "</ul>"
    }
}

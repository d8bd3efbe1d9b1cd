import Foundation
import IthacaMarkdown
import IthacaDomain

/// Renders a lineage drawing as an accessible SVG of linked people, styled only through classes.
enum LineageSVG {
    private static let radius = 14.0
    private static let nameLimit = 18
    /// Baseline of a name below its circle's edge.
    private static let nameDrop = 14.0

    /// SVG with mentors above mentees, curved arrowed edges and each person linked to `personURL`.
    static func render(
        _ drawing: LineageDrawing,
        personURL: (UUID) -> String,
        highlight: UUID?,
        title: String = "Mentoring lineage",
        idPrefix: String = "lineage"
    ) -> String {
        let f: (Double) -> String = ChartNumber.format
        let prefix = Markdown.escapeHTML(idPrefix)
        let width = f(max(drawing.width, 1))
        let height = f(max(drawing.height, 1))

        var svg = ""
        svg.reserveCapacity(300 * drawing.nodes.count + 140 * drawing.edges.count + 1_000)
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"\(prefix)-title \(prefix)-desc\""
        svg += " viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" class=\"lineage\">"
        svg += "<title id=\"\(prefix)-title\">\(Markdown.escapeHTML(title))</title>"
        svg += "<desc id=\"\(prefix)-desc\">\(Markdown.escapeHTML(description(drawing)))</desc>"
        svg += "<defs><marker id=\"\(prefix)-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
        svg += "<path class=\"lineage-arrow\" d=\"M0 0L10 5L0 10z\"/></marker></defs>"

        svg += "<g aria-hidden=\"true\">"
        for link in drawing.edges {
            // Edges leave below the mentor's name and stop above the mentee's circle (arrow room);
            // cycle-closing edges run upwards, so the two ends swap sides.
            let downward = link.toY >= link.fromY
            let startY = downward ? link.fromY + radius + nameDrop + 4 : link.fromY - radius
            let endY = downward ? link.toY - radius - 2 : link.toY + radius + nameDrop + 6
            let middleY = (startY + endY) / 2
            let path = "M\(f(link.fromX)) \(f(startY))C\(f(link.fromX)) \(f(middleY)) \(f(link.toX)) \(f(middleY)) \(f(link.toX)) \(f(endY))"
            let classes = link.closesCycle ? "lineage-edge lineage-edge-cycle" : "lineage-edge"
            svg += "<path class=\"\(classes)\" d=\"\(path)\" marker-end=\"url(#\(prefix)-arrow)\"/>"
        }
        svg += "</g>"

        for node in drawing.nodes {
            let classes = node.id == highlight ? "lineage-node lineage-highlight" : "lineage-node"
            svg += "<a href=\"\(Markdown.escapeHTML(personURL(node.id)))\"><g class=\"\(classes)\">"
            svg += "<title>\(Markdown.escapeHTML(node.name))</title>"
            svg += "<circle cx=\"\(f(node.x))\" cy=\"\(f(node.y))\" r=\"\(f(radius))\"/>"
            svg += "<text class=\"lineage-name\" x=\"\(f(node.x))\" y=\"\(f(node.y + radius + nameDrop))\" text-anchor=\"middle\">"
            svg += "\(Markdown.escapeHTML(shortName(node.name)))</text></g></a>"
        }
        return svg + "</svg>"
    }

    /// "N people over G generations; the longest chain is K people." plus any omitted count.
    static func description(_ drawing: LineageDrawing) -> String {
        let people = drawing.nodes.count
        var text = "\(counted(people, "person", "people")) over \(counted(drawing.generationCount, "generation", "generations"));"
        text += " the longest chain is \(counted(drawing.longestChain, "person", "people"))."
        if drawing.omittedPeople > 0 {
            text += " \(counted(drawing.omittedPeople, "more person is", "more people are")) not shown."
        }
        return text
    }

    /// The name cut to about 18 characters with an ellipsis; the full name stays in the node's title.
    static func shortName(_ name: String) -> String {
        guard name.count > nameLimit else { return name }
        let cut = name.prefix(nameLimit - 1)
        let trimmed = cut.last?.isWhitespace == true ? String(cut).trimmingCharacters(in: .whitespaces) : String(cut)
        return trimmed + "…"
    }

    private static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }
}

import Foundation
import IthacaMarkdown

/// An accessible SVG bar chart of monthly values, styled only through classes (see charts.css).
struct MonthlyChart: Sendable, Equatable {
    var title: String
    /// Plain-text description; a generated summary of the values is appended to it.
    var description: String
    /// Unit label, e.g. "sessions" or "%".
    var unit: String
    var points: [MonthlyChartPoint]

    /// Creates a chart from labelled values; a `nil` value means suppressed (fewer than 5 people).
    init(title: String, description: String, unit: String, points: [(label: String, value: Double?)]) {
        self.title = title
        self.description = description
        self.unit = unit
        self.points = points.map { MonthlyChartPoint(label: $0.label, value: $0.value) }
    }

    private static let width = 640.0
    private static let height = 240.0
    private static let left = 52.0
    private static let right = 628.0
    private static let top = 24.0
    private static let baseline = 208.0
    private static let suppressedHeight = 14.0
    private static let maxLabels = 12

    /// Renders the chart; `idPrefix` must be unique on the page and contain no spaces.
    func svg(idPrefix: String) -> String {
        let prefix = Markdown.escapeHTML(idPrefix)
        let scale = ChartScale(covering: points.compactMap(\.value).filter(\.isFinite).max() ?? 0)
        let summary = MonthlyChartSummary.sentence(points: points, unit: unit)
        let fullDescription = description.isEmpty ? summary : description + " " + summary
        let plotHeight = Self.baseline - Self.top
        func yFor(_ value: Double) -> Double {
            Self.baseline - max(0, min(value, scale.maximum)) / scale.maximum * plotHeight
        }
        let f: (Double) -> String = ChartNumber.format

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"\(prefix)-title \(prefix)-desc\""
        svg += " viewBox=\"0 0 \(f(Self.width)) \(f(Self.height))\" width=\"100%\" class=\"chart\">"
        svg += "<title id=\"\(prefix)-title\">\(Markdown.escapeHTML(title))</title>"
        svg += "<desc id=\"\(prefix)-desc\">\(Markdown.escapeHTML(fullDescription))</desc>"

        svg += "<g aria-hidden=\"true\">"
        if !unit.isEmpty {
            svg += "<text class=\"chart-label\" x=\"\(f(Self.left))\" y=\"14\">\(Markdown.escapeHTML(unit))</text>"
        }
        for tick in scale.ticks {
            let y = f(yFor(tick))
            svg += "<line class=\"chart-grid\" x1=\"\(f(Self.left))\" y1=\"\(y)\" x2=\"\(f(Self.right))\" y2=\"\(y)\"/>"
            svg += "<text class=\"chart-label\" x=\"\(f(Self.left - 6))\" y=\"\(f(yFor(tick) + 4))\" text-anchor=\"end\">\(f(tick))</text>"
        }
        svg += "<line class=\"chart-axis\" x1=\"\(f(Self.left))\" y1=\"\(f(Self.top))\" x2=\"\(f(Self.left))\" y2=\"\(f(Self.baseline))\"/>"
        svg += "<line class=\"chart-axis\" x1=\"\(f(Self.left))\" y1=\"\(f(Self.baseline))\" x2=\"\(f(Self.right))\" y2=\"\(f(Self.baseline))\"/>"
        svg += "</g>"

        let slot = (Self.right - Self.left) / Double(max(points.count, 1))
        let barWidth = min(slot * 0.7, 56)
        let labelEvery = (points.count + Self.maxLabels - 1) / Self.maxLabels
        let showValues = points.count <= Self.maxLabels
        for (index, point) in points.enumerated() {
            let centre = Self.left + slot * (Double(index) + 0.5)
            let x = f(centre - barWidth / 2)
            let label = Markdown.escapeHTML(point.label)
            if let value = point.value, value.isFinite {
                let y = yFor(value)
                let text = Markdown.escapeHTML(ChartNumber.format(value, unit: unit))
                svg += "<rect class=\"chart-bar\" x=\"\(x)\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(Self.baseline - y))\">"
                svg += "<title>\(label): \(text)</title></rect>"
                if showValues {
                    svg += "<text class=\"chart-value\" x=\"\(f(centre))\" y=\"\(f(y - 4))\" text-anchor=\"middle\">\(f(value))</text>"
                }
            } else {
                let y = Self.baseline - Self.suppressedHeight
                svg += "<rect class=\"chart-suppressed\" x=\"\(x)\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(Self.suppressedHeight))\""
                svg += " aria-label=\"\(label): fewer than 5\"><title>\(label): fewer than 5</title></rect>"
                if showValues {
                    svg += "<text class=\"chart-value\" x=\"\(f(centre))\" y=\"\(f(y - 4))\" text-anchor=\"middle\" aria-hidden=\"true\">&lt;5</text>"
                }
            }
            if index % max(labelEvery, 1) == 0 {
                svg += "<text class=\"chart-label\" x=\"\(f(centre))\" y=\"\(f(Self.baseline + 18))\" text-anchor=\"middle\">\(label)</text>"
            }
        }
        return svg + "</svg>"
    }
}

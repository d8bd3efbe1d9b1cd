/// The plain-language sentence that describes a monthly series for screen readers.
enum MonthlyChartSummary {
    /// E.g. "From Jan 2027 to Jun 2027: highest 42 in Mar 2027; lowest 3 in Jan 2027; 1 month shown as fewer than 5."
    static func sentence(points: [MonthlyChartPoint], unit: String) -> String {
        guard let first = points.first, let last = points.last else { return "No months to show." }
        let prefix = points.count == 1 ? "\(first.label): " : "From \(first.label) to \(last.label): "
        let shown = points.compactMap { point in point.value.map { (label: point.label, value: $0) } }
        let suppressed = points.count - shown.count
        var parts: [String] = []

        if let highest = shown.max(by: { $0.value < $1.value }),
           let lowest = shown.min(by: { $0.value < $1.value }) {
            if shown.count == 1 {
                parts.append("\(ChartNumber.format(highest.value, unit: unit)) in \(highest.label)")
            } else if ChartNumber.format(highest.value) == ChartNumber.format(lowest.value) {
                parts.append("\(ChartNumber.format(highest.value, unit: unit)) in every month shown")
            } else {
                parts.append("highest \(ChartNumber.format(highest.value, unit: unit)) in \(highest.label)")
                parts.append("lowest \(ChartNumber.format(lowest.value, unit: unit)) in \(lowest.label)")
            }
        }
        if suppressed > 0 {
            if shown.isEmpty {
                parts.append(points.count == 1 ? "shown as fewer than 5" : "every month shown as fewer than 5")
            } else {
                parts.append("\(suppressed) \(suppressed == 1 ? "month" : "months") shown as fewer than 5")
            }
        }
        return prefix + parts.joined(separator: "; ") + "."
    }
}

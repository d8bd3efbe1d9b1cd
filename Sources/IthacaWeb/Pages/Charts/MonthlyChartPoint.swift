/// One month in a chart; a `nil` value means suppressed because fewer than 5 people are behind it.
struct MonthlyChartPoint: Sendable, Equatable {
    /// Month label as shown, e.g. "2027-03" or "Mar 2027".
    var label: String
    var value: Double?

    /// Creates a point; pass `nil` for a suppressed month.
    init(label: String, value: Double?) {
        self.label = label
        self.value = value
    }
}

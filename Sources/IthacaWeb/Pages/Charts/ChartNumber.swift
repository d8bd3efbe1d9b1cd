/// Locale-independent number formatting for charts: at most one decimal, integers bare.
enum ChartNumber {
    /// Formats `value` rounded to one decimal ("3", "1.3", "-0.5"); non-finite values become "0".
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Clamp so the integer conversion below can never trap.
        let tenths = (min(max(value, -1e15), 1e15) * 10).rounded()
        let whole = Int64(tenths)
        let magnitude = whole.magnitude
        let sign = whole < 0 ? "-" : ""
        let fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(fraction)"
    }

    /// Formats a value with its unit: "42%" for a percent unit, otherwise "42 sessions".
    static func format(_ value: Double, unit: String) -> String {
        let number = format(value)
        if unit.isEmpty { return number }
        return unit == "%" ? number + unit : number + " " + unit
    }
}

import Foundation

/// The IANA time zones a profile may use.
public enum TimeZones {
    /// Every known IANA identifier plus "UTC", sorted.
    // Foundation's list lags the IANA database (no "Asia/Kolkata" on Linux): current names it still resolves join it.
    public static let all: [String] = Set(TimeZone.knownTimeZoneIdentifiers + ["UTC", "Asia/Kolkata", "Europe/Kyiv", "America/Nuuk"])
        .filter { TimeZone(identifier: $0) != nil }.sorted()

    private static let known: Set<String> = Set(all)

    /// Whether `identifier` is a known IANA time zone (exact spelling, e.g. "Europe/Lisbon").
    public static func isValid(_ identifier: String) -> Bool {
        known.contains(identifier)
            || (identifier.contains("/") && TimeZone(identifier: identifier)?.identifier == identifier)
    }

    /// The zone's offset from UTC at `date`, e.g. "UTC+5:30", "UTC−3" or "UTC"; unknown zones read as "UTC".
    public static func utcOffsetLabel(identifier: String, at date: Date) -> String {
        let seconds = TimeZone(identifier: identifier)?.secondsFromGMT(for: date) ?? 0
        return utcOffsetLabel(seconds: seconds)
    }

    static func utcOffsetLabel(seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        guard minutes > 0 else { return "UTC" }
        // U+2212 MINUS SIGN: a hyphen looks like a dash next to numbers.
        let sign = seconds < 0 ? "\u{2212}" : "+"
        let (hours, rest) = minutes.quotientAndRemainder(dividingBy: 60)
        let tail = rest == 0 ? "" : ":" + (rest < 10 ? "0\(rest)" : "\(rest)")
        return "UTC\(sign)\(hours)\(tail)"
    }
}

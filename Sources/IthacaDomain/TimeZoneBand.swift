import Foundation

/// A broad region of working hours, for finding people whose day overlaps yours.
public enum TimeZoneBand: String, CaseIterable, Sendable {
    case americas, europeAfrica, asiaPacific

    /// A label for filters, with the rough offsets it covers.
    public var label: String {
        switch self {
        case .americas: "Americas (UTC\u{2212}10 to \u{2212}3)"
        case .europeAfrica: "Europe & Africa (UTC\u{2212}2 to +3)"
        case .asiaPacific: "Asia & Pacific (UTC+4 to +14)"
        }
    }

    /// The band's name without offsets, for sentences.
    var shortLabel: String {
        switch self {
        case .americas: "Americas"
        case .europeAfrica: "Europe & Africa"
        case .asiaPacific: "Asia & Pacific"
        }
    }

    /// The band of `identifier` at `date`, by its UTC offset then (so daylight saving counts); nil for unknown zones.
    public static func of(identifier: String, at date: Date) -> TimeZoneBand? {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        return of(offsetSeconds: zone.secondsFromGMT(for: date))
    }

    /// The zone's offset from UTC at `date`, e.g. "UTC+5:30"; same as `TimeZones.utcOffsetLabel`.
    public static func utcOffsetLabel(identifier: String, at date: Date) -> String {
        TimeZones.utcOffsetLabel(identifier: identifier, at: date)
    }

    // UTC−2 and −1 (South Georgia, the Azores, Cape Verde) sit with Europe and Africa,
    // whose working day they share; Newfoundland's summer UTC−2:30 stays with the Americas.
    static func of(offsetSeconds: Int) -> TimeZoneBand {
        if offsetSeconds < -2 * 3600 { return .americas }
        if offsetSeconds < 4 * 3600 { return .europeAfrica }
        return .asiaPacific
    }
}

import Foundation

/// A day of the week, Monday first, spelled as in the API ("monday" … "sunday").
public enum Weekday: String, CaseIterable, Sendable, Codable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday from `Calendar`'s numbering (1 is Sunday … 7 is Saturday); nil outside 1–7.
    public init?(calendarWeekday: Int) {
        guard (1...7).contains(calendarWeekday) else { return nil }
        self = Self.allCases[(calendarWeekday + 5) % 7]
    }

    /// `Calendar`'s number for this day (1 is Sunday … 7 is Saturday).
    public var calendarWeekday: Int { ((Self.allCases.firstIndex(of: self) ?? 0) + 1) % 7 + 1 }

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

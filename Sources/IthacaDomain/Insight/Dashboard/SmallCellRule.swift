import Foundation

/// A figure as computed, before anyone sees it: its value and how many distinct people it was computed over.
public struct Measured: Sendable, Equatable {
    public var value: Double
    /// Distinct people behind the figure: a count's own people, a rate's or median's denominator.
    public var people: Int

    public init(_ value: Double, people: Int) {
        self.value = value
        self.people = people
    }

    /// A count of people is computed over exactly those people.
    public static func count(_ people: Int) -> Measured { Measured(Double(people), people: people) }
}

/// A figure as a dashboard may show it.
public enum Disclosed: Sendable, Equatable {
    case shown(Double)
    /// Computed over fewer than `SmallCellRule.minimumPeople` people, or able to reveal such a figure.
    case suppressed

    public var value: Double? {
        if case .shown(let value) = self { return value }
        return nil
    }
}

/// Small-cell suppression: what the program dashboards may show without pointing at anyone.
///
/// - A figure computed over 1–4 people is "fewer than 5" (a count of zero is shown: nobody is singled out by it).
/// - A rate is shown only when its denominator is 5 or more and both its numerator and the rest (denominator −
///   numerator) are zero or 5 or more: "96 % of 100" would say that 4 people were not.
/// - Parts of a total (people by role, months of a series whose total is shown) are protected together: when one part
///   is suppressed and the total shown, the next smallest part is suppressed too, so the total minus the visible parts
///   cannot give the hidden one back.
public enum SmallCellRule {
    public static let minimumPeople = 5

    static func isSmall(_ people: Int) -> Bool { people > 0 && people < minimumPeople }

    /// A count, average or median computed over `measured.people` people.
    public static func disclose(_ measured: Measured) -> Disclosed {
        isSmall(measured.people) ? .suppressed : .shown(measured.value)
    }

    /// An average or median: nothing to show over nobody either.
    public static func discloseStatistic(_ measured: Measured) -> Disclosed {
        measured.people < minimumPeople ? .suppressed : .shown(measured.value)
    }

    /// `part` out of `whole` people, as a fraction from 0 to 1.
    public static func rate(_ part: Int, of whole: Int) -> Disclosed {
        guard whole >= minimumPeople, !isSmall(part), !isSmall(whole - part) else { return .suppressed }
        return .shown(Double(part) / Double(whole))
    }

    /// A total and the parts that add up to it (each a count of people), protected together.
    public static func partition(total: Int, parts: [Int]) -> (total: Disclosed, parts: [Disclosed]) {
        if isSmall(total) { return (.suppressed, parts.map { _ in .suppressed }) }
        var shown = parts.map { !isSmall($0) }
        let hidden = shown.indices.filter { !shown[$0] }
        if hidden.count == 1 {
            // The smallest other part that is not zero (a zero is known anyway) goes with it; with none, the total does.
            if let partner = shown.indices.filter({ shown[$0] && parts[$0] > 0 }).min(by: { parts[$0] < parts[$1] }) {
                shown[partner] = false
            } else {
                return (.suppressed, parts.map { _ in .suppressed })
            }
        }
        return (.shown(Double(total)), parts.indices.map { shown[$0] ? .shown(Double(parts[$0])) : .suppressed })
    }
}

extension SmallCellRule {
    /// A series of counts (months of a trend), each over its own people. Cells over 1–4 people are suppressed, and
    /// when exactly one is, the smallest other non-zero cell goes with it: a total shown elsewhere must not give it back.
    public static func series(_ cells: [Measured]) -> [Disclosed] {
        var shown = cells.map { !isSmall($0.people) }
        if shown.filter({ !$0 }).count == 1,
            let partner = cells.indices.filter({ shown[$0] && cells[$0].value > 0 }).min(by: { cells[$0].value < cells[$1].value })
        {
            shown[partner] = false
        }
        return cells.indices.map { shown[$0] ? .shown(cells[$0].value) : .suppressed }
    }
}

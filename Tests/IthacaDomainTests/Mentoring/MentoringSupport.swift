import Foundation
import IthacaDomain
import Testing

/// The violation `body` threw, or nil if it succeeded; any other error is recorded as a test issue.
///
/// Untyped on purpose: `#expect` rewrites the closures it contains, which loses their typed-throws type.
func violation<T>(_ body: () throws -> T) -> MentoringRuleViolation? {
    do {
        _ = try body()
        return nil
    } catch let violation as MentoringRuleViolation {
        return violation
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// The fields named by `.invalidFields` thrown from `body`, in order; [] on success, ["<other: …>"] for other violations.
func invalidFieldNames<T>(_ body: () throws -> T) -> [String] {
    switch violation(body) {
    case nil: []
    case .invalidFields(let errors): errors.map(\.field)
    case let other?: ["<other: \(other)>"]
    }
}

/// A calendar in `zone` for building expected local times in tests.
func calendar(in zone: String) -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone)!
    return calendar
}

/// The wall-clock hour and minute of `date` in `zone`, as "HH:MM".
func wallClock(_ date: Date, in zone: String) -> String {
    let parts = calendar(in: zone).dateComponents([.hour, .minute], from: date)
    return LocalTime(hour: parts.hour!, minute: parts.minute!)!.description
}

/// Lengths of time, namespaced so they can't clash with other test files' constants.
enum Span {
    static let minute: TimeInterval = 60
    static let hour: TimeInterval = 60 * 60
    static let day: TimeInterval = 24 * 60 * 60
}

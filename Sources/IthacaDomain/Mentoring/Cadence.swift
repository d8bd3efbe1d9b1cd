import Foundation

/// How often a mentor and mentee meet, and for how long.
public struct Cadence: Equatable, Sendable, Codable {
    /// Weeks between meetings (1–12).
    public var everyWeeks: Int
    /// Length of a meeting in minutes (15–180).
    public var minutes: Int

    public init(everyWeeks: Int = 2, minutes: Int = 45) {
        self.everyWeeks = everyWeeks
        self.minutes = minutes
    }

    /// Every 2 weeks, 45 minutes.
    public static let standard = Cadence()

    /// Weeks between meetings that make sense: weekly up to once a quarter.
    public static let allowedWeeks = 1...12
    /// Meeting lengths that make sense: a quick check-in up to a long working session.
    public static let allowedMinutes = 15...180

    /// "Every 2 weeks, 45 minutes".
    public var label: String {
        (everyWeeks == 1 ? "Every week" : "Every \(everyWeeks) weeks") + ", \(minutes) minutes"
    }

    /// Records why the cadence can't be used (field "cadence"); used when agreement terms are checked.
    func check(into checker: inout FieldChecker) {
        if !Self.allowedWeeks.contains(everyWeeks) {
            checker.add("cadence", "Meet somewhere between every week and every 12 weeks.")
        }
        if !Self.allowedMinutes.contains(minutes) {
            checker.add("cadence", "Plan meetings of 15 to 180 minutes.")
        }
    }

    /// Throws `.invalidFields` when the cadence is out of range.
    public func validate() throws(MentoringRuleViolation) {
        var check = FieldChecker()
        self.check(into: &check)
        try check.throwIfInvalid()
    }
}

import Foundation

/// How quickly a mentor answers requests, and when they stop being offered new ones.
public enum AnswerTime {
    /// Requests the typical answer time looks back on.
    public static let window = 10
    /// Answers needed before a typical time is shown (fewer would say more about luck than about the mentor).
    public static let minimumAnswers = 3
    /// Requests in a row that expired unanswered before a mentor's new requests pause.
    public static let expiriesBeforePause = 3

    /// The median of the latest answer durations (newest first, at most `window` used); nil below `minimumAnswers`.
    public static func typical(_ durations: [TimeInterval]) -> TimeInterval? {
        let recent = durations.prefix(window).sorted()
        guard recent.count >= minimumAnswers else { return nil }
        let middle = recent.count / 2
        return recent.count % 2 == 1 ? recent[middle] : (recent[middle - 1] + recent[middle]) / 2
    }

    /// "Usually answers within a day", from a typical duration.
    public static func label(_ typical: TimeInterval) -> String {
        let hours = typical / 3_600
        switch hours {
        case ..<1: return "Usually answers within an hour"
        case ..<24: return "Usually answers within \(Int(hours.rounded(.up))) hours"
        case ..<48: return "Usually answers within a day"
        default: return "Usually answers within \(Int((hours / 24).rounded(.up))) days"
        }
    }

    /// Whether to pause a mentor's new requests, given their latest closed requests newest first (true: expired
    /// without any answer).
    public static func shouldPause(latestOutcomes: [Bool]) -> Bool {
        latestOutcomes.count >= expiriesBeforePause && latestOutcomes.prefix(expiriesBeforePause).allSatisfy { $0 }
    }
}

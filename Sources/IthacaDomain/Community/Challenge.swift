import Foundation

/// A challenge as its creator describes it ("100 days of open source": a start day and a length).
public struct ChallengeDetails: Sendable, Codable, Equatable {
    public var title: String
    public var description: String
    /// "YYYY-MM-DD": day 1, in each member's own time zone.
    public var startDate: String
    public var lengthDays: Int

    public static let allowedLength = 1...366

    public init(title: String, description: String = "", startDate: String, lengthDays: Int) {
        self.title = title
        self.description = description
        self.startDate = startDate
        self.lengthDays = lengthDays
    }

    /// The details tidied, or every problem at once.
    public func validated() throws(CommunityRuleViolation) -> ChallengeDetails {
        var check = FieldChecker()
        var result = self
        result.title = check.text(title, TextRule(field: "title", label: "title", maxLength: 120)) ?? title
        if result.title.isEmpty, !check.hasError(for: "title") { check.add("title", "Give the challenge a title, e.g. “100 days of open source”.") }
        result.description = check.text(description, TextRule(field: "description", label: "description", maxLength: 4_000, multiline: true)) ?? description
        if !CalendarDay.isValid(startDate) { check.add("startDate", "Enter the first day as YYYY-MM-DD, for example 2027-01-04.") }
        if !Self.allowedLength.contains(lengthDays) { check.add("lengthDays", "A challenge lasts 1 to 366 days.") }
        try check.throwIfInvalidPost()
        return result
    }

    /// The last day ("YYYY-MM-DD").
    public var endDate: String { CalendarDay.adding(days: lengthDays - 1, to: startDate) ?? startDate }

    /// Which day of the challenge `day` is (1-based), or nil outside it.
    public func dayNumber(of day: String) -> Int? {
        guard let offset = CalendarDay.days(from: startDate, to: day), offset >= 0, offset < lengthDays else { return nil }
        return offset + 1
    }
}

/// Streaks from the local days a member checked in on. Days are the member's own calendar days, stored at check-in,
/// so a DST change (a 23- or 25-hour day) or travelling never breaks or doubles a day.
public struct Streak: Sendable, Equatable {
    /// Consecutive days up to today, or up to yesterday while today is still open.
    public var current: Int
    public var longest: Int
    public var daysDone: Int

    public init(checkIns: Set<String>, today: String) {
        daysDone = checkIns.count
        var longest = 0
        var run = 0
        var previous: String?
        for day in checkIns.sorted() {
            run = previous.flatMap { CalendarDay.days(from: $0, to: day) } == 1 ? run + 1 : 1
            longest = max(longest, run)
            previous = day
        }
        self.longest = longest
        var current = 0
        var cursor = checkIns.contains(today) ? today : CalendarDay.adding(days: -1, to: today) ?? today
        while checkIns.contains(cursor) {
            current += 1
            guard let before = CalendarDay.adding(days: -1, to: cursor) else { break }
            cursor = before
        }
        self.current = current
    }
}

/// Why a check-in is refused, or the local day it counts for.
public enum CheckInRule {
    public static let noteLimit = 500

    /// The member's day for a check-in at `now` in `timeZone`, if the challenge is running that day.
    public static func day(for challenge: ChallengeDetails, now: Date, timeZone: String) throws(CommunityRuleViolation) -> String {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let today = CalendarDay.of(now, in: zone)
        guard challenge.dayNumber(of: today) != nil else {
            let message = today < challenge.startDate
                ? "The challenge starts on \(challenge.startDate); check in from that day."
                : "The challenge ended on \(challenge.endDate). Thank you for taking part!"
            throw .invalidFields([FieldError(field: "note", message: message)])
        }
        return today
    }

    public static func note(_ raw: String) throws(CommunityRuleViolation) -> String {
        var check = FieldChecker()
        let note = check.text(raw, TextRule(field: "note", label: "note", maxLength: noteLimit, multiline: true)) ?? raw
        try check.throwIfInvalidPost()
        return note
    }
}

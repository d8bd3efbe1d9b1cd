import Foundation

/// "YYYY-MM-DD" calendar dates: checking them without a time zone, and naming the day an instant falls on.
public enum CalendarDay {
    /// The day `instant` falls on in `timeZone` (UTC unless given), as "YYYY-MM-DD".
    public static func of(_ instant: Date, in timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Whether `text` is exactly "YYYY-MM-DD" and names a real day (leap years included).
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        guard year >= 1, (1...12).contains(month) else { return false }
        return (1...daysIn(month: month, year: year)).contains(day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// `day` plus (or minus) whole days; nil for an invalid day.
    public static func adding(days: Int, to day: String) -> String? {
        guard isValid(day), let date = midnightUTC(day) else { return nil }
        return of(date.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    /// Whole days from `start` to `end` (negative when `end` is earlier); nil if either is invalid.
    public static func days(from start: String, to end: String) -> Int? {
        guard isValid(start), isValid(end), let a = midnightUTC(start), let b = midnightUTC(end) else { return nil }
        return Int((b.timeIntervalSince(a) / 86_400).rounded())
    }

    /// Days are counted on UTC midnights, where every day has 24 hours.
    private static func midnightUTC(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }
}

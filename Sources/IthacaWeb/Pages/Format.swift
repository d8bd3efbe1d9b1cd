import Foundation
import IthacaDomain

/// Formatting for people: names, times in a viewer's zone, dates. Kept out of templates.
enum Format {
    static func initials(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace }).prefix(2)
        return words.compactMap { $0.first.map(String.init) }.joined().uppercased()
    }

    /// "14:05 local time (UTC+1)".
    static func localTime(timeZone identifier: String, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm"
        return "\(formatter.string(from: now)) local time (\(TimeZones.utcOffsetLabel(identifier: identifier, at: now)))"
    }

    /// "Since March 2019" from "2019-03-04".
    static func tenure(_ day: String?) -> String? {
        guard let day else { return nil }
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "UTC")
        parser.dateFormat = "yyyy-MM-dd"
        guard let date = parser.date(from: day) else { return nil }
        parser.locale = Locale(identifier: "en_GB")
        parser.dateFormat = "MMMM yyyy"
        return "Since \(parser.string(from: date))"
    }

    /// "23 Nov 2026, 14:05 UTC".
    static func timestamp(_ date: Date?) -> String {
        guard let date else { return "Never" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    static func people(_ count: Int) -> String { count == 1 ? "1 person" : "\(count) people" }

    /// A dashboard figure as people read it; a suppressed one says why there is no number.
    static func figure(_ value: Disclosed, _ unit: Dashboard.Unit) -> String {
        guard let value = value.value else { return "fewer than 5" }
        func decimal(_ x: Double) -> String {
            let rounded = (x * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
        }
        switch unit {
        case .count: return String(Int(value))
        case .percent: return "\(Int((value * 100).rounded()))%"
        case .days: return decimal(value) == "1" ? "1 day" : "\(decimal(value)) days"
        case .hours: return decimal(value) == "1" ? "1 hour" : "\(decimal(value)) hours"
        case .rating: return "\(decimal(value)) out of 5"
        case .perPairPerMonth: return decimal(value)
        }
    }

    /// "Mar 2027" for "2027-03".
    static func month(_ month: String) -> String {
        let parts = month.split(separator: "-")
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 2, let number = Int(parts[1]), (1...12).contains(number) else { return month }
        return "\(names[number - 1]) \(parts[0])"
    }

    /// "1 pair", "3 pairs": a count with a noun that takes a plain "s".
    static func count(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }

    /// "7 people: 2 directly and 5 through them", or "No one yet".
    static func reach(_ reach: LineageReach) -> String {
        guard reach.total > 0 else { return "No one yet" }
        guard !reach.downstream.isEmpty else { return "\(people(reach.total)), directly" }
        return "\(people(reach.total)): \(reach.direct.count) directly and \(reach.downstream.count) through them"
    }

    /// "Open to mentoring · 2 of 3 places free".
    static func mentoring(capacity: Int, free: Int) -> String {
        free > 0 ? "Open to mentoring · \(free) of \(capacity) place\(capacity == 1 ? "" : "s") free"
            : "Open to mentoring · no places free right now"
    }
}

extension Format {
    /// "Chrome on Linux" from a User-Agent header, so people recognise their sessions at a glance.
    static func device(_ userAgent: String) -> String {
        let ua = userAgent.lowercased()
        guard !ua.isEmpty else { return "Unknown browser" }
        let browser: String =
            if ua.contains("edg/") { "Edge" }
            else if ua.contains("firefox/") { "Firefox" }
            else if ua.contains("chrome/") || ua.contains("chromium/") { ua.contains("headlesschrome") ? "Headless Chrome" : "Chrome" }
            else if ua.contains("safari/") { "Safari" }
            else if ua.hasPrefix("curl/") { "curl" }
            else { String(userAgent.split(separator: "/").first ?? "Unknown browser").prefix(40).description }
        let system: String? =
            if ua.contains("iphone") || ua.contains("ipad") { "iOS" }
            else if ua.contains("android") { "Android" }
            else if ua.contains("mac os x") || ua.contains("macintosh") { "macOS" }
            else if ua.contains("windows") { "Windows" }
            else if ua.contains("linux") || ua.contains("x11") { "Linux" }
            else { nil }
        return system.map { "\(browser) on \($0)" } ?? browser
    }
}

extension Format {
    /// "Tue 25 Nov 2026, 14:00–14:45" on the wall clock of `zone`.
    static func meetingTime(_ interval: DateInterval, zone identifier: String) -> String {
        let zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        return "\(formatted(interval.start, "EEE d MMM yyyy, HH:mm", zone))–\(formatted(interval.end, "HH:mm", zone))"
    }

    /// "Tue 25 Nov 2026, 14:00–14:45 (Europe/Lisbon)": a meeting's time for someone elsewhere (an email, the inbox),
    /// in their zone, UTC when they have none.
    static func meetingTime(_ interval: DateInterval, namingZone identifier: String?) -> String {
        let zone = identifier ?? "UTC"
        return "\(meetingTime(interval, zone: zone)) (\(zone))"
    }

    /// "Tuesday 25 November" in `zone`, for grouping slots by day.
    static func day(_ date: Date, zone identifier: String) -> String {
        formatted(date, "EEEE d MMMM", TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!)
    }

    /// "14:00" in `zone`.
    static func clock(_ date: Date, zone identifier: String) -> String {
        formatted(date, "HH:mm", TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!)
    }

    /// The zone with its current offset, "Europe/Lisbon (UTC+0)".
    static func zone(_ identifier: String, at date: Date) -> String {
        let offset = TimeZones.utcOffsetLabel(identifier: identifier, at: date)
        return offset == identifier ? identifier : "\(identifier) (\(offset))"
    }

    /// An instant as ISO 8601 in UTC, the form slot buttons send back.
    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    private static func formatted(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

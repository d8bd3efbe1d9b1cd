import Foundation

/// Dates as mail headers and file names want them, always in UTC.
///
/// Built from calendar components rather than a DateFormatter so that neither the
/// process locale nor the time zone can change the English day and month names.
enum RFC5322Date {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Mon, 07 Dec 2026 09:30:00 +0000"
    static func header(_ date: Date) -> String {
        let c = components(date)
        return "\(days[c.weekday! - 1]), \(pad(c.day!)) \(months[c.month! - 1]) \(c.year!) "
            + "\(pad(c.hour!)):\(pad(c.minute!)):\(pad(c.second!)) +0000"
    }

    /// "20261207T093000Z", sortable, for file names.
    static func compact(_ date: Date) -> String {
        let c = components(date)
        return "\(pad(c.year!, 4))\(pad(c.month!))\(pad(c.day!))T\(pad(c.hour!))\(pad(c.minute!))\(pad(c.second!))Z"
    }

    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

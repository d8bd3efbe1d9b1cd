import Foundation

/// The low-level text rules of RFC 5545: escaping, UTC times and line folding.
enum ICalendarText {
    /// TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, every kind of line
    /// break becomes "\n"; other control characters, which TEXT may not hold, are dropped (tabs become spaces).
    static func escape(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out += " "
            default:
                if scalar.properties.generalCategory != .control { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A parameter value (RFC 5545 §3.2): quoted, with double quotes and control characters removed,
    /// since a quoted parameter can't contain them.
    static func parameter(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { $0 != "\"" && $0.properties.generalCategory != .control }
        return "\"" + String(String.UnicodeScalarView(kept)) + "\""
    }

    /// "YYYYMMDDTHHMMSSZ" in UTC, seconds truncated (DATE-TIME form 2, §3.3.5).
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let seconds = date.timeIntervalSinceReferenceDate.rounded(.down)
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSinceReferenceDate: seconds))
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.year, 4) + pad(parts.month) + pad(parts.day) + "T" + pad(parts.hour) + pad(parts.minute)
            + pad(parts.second) + "Z"
    }

    /// Most octets on one content line, not counting the CRLF (§3.1).
    static let maxOctets = 75

    /// `line` folded into pieces of at most 75 UTF-8 octets each (a continuation's leading space included),
    /// joined by CRLF + space, and ended with CRLF. Breaks fall between Unicode scalars, never inside one.
    static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > maxOctets {
                out += "\r\n "
                used = 1
            }
            out.unicodeScalars.append(scalar)
            used += size
        }
        return out + "\r\n"
    }
}

import Foundation

/// Writes meetings as iCalendar documents (RFC 5545) for downloads, invitations and private feeds.
public enum ICalendar {
    /// What the document asks of the calendar that receives it (iTIP, RFC 5546).
    public enum Method: String, Sendable, Codable {
        /// A feed or download: just show these events.
        case publish = "PUBLISH"
        /// An invitation or an update to one.
        case request = "REQUEST"
        /// The events are called off.
        case cancel = "CANCEL"
    }

    /// Identifies the program that wrote the document.
    public static let productId = "-//Ithaca//Mentorship 1.0//EN"

    /// A complete VCALENDAR with one VEVENT per event, CRLF line endings and lines folded at 75 octets.
    ///
    /// Times are written in UTC. With `.cancel` every event says STATUS:CANCELLED, whatever its own status.
    public static func document(events: [ICalendarEvent], method: Method) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productId)", "CALSCALE:GREGORIAN", "METHOD:\(method.rawValue)"]
        for event in events {
            lines += vevent(event, cancelled: method == .cancel || event.status == .cancelled)
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.fold).joined()
    }

    private static func vevent(_ event: ICalendarEvent, cancelled: Bool) -> [String] {
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(ICalendarText.escape(event.uid))",
            "SEQUENCE:\(max(0, event.sequence))",
            "DTSTAMP:\(ICalendarText.utc(event.dtstamp))",
            "DTSTART:\(ICalendarText.utc(event.start))",
            "DTEND:\(ICalendarText.utc(event.end))",
            "SUMMARY:\(ICalendarText.escape(event.summary))",
        ]
        if !event.description.isEmpty { lines.append("DESCRIPTION:\(ICalendarText.escape(event.description))") }
        if let email = event.organizerEmail?.trimmingCharacters(in: .whitespacesAndNewlines), !email.isEmpty,
            !email.contains(where: { $0.isWhitespace || $0 == "\"" })
        {
            lines.append("ORGANIZER;CN=\(ICalendarText.parameter(event.organizerName)):mailto:\(email)")
        }
        lines.append("STATUS:\(cancelled ? ICalendarEvent.Status.cancelled.rawValue : event.status.rawValue)")
        lines.append("END:VEVENT")
        return lines
    }
}

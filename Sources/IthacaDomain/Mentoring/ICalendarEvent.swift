import Foundation

/// One meeting as a calendar event (RFC 5545 VEVENT).
///
/// Put only what may sit in someone's calendar app: the private feed must never carry note content.
public struct ICalendarEvent: Equatable, Sendable {
    /// Whether the event goes ahead.
    public enum Status: String, Sendable, Codable {
        case confirmed = "CONFIRMED"
        case cancelled = "CANCELLED"
    }

    /// Stable for the meeting's whole life, e.g. "<meeting uuid>@ithaca"; calendars match updates by it.
    public var uid: String
    /// Grows by one with every change (reschedule, cancel), so calendars take the newest copy.
    public var sequence: Int
    /// When this copy was made.
    public var dtstamp: Date
    public var start: Date
    public var end: Date
    public var summary: String
    /// Empty leaves the DESCRIPTION line out.
    public var description: String
    public var organizerName: String
    /// When given, written as ORGANIZER;CN=name:mailto:address (needed by METHOD:REQUEST and CANCEL invitations).
    public var organizerEmail: String?
    public var status: Status

    public init(
        uid: String, sequence: Int, dtstamp: Date, start: Date, end: Date, summary: String, description: String = "",
        organizerName: String, organizerEmail: String? = nil, status: Status = .confirmed
    ) {
        self.uid = uid
        self.sequence = sequence
        self.dtstamp = dtstamp
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
        self.status = status
    }
}

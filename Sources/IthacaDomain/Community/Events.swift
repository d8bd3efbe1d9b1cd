import Foundation

public enum EventKind: String, Sendable, Codable, CaseIterable {
    case meetup, talk, officeHours = "office_hours"

    public var label: String {
        switch self {
        case .meetup: "Meetup"
        case .talk: "Talk"
        case .officeHours: "Office hours"
        }
    }
}

/// An event as its host describes it: a time, a place or a link, and how many people fit.
public struct EventDetails: Sendable, Equatable {
    public var title: String
    public var description: String
    public var kind: EventKind
    public var start: Date
    public var end: Date
    /// A room or address, or a meeting link (then it must be http/https).
    public var location: String
    public var capacity: Int
    /// Office hours only: the length of the slot each person books.
    public var slotMinutes: Int?

    public static let allowedCapacity = 1...10_000
    public static let longest: TimeInterval = 12 * 3600

    public init(title: String, description: String = "", kind: EventKind = .meetup, start: Date, end: Date, location: String, capacity: Int,
                slotMinutes: Int? = nil) {
        self.title = title
        self.description = description
        self.kind = kind
        self.start = start
        self.end = end
        self.location = location
        self.capacity = capacity
        self.slotMinutes = slotMinutes
    }

    public func validated(now: Date) throws(CommunityRuleViolation) -> EventDetails {
        var check = FieldChecker()
        var result = self
        result.title = check.required(title, TextRule(field: "title", label: "title", maxLength: 150), ifBlank: "Give the event a title.") ?? title
        result.description = check.text(description, TextRule(field: "description", label: "description", maxLength: 4_000, multiline: true)) ?? description
        result.location = check.required(location, TextRule(field: "location", label: "place or link", maxLength: 300), ifBlank: "Say where it happens: a room, an address or a link.") ?? location
        if result.location.lowercased().hasPrefix("http") || result.location.contains("://") {
            if let link = WebLink.checked(result.location) { result.location = link } else {
                check.add("location", "A meeting link must start with https:// or http://.")
            }
        }
        if start <= now { check.add("start", "Pick a start time in the future.") }
        if end <= start { check.add("end", "The event must end after it starts.") } else if end.timeIntervalSince(start) > Self.longest {
            check.add("end", "Events last at most 12 hours; split longer ones into days.")
        }
        if kind == .officeHours {
            // Office hours are booked one person per slot: the seats are the slots.
            let minutes = slotMinutes ?? OfficeHours.defaultSlotMinutes
            result.slotMinutes = minutes
            if !OfficeHours.allowedSlotMinutes.contains(minutes) {
                check.add("slotMinutes", "Slots last 10 to 60 minutes.")
            } else if end > start {
                let slots = OfficeHours.slots(start: start, end: end, minutes: minutes).count
                if slots == 0 { check.add("end", "Leave room for at least one \(minutes)-minute slot.") }
                result.capacity = max(slots, 1)
            }
        } else {
            result.slotMinutes = nil
            if !Self.allowedCapacity.contains(capacity) { check.add("capacity", "Room for 1 to 10,000 people.") }
        }
        try check.throwIfInvalidPost()
        return result
    }

    /// Whether the location is a link to open.
    public var isOnline: Bool { WebLink.checked(location) != nil }
}

public enum RSVPStatus: String, Sendable, Codable {
    case going, waitlisted
}

/// Seats and the waitlist: who gets in when someone answers, and who moves up when someone leaves.
public enum RSVPRule {
    /// The status of a new answer when `going` people already have a seat.
    public static func status(going: Int, capacity: Int) -> RSVPStatus {
        going < capacity ? .going : .waitlisted
    }

    /// After a change, the waitlisted people (in the order they answered) who now get a seat.
    public static func promotions(going: Int, capacity: Int, waitlist: [UUID]) -> [UUID] {
        Array(waitlist.prefix(max(capacity - going, 0)))
    }
}

/// Office hours: the host's time cut into slots, each booked by one person, one slot per person.
public enum OfficeHours {
    public static let defaultSlotMinutes = 15
    public static let allowedSlotMinutes = 10...60

    public static func slots(start: Date, end: Date, minutes: Int) -> [DateInterval] {
        guard minutes > 0 else { return [] }
        let length = TimeInterval(minutes * 60)
        var slots: [DateInterval] = []
        var slotStart = start
        while slotStart.addingTimeInterval(length) <= end {
            slots.append(DateInterval(start: slotStart, duration: length))
            slotStart = slotStart.addingTimeInterval(length)
        }
        return slots
    }

    /// The slot starting at `start`, when it is one of the event's and has not begun.
    public static func slot(at start: Date, of event: EventDetails, now: Date) throws(CommunityRuleViolation) -> DateInterval {
        guard event.kind == .officeHours, let minutes = event.slotMinutes,
              let slot = slots(start: event.start, end: event.end, minutes: minutes).first(where: { abs($0.start.timeIntervalSince(start)) < 1 })
        else { throw .invalidFields([FieldError(field: "start", message: "Pick one of the listed slots.")]) }
        if slot.start <= now { throw .invalidFields([FieldError(field: "start", message: "That slot has already begun; pick a later one.")]) }
        return slot
    }
}

import Foundation
import IthacaDomain
import IthacaStorage

/// Events: members host meetups, talks and office hours; others answer and get a seat or a place on the waitlist;
/// when someone cancels, the first waiting person moves up and hears about it.
public struct EventService: Sendable {
    let store: EventStore
    let profiles: ProfileStore
    let notifications: NotificationService
    let clock: AppClock

    public struct Detail: Sendable {
        public let event: StoredEvent
        public let hostName: String
        public let myStatus: RSVPStatus?
        public let waitlistPosition: Int?
        /// Office hours: every slot, whether it is taken and whether it is mine.
        public var slots: [(slot: DateInterval, taken: Bool, mine: Bool)] = []
        public var mySlot: DateInterval? { slots.first { $0.mine }?.slot }
    }

    public static let pageSize = 30

    public func upcoming(for viewer: Viewer, offset: Int = 0) async throws -> (items: [Detail], next: Int?) {
        let page = try await store.upcoming(after: clock.now(), offset: offset, limit: Self.pageSize + 1)
        let events = Array(page.prefix(Self.pageSize))
        let names = try await profiles.names(of: events.compactMap(\.hostId))
        var result: [Detail] = []
        for event in events {
            let mine = try await store.rsvp(of: viewer.id, to: event.id)
            result.append(Detail(event: event, hostName: event.hostId.flatMap { names[$0] } ?? "A former member",
                                 myStatus: mine?.status, waitlistPosition: mine?.position))
        }
        return (result, page.count > Self.pageSize ? offset + Self.pageSize : nil)
    }

    public func create(_ details: EventDetails, by viewer: Viewer) async throws -> UUID {
        try await store.create(try details.validated(now: clock.now()), host: viewer.id, now: clock.now())
    }

    func event(_ id: UUID) async throws -> StoredEvent {
        guard let event = try await store.event(id) else { throw IthacaError.notFound("event") }
        return event
    }

    public func detail(_ id: UUID, for viewer: Viewer) async throws -> Detail {
        let event = try await event(id)
        let host = try await event.hostId.asyncName(profiles)
        let mine = try await store.rsvp(of: viewer.id, to: id)
        var detail = Detail(event: event, hostName: host, myStatus: mine?.status, waitlistPosition: mine?.position)
        if event.details.kind == .officeHours, let minutes = event.details.slotMinutes {
            let booked = Dictionary(uniqueKeysWithValues: try await store.bookings(of: id).map { ($0.slotStart.timeIntervalSince1970.rounded(), $0.personId) })
            detail.slots = OfficeHours.slots(start: event.details.start, end: event.details.end, minutes: minutes).map { slot in
                let holder = booked[slot.start.timeIntervalSince1970.rounded()]
                return (slot, holder != nil, holder == viewer.id)
            }
        }
        return detail
    }

    func requireOpen(_ event: StoredEvent) throws {
        if event.cancelled { throw IthacaError.conflict("This event was called off.") }
        guard event.details.end > clock.now() else { throw IthacaError.conflict("This event is over.") }
    }

    public func rsvp(_ id: UUID, by viewer: Viewer) async throws -> Detail {
        let event = try await event(id)
        try requireOpen(event)
        if event.details.kind == .officeHours {
            throw IthacaError.conflict("Office hours are booked one person per slot: pick a time on the event's page.")
        }
        _ = try await store.answer(id, person: viewer.id, capacity: event.details.capacity, now: clock.now())
        return try await detail(id, for: viewer)
    }

    public func cancel(_ id: UUID, by viewer: Viewer) async throws -> Detail {
        let event = try await event(id)
        let store = store, notifications = notifications
        try await notifications.database.transaction { _ in
            let promoted = try await store.cancel(id, person: viewer.id, capacity: event.details.capacity)
            try await notifications.send(
                to: promoted, .event, "A seat opened up: you're going to “\(event.details.title)”.",
                url: "/events/\(id.uuidString.lowercased())")
        }
        return try await detail(id, for: viewer)
    }

    /// Books a slot of office hours (moving my earlier booking there).
    public func book(_ id: UUID, slot start: Date, by viewer: Viewer) async throws -> Detail {
        let event = try await event(id)
        try requireOpen(event)
        let slot = try OfficeHours.slot(at: start, of: event.details, now: clock.now())
        guard try await store.book(id, person: viewer.id, slot: slot.start, now: clock.now()) else {
            throw IthacaError.conflict("Someone just booked that slot; pick another.")
        }
        return try await detail(id, for: viewer)
    }

    public func cancelBooking(_ id: UUID, by viewer: Viewer) async throws -> Detail {
        _ = try await event(id)
        try await store.cancelBooking(id, person: viewer.id)
        return try await detail(id, for: viewer)
    }

    /// The host (or a site admin) calls the event off; everyone who answered or booked hears about it.
    public func callOff(_ id: UUID, by viewer: Viewer) async throws -> Detail {
        let event = try await event(id)
        guard event.hostId == viewer.id || viewer.isAdmin else { throw IthacaError.forbidden("Only the host can call the event off.") }
        guard !event.cancelled else { throw IthacaError.conflict("This event was already called off.") }
        let store = store, notifications = notifications, now = clock.now()
        try await notifications.database.transaction { _ in
            let people = try await store.callOff(id, now: now)
            try await notifications.send(to: people, except: viewer.id, .event, "“\(event.details.title)” was called off by its host.",
                                         url: "/events/\(id.uuidString.lowercased())")
        }
        return try await detail(id, for: viewer)
    }

    /// The event as an iCalendar file (anyone signed in may add it to their calendar).
    public func ics(_ id: UUID, for viewer: Viewer) async throws -> String {
        let detail = try await detail(id, for: viewer)
        let event = detail.event
        // With a booked slot of office hours, the calendar holds my slot.
        let when = detail.mySlot ?? DateInterval(start: event.details.start, end: event.details.end)
        return ICalendar.document(events: [ICalendarEvent(
            uid: "event-\(id.uuidString.lowercased())@ithaca", sequence: event.cancelled ? 1 : 0, dtstamp: clock.now(), start: when.start,
            end: when.end, summary: event.details.title,
            description: [event.details.location, event.details.description].filter { !$0.isEmpty }.joined(separator: "\n\n"),
            organizerName: detail.hostName, status: event.cancelled ? .cancelled : .confirmed)], method: .publish)
    }
}

extension Optional where Wrapped == UUID {
    /// The name of the person this id names, or "A former member".
    func asyncName(_ profiles: ProfileStore) async throws -> String {
        guard let id = self else { return "A former member" }
        return try await profiles.names(of: [id])[id] ?? "A former member"
    }
}

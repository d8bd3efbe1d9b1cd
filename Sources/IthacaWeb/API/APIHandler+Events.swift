import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage
import OpenAPIRuntime

/// Events, RSVPs and the waitlist through the JSON API.
extension APIHandler {
    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.events.upcoming(for: try viewer(), offset: offset)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.event), nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }

    func createEvent(_ input: Operations.CreateEvent.Input) async throws -> Operations.CreateEvent.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let id = try await services.events.create(
            EventDetails(title: body.title, description: body.description ?? "", kind: body.kind.flatMap { EventKind(rawValue: $0.rawValue) } ?? .meetup,
                         start: body.start, end: body.end, location: body.location, capacity: body.capacity, slotMinutes: body.slotMinutes),
            by: viewer)
        return .created(.init(body: .json(Self.event(try await services.events.detail(id, for: viewer)))))
    }

    func getEvent(_ input: Operations.GetEvent.Input) async throws -> Operations.GetEvent.Output {
        .ok(.init(body: .json(Self.event(try await services.events.detail(try Self.id(input.path.eventId, "event"), for: try viewer())))))
    }

    func rsvpEvent(_ input: Operations.RsvpEvent.Input) async throws -> Operations.RsvpEvent.Output {
        .ok(.init(body: .json(Self.event(try await services.events.rsvp(try Self.id(input.path.eventId, "event"), by: try viewer())))))
    }

    func cancelRsvp(_ input: Operations.CancelRsvp.Input) async throws -> Operations.CancelRsvp.Output {
        .ok(.init(body: .json(Self.event(try await services.events.cancel(try Self.id(input.path.eventId, "event"), by: try viewer())))))
    }

    func eventICS(_ input: Operations.EventICS.Input) async throws -> Operations.EventICS.Output {
        let ics = try await services.events.ics(try Self.id(input.path.eventId, "event"), for: try viewer())
        return .ok(.init(body: .textCalendar(HTTPBody(ics))))
    }

    func bookOfficeHoursSlot(_ input: Operations.BookOfficeHoursSlot.Input) async throws -> Operations.BookOfficeHoursSlot.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        return .ok(.init(body: .json(Self.event(try await services.events.book(try Self.id(input.path.eventId, "event"), slot: body.start, by: try viewer())))))
    }

    func cancelOfficeHoursSlot(_ input: Operations.CancelOfficeHoursSlot.Input) async throws -> Operations.CancelOfficeHoursSlot.Output {
        .ok(.init(body: .json(Self.event(try await services.events.cancelBooking(try Self.id(input.path.eventId, "event"), by: try viewer())))))
    }

    func callOffEvent(_ input: Operations.CallOffEvent.Input) async throws -> Operations.CallOffEvent.Output {
        .ok(.init(body: .json(Self.event(try await services.events.callOff(try Self.id(input.path.eventId, "event"), by: try viewer())))))
    }

    static func event(_ detail: EventService.Detail) -> Components.Schemas.Event {
        let e = detail.event
        let slots: [Components.Schemas.OfficeHoursSlot] = detail.slots.map { .init(start: $0.slot.start, end: $0.slot.end, taken: $0.taken, mine: $0.mine) }
        return .init(
            id: e.id.uuidString, title: e.details.title, description: e.details.description, kind: .init(rawValue: e.details.kind.rawValue) ?? .meetup,
            start: e.details.start, end: e.details.end, location: e.details.location, capacity: e.details.capacity, going: e.going,
            waitlisted: e.waitlisted, host: detail.hostName, myStatus: detail.myStatus.flatMap { .init(rawValue: $0.rawValue) },
            waitlistPosition: detail.waitlistPosition, cancelled: e.cancelled, slotMinutes: e.details.slotMinutes,
            slots: slots.isEmpty ? nil : slots, mySlot: slots.first { $0.mine })
    }
}

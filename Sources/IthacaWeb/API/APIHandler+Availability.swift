import Foundation
import IthacaAPI
import IthacaDomain

/// Availability and free slots through the JSON API.
extension APIHandler {
    func getMyAvailability(_ input: Operations.GetMyAvailability.Input) async throws -> Operations.GetMyAvailability.Output {
        .ok(.init(body: .json(Self.availability(try await services.availability.availability(of: try viewer())))))
    }

    func replaceMyAvailability(_ input: Operations.ReplaceMyAvailability.Input) async throws -> Operations.ReplaceMyAvailability.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let saved = try await services.availability.replace(try Self.availability(body), for: viewer)
        return .ok(.init(body: .json(Self.availability(saved))))
    }

    func listSlots(_ input: Operations.ListSlots.Input) async throws -> Operations.ListSlots.Output {
        let slots = try await services.availability.slots(
            try Self.id(input.path.mentorshipId, "mentorship"), for: try viewer(), from: input.query.from, to: input.query.to)
        return .ok(.init(body: .json(.init(items: slots.map { .init(start: $0.start, end: $0.end) }))))
    }

    /// The API's shape into the domain's; times that are not HH:MM are field errors, all reported together.
    static func availability(_ body: Components.Schemas.Availability) throws -> WeeklyAvailability {
        var errors: [FieldError] = []
        var windows: [AvailabilityWindow] = []
        for (index, window) in body.windows.enumerated() {
            let start = LocalTime(window.start)
            let end = LocalTime(window.end)
            if start == nil { errors.append(FieldError(field: "windows[\(index)].start", message: "Use a time like 09:30.")) }
            if end == nil { errors.append(FieldError(field: "windows[\(index)].end", message: "Use a time like 17:00.")) }
            if let start, let end, let weekday = Weekday(rawValue: window.weekday.rawValue) {
                windows.append(AvailabilityWindow(weekday: weekday, start: start, end: end))
            }
        }
        guard errors.isEmpty else { throw IthacaError.validation(errors) }
        return WeeklyAvailability(timeZone: body.timeZone, windows: windows, exceptions: (body.exceptions ?? []).map { DayOff(date: $0.date) })
    }

    static func availability(_ a: WeeklyAvailability) -> Components.Schemas.Availability {
        Components.Schemas.Availability(
            timeZone: a.timeZone,
            windows: a.windows.compactMap { window in
                guard let weekday = Components.Schemas.Availability.WindowsPayloadPayload.WeekdayPayload(rawValue: window.weekday.rawValue) else { return nil }
                return .init(weekday: weekday, start: window.start.description, end: window.end.description)
            },
            exceptions: a.exceptions.map { .init(date: $0.date) })
    }
}

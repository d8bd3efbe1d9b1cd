import Foundation
import Hummingbird
import IthacaDomain

/// A mentor's weekly availability page: up to two windows a day in their own zone, and days off.
struct AvailabilityController {
    let services: AppServices
    let cookies: SessionCookies
    /// Windows per day on the form; the API takes any number.
    static let rowsPerDay = 2

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.availability)) { _, context in try await page(context) }
        router.post(RouterPath(SiteRoute.availability)) { request, context in try await save(request, context) }
    }

    func page(_ context: AppRequestContext, typed: FormData? = nil, state: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let saved = try await services.availability.availability(of: viewer)
        let now = services.configuration.clock.now()
        let zone = typed?.text("timeZone") ?? saved.timeZone
        let dayErrors = Dictionary(grouping: state.errors, by: \.field)
        let days: [ViewModel] = Weekday.allCases.map { day in
            let messages = (dayErrors["\(day.rawValue)-1-start"] ?? []).map(\.message)
            let windows = saved.windows.filter { $0.weekday == day }
            let rows: [ViewModel] = (1...Self.rowsPerDay).map { row in
                let name = "\(day.rawValue)-\(row)"
                let window = windows.count >= row ? windows[row - 1] : nil
                return [
                    "startName": "\(name)-start", "endName": "\(name)-end", "row": row, "day": day.label, "isFirst": row == 1,
                    "rowCount": Self.rowsPerDay, "invalid": !messages.isEmpty, "errorId": "\(day.rawValue)-error",
                    "start": typed?.text("\(name)-start") ?? window?.start.description ?? "",
                    "end": typed?.text("\(name)-end") ?? window?.end.description ?? "",
                ]
            }
            return ["label": day.label, "rows": rows, "errors": messages, "hasErrors": !messages.isEmpty, "errorId": "\(day.rawValue)-error"]
        }
        let model: ViewModel = state.model.merging([
            "days": days, "url": SiteRoute.availability,
            "exceptionsText": typed?.text("exceptions") ?? saved.exceptions.map(\.date).joined(separator: "\n"),
            "timeZoneOptions": TimeZones.all.map { option -> ViewModel in
                ["value": option, "label": "\(option.replacingOccurrences(of: "_", with: " ")) (\(TimeZones.utcOffsetLabel(identifier: option, at: now)))",
                 "selected": option == zone]
            },
        ])
        return services.pages.page("availability", model, title: "Your availability", context: context, nav: .mentoring, status: status)
    }

    /// A window problem moved onto the first time field of the day it is about, so it shows next to that day
    /// (the domain names the day in its message; problems about no day stay on the form).
    static func placed(_ error: FieldError) -> FieldError {
        guard error.field == "windows" || Weekday.allCases.contains(where: { error.field.hasPrefix($0.rawValue) }) else { return error }
        let day = Weekday.allCases.first { error.field.hasPrefix($0.rawValue) }
            ?? Weekday.allCases.first { error.message.contains($0.label) }
            ?? .monday
        return FieldError(field: "\(day.rawValue)-1-start", message: error.message)
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        var errors: [FieldError] = []
        var windows: [AvailabilityWindow] = []
        for day in Weekday.allCases {
            for row in 1...Self.rowsPerDay {
                let name = "\(day.rawValue)-\(row)"
                let (rawStart, rawEnd) = (form.text("\(name)-start"), form.text("\(name)-end"))
                if rawStart.isEmpty && rawEnd.isEmpty { continue }
                guard let start = LocalTime(rawStart), let end = LocalTime(rawEnd) else {
                    errors.append(FieldError(field: "\(name)-start", message: "On \(day.label), give both a start and an end time, like 09:30 and 12:00."))
                    continue
                }
                windows.append(AvailabilityWindow(weekday: day, start: start, end: end))
            }
        }
        let daysOff = form.text("exceptions").split(whereSeparator: { $0.isNewline || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { DayOff(date: $0) }
        do {
            guard errors.isEmpty else { throw MentoringRuleViolation.invalidFields(errors) }
            _ = try await services.availability.replace(
                WeeklyAvailability(timeZone: form.text("timeZone"), windows: windows, exceptions: daysOff), for: viewer)
        } catch let rule as MentoringRuleViolation {
            var state = FormState(rule, typed: [:])
            state.errors = state.errors.map(Self.placed)
            return try await page(context, typed: form, state: state, status: .unprocessableContent)
        }
        return cookies.redirect(SiteRoute.availability, .availabilitySaved)
    }
}

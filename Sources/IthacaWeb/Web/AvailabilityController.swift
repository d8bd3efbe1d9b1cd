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
        let days: [ViewModel] = Weekday.allCases.map { day in
            let windows = saved.windows.filter { $0.weekday == day }
            let rows: [ViewModel] = (1...Self.rowsPerDay).map { row in
                let name = "\(day.rawValue)-\(row)"
                let window = windows.count >= row ? windows[row - 1] : nil
                return [
                    "startName": "\(name)-start", "endName": "\(name)-end", "row": row, "day": day.label,
                    "start": typed?.text("\(name)-start") ?? window?.start.description ?? "",
                    "end": typed?.text("\(name)-end") ?? window?.end.description ?? "",
                ]
            }
            return ["label": day.label, "rows": rows]
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
            let state = MeetingsController.state(rule, typed: [:], renaming: ["windows": "monday-1-start"])
            return try await page(context, typed: form, state: state, status: .unprocessableContent)
        }
        var response = Response.seeOther(SiteRoute.availability)
        response.setCookie(cookies.flash(.availabilitySaved))
        return response
    }
}

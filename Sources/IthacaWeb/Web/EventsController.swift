import Foundation
import Hummingbird
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Events: upcoming ones with my answer, hosting one (times in the host's own zone), an event's page with the
/// RSVP (seat or waitlist), cancelling, and the .ics file.
struct EventsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.events)) { _, context in try await list(context) }
        router.post(RouterPath(SiteRoute.events)) { request, context in try await create(request, context) }
        router.get(RouterPath(SiteRoute.eventICSPattern)) { _, context in try await ics(context) }
        router.get(RouterPath(SiteRoute.eventPattern)) { _, context in try await event(context) }
        router.post(RouterPath(SiteRoute.eventRSVPPattern)) { _, context in try await rsvp(context, going: true) }
        router.post(RouterPath(SiteRoute.eventCancelPattern)) { _, context in try await rsvp(context, going: false) }
        router.post(RouterPath(SiteRoute.eventSlotPattern)) { request, context in try await slot(request, context) }
        router.post(RouterPath(SiteRoute.eventCallOffPattern)) { _, context in try await callOff(context) }
    }

    func zone(_ viewer: Viewer) async throws -> String {
        try await services.profileStore.profile(userId: viewer.id)?.timeZone ?? "UTC"
    }

    func list(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let zone = try await zone(viewer)
        let items = try await services.events.upcoming(for: viewer).items.map { detail -> ViewModel in
            let e = detail.event
            return ["title": e.details.title, "url": SiteRoute.event(e.id), "kind": e.details.kind.label,
                    "when": Format.meetingTime(DateInterval(start: e.details.start, end: e.details.end), zone: zone),
                    "seats": "\(e.going) of \(e.details.capacity) going" + (e.waitlisted > 0 ? ", \(e.waitlisted) waiting" : ""),
                    "status": detail.myStatus == .going ? "Going" : detail.myStatus == .waitlisted ? "Waitlisted" : ""]
        }
        var formModel = form.model
        formModel["kinds"] = EventKind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": (form.values["kind"] as? String) == $0.rawValue] as ViewModel }
        if form.values.isEmpty { formModel["values"] = ["capacity": "20"] as ViewModel }
        let model: ViewModel = ["items": items, "hasItems": !items.isEmpty, "url": SiteRoute.events, "form": formModel,
                                "zone": Format.zone(zone, at: services.configuration.clock.now())]
        return services.pages.page("events", model, title: "Events", context: context, nav: .community, status: status)
    }

    /// "2027-01-15T18:30" in `zone`.
    static func localDate(_ text: String, zone: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" || $0 == " " }).compactMap { Int($0) }
        guard parts.count >= 5 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let zone = try await zone(viewer)
        let typed: ViewModel = Dictionary(uniqueKeysWithValues: ["title", "description", "kind", "start", "end", "location", "capacity", "slotMinutes"]
            .map { ($0, form.text($0) as Any) })
        let start = Self.localDate(form.text("start"), zone: zone)
        let end = Self.localDate(form.text("end"), zone: zone)
        do {
            let details = EventDetails(
                title: form.text("title"), description: form.text("description"), kind: EventKind(rawValue: form.text("kind")) ?? .meetup,
                start: start ?? .distantPast, end: end ?? .distantPast, location: form.text("location"),
                capacity: Int(form.text("capacity").trimmingCharacters(in: .whitespaces)) ?? 0,
                slotMinutes: Int(form.text("slotMinutes").trimmingCharacters(in: .whitespaces)))
            let id = try await services.events.create(details, by: viewer)
            return cookies.redirect(SiteRoute.event(id), .eventCreated)
        } catch let rule as CommunityRuleViolation {
            var state = FormState(rule, typed: typed)
            if start == nil { state.errors = state.errors.filter { $0.field != "start" } + [FieldError(field: "start", message: "Enter the start as a date and time.")] }
            return try await list(context, form: state, status: Problem(rule).status)
        }
    }

    func event(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("eventId", "event")
        let detail = try await services.events.detail(id, for: viewer)
        let e = detail.event
        let zone = try await zone(viewer)
        let base = SiteRoute.event(id)
        let model: ViewModel = [
            "title": e.details.title, "kind": e.details.kind.label, "descriptionHtml": Markdown.safeHTML(e.details.description),
            "when": Format.meetingTime(DateInterval(start: e.details.start, end: e.details.end), zone: zone), "zone": Format.zone(zone, at: e.details.start),
            "location": e.details.location, "isOnline": e.details.isOnline, "host": detail.hostName,
            "seats": "\(e.going) of \(e.details.capacity) seats taken" + (e.waitlisted > 0 ? ", \(e.waitlisted) on the waitlist" : ""),
            "going": detail.myStatus == .going, "waitlisted": detail.myStatus == .waitlisted,
            "position": detail.waitlistPosition.map { $0 == 1 ? "You're next on the waitlist." : "You're number \($0) on the waitlist." } ?? "",
            "answered": detail.myStatus != nil, "full": e.going >= e.details.capacity,
            "rsvpUrl": base + "/rsvp", "cancelUrl": base + "/cancel", "icsUrl": base + "/event.ics",
            "isOfficeHours": e.details.kind == .officeHours, "cancelled": e.cancelled, "open": !e.cancelled && e.details.end > services.configuration.clock.now(),
            "isHost": e.hostId == viewer.id || viewer.isAdmin, "callOffUrl": base + "/call-off", "slotUrl": base + "/slots",
            "slots": detail.slots.map { entry -> ViewModel in
                ["slotTime": Format.meetingTime(entry.slot, zone: zone), "slotValue": Format.iso(entry.slot.start), "taken": entry.taken, "mine": entry.mine,
                 "bookable": !entry.taken && entry.slot.start > services.configuration.clock.now()]
            },
            "mySlot": detail.mySlot.map { Format.meetingTime($0, zone: zone) } ?? "",
        ]
        return services.pages.page("event", model, title: e.details.title, context: context, nav: .community)
    }

    func rsvp(_ context: AppRequestContext, going: Bool) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("eventId", "event")
        if going {
            let detail = try await services.events.rsvp(id, by: viewer)
            return cookies.redirect(SiteRoute.event(id), detail.myStatus == .going ? .rsvpGoing : .rsvpWaitlisted)
        }
        _ = try await services.events.cancel(id, by: viewer)
        return cookies.redirect(SiteRoute.event(id), .rsvpCancelled)
    }

    /// Books (or gives back, with an empty `slot`) a slot of office hours.
    func slot(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("eventId", "event")
        let value = try await request.form().text("slot")
        if value.isEmpty {
            _ = try await services.events.cancelBooking(id, by: viewer)
            return cookies.redirect(SiteRoute.event(id), .slotReleased)
        }
        guard let start = ISO8601DateFormatter().date(from: value) else { throw IthacaError.badRequest("Pick one of the listed slots.") }
        _ = try await services.events.book(id, slot: start, by: viewer)
        return cookies.redirect(SiteRoute.event(id), .slotBooked)
    }

    func callOff(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("eventId", "event")
        _ = try await services.events.callOff(id, by: viewer)
        return cookies.redirect(SiteRoute.event(id), .eventCalledOff)
    }

    func ics(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("eventId", "event")
        return .calendar(try await services.events.ics(id, for: viewer), downloadAs: "event.ics")
    }
}

import Foundation
import Hummingbird
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Challenges: the list (anyone starts one), a challenge's page (join, today's check-in, my own progress, and
/// the others' check-ins to encourage).
struct ChallengesController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.challenges)) { _, context in try await challenges(context) }
        router.post(RouterPath(SiteRoute.challenges)) { request, context in try await create(request, context) }
        router.get(RouterPath(SiteRoute.challengePattern)) { _, context in try await challenge(context) }
        router.post(RouterPath(SiteRoute.challengeActionPattern)) { request, context in try await act(request, context) }
        router.post(RouterPath(SiteRoute.cheerPattern)) { _, context in try await cheer(context) }
    }

    func challenges(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let today = CalendarDay.of(services.configuration.clock.now())
        let items = try await services.challenges.challenges(for: viewer).items.map { entry -> ViewModel in
            let details = entry.challenge.details
            let state = today < details.startDate ? "Starts \(details.startDate)" : today > details.endDate ? "Ended \(details.endDate)" : "Running"
            return ["title": details.title, "url": SiteRoute.challenge(entry.challenge.id), "state": state,
                    "length": "\(details.lengthDays) days from \(details.startDate)", "members": Format.people(entry.challenge.members),
                    "joined": entry.joined]
        }
        var formModel = form.model
        if form.values.isEmpty { formModel["values"] = ["startDate": today, "lengthDays": "30"] as ViewModel }
        let model: ViewModel = ["challenges": items, "hasChallenges": !items.isEmpty, "url": SiteRoute.challenges, "form": formModel]
        return services.pages.page("challenges", model, title: "Challenges", context: context, nav: .community, status: status)
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let typed: ViewModel = ["title": form.text("title"), "description": form.text("description"), "startDate": form.text("startDate"),
                                "lengthDays": form.text("lengthDays")]
        do {
            let id = try await services.challenges.create(
                ChallengeDetails(title: form.text("title"), description: form.text("description"),
                                 startDate: form.text("startDate").trimmingCharacters(in: .whitespaces),
                                 lengthDays: Int(form.text("lengthDays").trimmingCharacters(in: .whitespaces)) ?? 0),
                by: viewer)
            return cookies.redirect(SiteRoute.challenge(id), .challengeCreated)
        } catch let rule as CommunityRuleViolation {
            return try await challenges(context, form: FormState(rule, typed: typed), status: Problem(rule).status)
        }
    }

    func challenge(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("challengeId", "challenge")
        let detail = try await services.challenges.detail(id, for: viewer)
        let details = detail.challenge.details
        let feed = detail.feed.map { checkIn -> ViewModel in
            let mine = checkIn.personId == viewer.id
            return ["name": mine ? "You" : detail.names[checkIn.personId] ?? "A former member", "url": SiteRoute.person(checkIn.personId),
                    "day": checkIn.day, "note": checkIn.note, "cheers": checkIn.cheers == 1 ? "1 cheer" : "\(checkIn.cheers) cheers",
                    "canCheer": !mine && !detail.cheered.contains(checkIn.id), "cheered": detail.cheered.contains(checkIn.id),
                    "cheerUrl": SiteRoute.cheer(checkIn.id)]
        }
        let base = SiteRoute.challenge(id)
        let model: ViewModel = [
            "title": details.title, "descriptionHtml": Markdown.safeHTML(details.description),
            "dates": "\(details.lengthDays) days, \(details.startDate) to \(details.endDate)", "members": Format.people(detail.challenge.members),
            "isMember": detail.isMember, "dayLabel": detail.dayNumber.map { "Day \($0) of \(details.lengthDays) for you today (\(detail.today))." } ?? "",
            "running": detail.dayNumber != nil, "checkedInToday": detail.checkedInToday,
            "streak": detail.streak.map { ["current": $0.current, "longest": $0.longest, "done": $0.daysDone,
                                           "percent": $0.daysDone * 100 / max(details.lengthDays, 1)] as ViewModel } as Any,
            "joinUrl": base + "/join", "leaveUrl": base + "/leave", "checkInUrl": base + "/check-ins",
            "feed": feed, "hasFeed": !feed.isEmpty, "form": form.model,
        ]
        return services.pages.page("challenge", model, title: details.title, context: context, nav: .community, status: status)
    }

    func act(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("challengeId", "challenge")
        switch context.parameters.get("action") {
        case "join":
            try await services.challenges.join(id, viewer: viewer)
            return cookies.redirect(SiteRoute.challenge(id), .challengeJoined)
        case "leave":
            try await services.challenges.leave(id, viewer: viewer)
            return cookies.redirect(SiteRoute.challenge(id), .challengeLeft)
        case "check-ins":
            let note = try await request.form().text("note")
            do {
                _ = try await services.challenges.checkIn(id, viewer: viewer, note: note)
                return cookies.redirect(SiteRoute.challenge(id), .checkedIn)
            } catch let rule as CommunityRuleViolation {
                return try await challenge(context, form: FormState(rule, typed: ["note": note]), status: Problem(rule).status)
            } catch IthacaError.conflict(let message) {
                return try await challenge(context, form: FormState(values: ["note": note], formError: message), status: .conflict)
            }
        default:
            throw IthacaError.notFound("page")
        }
    }

    func cheer(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("checkInId", "check-in")
        let cheer = try await services.challenges.cheer(id, viewer: viewer)
        return cookies.redirect(SiteRoute.challenge(cheer.challenge), .cheered)
    }
}

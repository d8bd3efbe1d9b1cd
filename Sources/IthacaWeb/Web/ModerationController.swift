import Foundation
import Hummingbird
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Reporting a post, and the moderators' page: open reports (hide with a reason, or dismiss) and the log of
/// decisions. Hiding and restoring are also offered next to each post for moderators.
struct ModerationController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post(RouterPath(SiteRoute.reports)) { request, context in try await report(request, context) }
        router.get(RouterPath(SiteRoute.moderation)) { request, context in try await page(request, context) }
        router.post(RouterPath(SiteRoute.moderationHide)) { request, context in try await decide(request, context, hide: true) }
        router.post(RouterPath(SiteRoute.moderationRestore)) { request, context in try await decide(request, context, hide: false) }
        router.post(RouterPath(SiteRoute.reportDismissPattern)) { _, context in try await dismiss(context) }
        router.post(RouterPath(SiteRoute.requestReportDismissPattern)) { _, context in try await resolveRequestReport(context) }
    }

    /// The target named by a form's `target` and `id` fields, and the question page it lives on.
    func target(_ form: FormData) async throws -> (ReportTarget, UUID, question: UUID) {
        guard let target = ReportTarget(rawValue: form.text("target")), let id = UUID(uuidString: form.text("id")) else {
            throw IthacaError.badRequest("Say which question or answer this is about.")
        }
        return (target, id, try await services.moderation.questionId(of: target, id))
    }

    func report(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let (target, id, question) = try await target(form)
        _ = try await services.moderation.report(target, id, reason: form.text("reason"), by: viewer)
        return cookies.redirect(SiteRoute.question(question), .reported)
    }

    func decide(_ request: Request, _ context: AppRequestContext, hide: Bool) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let (target, id, question) = try await target(form)
        if hide {
            try await services.moderation.hide(target, id, reason: form.text("reason"), by: viewer)
        } else {
            try await services.moderation.restore(target, id, by: viewer)
        }
        let back = form.text("back") == SiteRoute.moderation ? SiteRoute.moderation : SiteRoute.question(question)
        return cookies.redirect(back, hide ? .postHidden : .postRestored)
    }

    func dismiss(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        try await services.moderation.dismiss(try context.id("reportId", "report"), by: viewer)
        return cookies.redirect(SiteRoute.moderation, .reportDismissed)
    }

    func resolveRequestReport(_ context: AppRequestContext) async throws -> Response {
        try await services.mentorships.resolveRequestReport(try context.id("reportId", "report"), by: try context.signedIn())
        return cookies.redirect(SiteRoute.moderation, .requestReportResolved)
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let offset = try request.uri.queryParameters.get("cursor").map(DirectoryService.decodeCursor) ?? 0
        let queue = try await services.moderation.queue(for: viewer, offset: offset)
        let log = try await services.moderation.log(for: viewer, offset: 0)
        let reports = queue.items.map { item -> ViewModel in
            let r = item.report
            return ["questionTitle": r.questionTitle, "questionUrl": SiteRoute.question(r.questionId), "spaceName": item.spaceName,
                    "targetLabel": r.target.rawValue.capitalized, "authorLabel": item.authorLabel, "reporter": item.reporterName,
                    "reportReason": r.reason, "postHtml": Markdown.safeHTML(r.postBody), "reported": Format.timestamp(r.createdAt),
                    "target": r.target.rawValue, "targetId": r.targetId.uuidString.lowercased(),
                    "dismissUrl": "/moderation/reports/\(r.id.uuidString.lowercased())/dismiss"]
        }
        let entries = log.items.map { item -> ViewModel in
            let e = item.entry
            let verb = switch e.action { case .hide: "hid"; case .restore: "showed again"; case .dismiss: "dismissed a report on" }
            return ["entryText": "\(item.actorName) \(verb) \(e.target == .answer ? "an answer" : "a \(e.target.rawValue)") in \(item.spaceName)",
                    "entryUrl": SiteRoute.question(e.questionId), "entryReason": e.reason, "entryWhen": Format.timestamp(e.createdAt)]
        }
        var requestReports: [ViewModel] = []
        if viewer.isAdmin {
            let items = try await services.mentorships.requestReports(for: viewer)
            let names = try await services.profileStore.names(of: items.flatMap { [$0.request.menteeId, $0.request.mentorId] })
            requestReports = items.map { item in
                ["mentee": names[item.request.menteeId] ?? "A former member", "menteeUrl": SiteRoute.person(item.request.menteeId),
                 "mentor": names[item.request.mentorId] ?? "A former member", "goal": item.request.details.goal,
                 "message": item.request.details.message, "reason": item.reason, "when": Format.timestamp(item.createdAt),
                 "resolveUrl": SiteRoute.resolveRequestReport(item.id)]
            }
        }
        let model: ViewModel = [
            "requestReports": requestReports, "hasRequestReports": !requestReports.isEmpty,
            "reports": reports, "hasReports": !reports.isEmpty, "entries": entries, "hasEntries": !entries.isEmpty,
            "moreUrl": queue.next.map { SiteRoute.moderation + "?cursor=" + DirectoryService.encodeCursor($0) } ?? "",
            "isAdmin": viewer.isAdmin,
        ]
        return services.pages.page("moderation", model, title: "Moderation", context: context, nav: .community)
    }
}

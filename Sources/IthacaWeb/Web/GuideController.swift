import Foundation
import Hummingbird
import IthacaDomain

/// The seed's "boss or mentor?" guidance: a page anyone can read, and the panel members can hide (or bring back).
struct GuideController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.bossOrMentorGuide)) { _, context in page(context) }
        router.post(RouterPath(SiteRoute.dismissGuide)) { request, context in try await dismiss(request, context) }
    }

    func page(_ context: AppRequestContext) -> Response {
        let model: ViewModel = [
            "goalsUrl": SiteRoute.goals, "restoreUrl": SiteRoute.dismissGuide, "dismissed": context.viewer?.guideDismissed ?? false,
            "showGuide": false,
        ]
        return services.pages.page("guide", model, title: "Boss or mentor?", context: context, nav: .mentoring)
    }

    /// Hides the panel (or, with `show=1`, shows it again), then goes back to the page it was on.
    func dismiss(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let show = form.text("show") == "1"
        try await services.accounts.setGuideDismissed(viewer, !show)
        let back = SiteRoute.safeNext(form["back"]) ?? SiteRoute.safeNext(request.headers[.referer].flatMap { URL(string: $0)?.path }) ?? SiteRoute.mentoring
        return cookies.redirect(show ? SiteRoute.bossOrMentorGuide : back, .guideDismissed)
    }
}

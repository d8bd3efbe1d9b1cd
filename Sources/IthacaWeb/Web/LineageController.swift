import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// `/lineage`: the pay-it-forward web as a layered drawing with its text alternative, the people whose mentoring
/// reached furthest, one person's branch (`?person=`), and the setting that keeps a member out of it.
struct LineageController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.lineage)) { request, context in try await page(request, context) }
        router.post(RouterPath(SiteRoute.settingsLineage)) { request, context in try await setVisibility(request, context) }
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let focus = try request.uri.queryParameters.get("person").map { text in
            guard let id = UUID(uuidString: text) else { throw IthacaError.notFound("person") }
            return id
        }
        let web = try await services.lineage.web(focus: focus, for: viewer)
        let drawing = web.drawing
        let leaders = web.leaders.map { leader -> ViewModel in
            ["name": leader.name, "url": SiteRoute.person(leader.id), "branchUrl": SiteRoute.lineageBranch(leader.id),
             "direct": leader.direct, "downstream": leader.downstream, "total": leader.total, "generations": leader.generations]
        }
        let title = web.focus.map { "\($0.name)’s branch of the lineage" } ?? "The pay-it-forward web"
        let model: ViewModel = [
            "heading": title, "focusName": web.focus?.name ?? "", "focusUrl": web.focus.map { SiteRoute.person($0.id) } ?? "",
            "wholeUrl": SiteRoute.lineage, "isBranch": web.focus != nil,
            "hasPeople": !drawing.nodes.isEmpty, "people": Format.people(web.graph.count),
            "generations": drawing.generationCount, "longestChain": Format.people(drawing.longestChain),
            "omitted": drawing.omittedPeople > 0 ? Format.people(drawing.omittedPeople) : "",
            "svg": LineageSVG.render(drawing, personURL: SiteRoute.lineageBranch, highlight: web.focus?.id, title: title),
            "outline": LineageOutlineHTML.render(web.outline, personURL: SiteRoute.person),
            "leaders": leaders, "hasLeaders": !leaders.isEmpty, "settingsUrl": SiteRoute.settings + "#lineage-title",
        ]
        return services.pages.page("lineage", model, title: title, context: context, nav: .people)
    }

    func setVisibility(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let visible = try await request.form().text("visible") == "1"
        try await services.lineage.setVisible(visible, for: viewer)
        return cookies.redirect(SiteRoute.settings + "#lineage-title", visible ? .lineageShown : .lineageHidden)
    }
}

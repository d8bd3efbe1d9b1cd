import Foundation
import Hummingbird
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Learning paths on the web: the list with my progress, laying out a new path (up to eight steps picked in order,
/// no JavaScript needed), and a path's page where I follow it and tick steps off.
struct LearningPathsController {
    let services: AppServices
    let cookies: SessionCookies
    static let formSteps = 8

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.paths)) { request, context in try await list(request, context) }
        router.post(RouterPath(SiteRoute.paths)) { request, context in try await create(request, context) }
        router.get(RouterPath(SiteRoute.pathPattern)) { _, context in try await path(context) }
        router.post(RouterPath(SiteRoute.pathActionPattern)) { _, context in try await follow(context) }
        router.post(RouterPath(SiteRoute.pathStepPattern)) { _, context in try await step(context) }
    }

    func list(_ request: Request, _ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let offset = try request.uri.queryParameters.get("cursor").map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.learningPaths.paths(offset: offset)
        let authors = try await services.profileStore.names(of: page.items.compactMap(\.authorId))
        let mine = try await services.learningPaths.mine(viewer).map { entry -> ViewModel in
            ["mineTitle": entry.path.title, "mineUrl": SiteRoute.path(entry.path.id), "percent": entry.progress.percent,
             "progressText": "\(entry.progress.done) of \(entry.progress.total) steps done", "complete": entry.progress.isComplete]
        }
        let paths = page.items.map { path -> ViewModel in
            ["pathTitle": path.title, "pathUrl": SiteRoute.path(path.id), "pathGoal": path.goal,
             "facts": "\(path.stepCount) steps · \(Format.people(path.followers)) following · by \(path.authorId.flatMap { authors[$0] } ?? "a former member")"]
        }
        let resources = try await services.resources.list(space: nil, tag: nil, order: .recommended, offset: 0).items
        let chosen = form.values["steps"] as? [String] ?? []
        let stepFields = (0..<Self.formSteps).map { index -> ViewModel in
            ["number": index + 1, "fieldId": "step-\(index + 1)",
             "options": resources.map { resource -> ViewModel in
                 let value = resource.id.uuidString.lowercased()
                 return ["value": value, "label": resource.draft.title, "selected": index < chosen.count && chosen[index] == value]
             }]
        }
        var formModel = form.model
        formModel["stepFields"] = stepFields
        let model: ViewModel = [
            "mine": mine, "hasMine": !mine.isEmpty, "paths": paths, "hasPaths": !paths.isEmpty, "form": formModel, "url": SiteRoute.paths,
            "hasResources": resources.count >= 2,
            "moreUrl": page.next.map { SiteRoute.paths + "?cursor=" + DirectoryService.encodeCursor($0) } ?? "",
        ]
        return services.pages.page("paths", model, title: "Learning paths", context: context, nav: .community, status: status)
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let picked = (1...Self.formSteps).map { form.text("step\($0)") }.filter { !$0.isEmpty }
        let typed: ViewModel = ["title": form.text("title"), "goal": form.text("goal"), "description": form.text("description"), "steps": picked]
        do {
            let steps = picked.compactMap { UUID(uuidString: $0) }
            let id = try await services.learningPaths.create(
                LearningPathDraft(title: form.text("title"), goal: form.text("goal"), description: form.text("description"), steps: steps), by: viewer)
            return cookies.redirect(SiteRoute.path(id), .pathCreated)
        } catch let rule as CommunityRuleViolation {
            return try await list(request, context, form: FormState(rule, typed: typed), status: Problem(rule).status)
        }
    }

    func path(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("pathId", "learning path")
        let detail = try await services.learningPaths.detail(id, for: viewer)
        let base = SiteRoute.path(id)
        let steps = detail.steps.enumerated().map { index, step -> ViewModel in
            let done = detail.done.contains(step.resourceId)
            return ["position": index + 1, "stepTitle": step.title, "stepUrl": SiteRoute.resource(step.resourceId), "link": step.url,
                    "stepKind": step.kind.label, "stepLevel": step.level.label, "done": done, "isNext": detail.progress?.nextStep == step.resourceId,
                    "toggleUrl": base + "/steps/\(step.resourceId.uuidString.lowercased())/" + (done ? "reopen" : "done")]
        }
        let model: ViewModel = [
            "title": detail.path.title, "goal": detail.path.goal, "descriptionHtml": Markdown.safeHTML(detail.path.description),
            "author": detail.authorName, "followers": Format.people(detail.path.followers), "steps": steps, "following": detail.following,
            "progressText": detail.progress.map { "\($0.done) of \($0.total) steps done" } ?? "", "percent": detail.progress?.percent ?? 0,
            "complete": detail.progress?.isComplete ?? false, "followUrl": base + "/follow", "unfollowUrl": base + "/unfollow",
        ]
        return services.pages.page("path", model, title: detail.path.title, context: context, nav: .community)
    }

    func follow(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("pathId", "learning path")
        switch context.parameters.get("action") ?? "" {
        case "follow":
            try await services.learningPaths.follow(id, by: viewer)
            return cookies.redirect(SiteRoute.path(id), .pathFollowed)
        case "unfollow":
            try await services.learningPaths.unfollow(id, by: viewer)
            return cookies.redirect(SiteRoute.path(id), .pathUnfollowed)
        default:
            throw IthacaError.notFound("page")
        }
    }

    func step(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("pathId", "learning path")
        let resource = try context.id("resourceId", "step")
        let done = context.parameters.get("action") == "done"
        let detail = try await services.learningPaths.setDone(resource, in: id, done: done, by: viewer)
        return cookies.redirect(SiteRoute.path(id), done ? (detail.progress?.isComplete == true ? .pathCompleted : .stepDone) : .stepReopened)
    }
}

import Foundation
import Hummingbird
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Learning resources: the list (most recommended or newest, by tag), sharing one, and a resource's page with
/// its +1s and reviews. Shared links always carry rel="nofollow ugc noopener".
struct ResourcesController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.resources)) { request, context in try await list(request, context) }
        router.post(RouterPath(SiteRoute.resources)) { request, context in try await share(request, context) }
        router.get(RouterPath(SiteRoute.resourcePattern)) { _, context in try await resource(context) }
        router.post(RouterPath(SiteRoute.resourceRecommendPattern)) { _, context in try await recommend(context) }
        router.post(RouterPath(SiteRoute.resourceReviewPattern)) { request, context in try await review(request, context) }
    }

    func list(_ request: Request, _ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        _ = try context.signedIn()
        let tag = request.uri.queryParameters.get("tag") ?? ""
        let order = request.uri.queryParameters.get("order").flatMap(ResourceOrder.init(rawValue:)) ?? .recommended
        let offset = try request.uri.queryParameters.get("cursor").map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.resources.list(space: nil, tag: tag, order: order, offset: offset)
        let items = page.items.map { r -> ViewModel in
            ["title": r.draft.title, "url": SiteRoute.resource(r.id), "link": r.draft.url, "kind": r.draft.kind.label, "level": r.draft.level.label,
             "tags": r.draft.tags.map { ["name": $0, "url": "\(SiteRoute.resources)?tag=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"] as ViewModel },
             "recommendations": r.recommendations == 1 ? "1 recommendation" : "\(r.recommendations) recommendations",
             "sharedBy": page.names[r.authorId] ?? "A former member"]
        }
        let encodedTag = tag.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        var formModel = form.model
        let values = form.values
        formModel["kinds"] = ResourceKind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": (values["kind"] as? String) == $0.rawValue] as ViewModel }
        formModel["levels"] = ResourceLevel.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": (values["level"] as? String) == $0.rawValue] as ViewModel }
        let model: ViewModel = [
            "items": items, "hasItems": !items.isEmpty, "tag": tag, "url": SiteRoute.resources, "form": formModel,
            "orders": ResourceOrder.allCases.map { o in
                ["label": o == .recommended ? "Most recommended" : "Newest", "url": "\(SiteRoute.resources)?order=\(o.rawValue)&tag=\(encodedTag)",
                 "current": o == order] as ViewModel
            },
            "nextUrl": page.next.map { "\(SiteRoute.resources)?order=\(order.rawValue)&tag=\(encodedTag)&cursor=\(DirectoryService.encodeCursor($0))" } ?? "",
        ]
        return services.pages.page("resources", model, title: tag.isEmpty ? "Resources" : "Resources: \(tag)", context: context, nav: .community, status: status)
    }

    func share(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let typed: ViewModel = ["title": form.text("title"), "link": form.text("link"), "description": form.text("description"),
                                "kind": form.text("kind"), "level": form.text("level"), "tags": form.text("tags")]
        do {
            let resource = try await services.resources.share(
                ResourceDraft(
                    title: form.text("title"), url: form.text("link"), description: form.text("description"),
                    kind: ResourceKind(rawValue: form.text("kind")) ?? .link, level: ResourceLevel(rawValue: form.text("level")) ?? .beginner,
                    tags: SkillTag.parseList(form.text("tags"))),
                in: nil, by: viewer)
            return cookies.redirect(SiteRoute.resource(resource.id), .resourceShared)
        } catch let rule as CommunityRuleViolation {
            // The form names the address field "link"; the rules call it "url".
            var state = FormState(rule, typed: typed)
            state.errors = state.errors.map { $0.field == "url" ? FieldError(field: "link", message: $0.message) : $0 }
            return try await list(request, context, form: state, status: Problem(rule).status)
        }
    }

    func resource(_ context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let detail = try await services.resources.detail(try context.id("resourceId", "resource"), for: viewer)
        let r = detail.resource
        let base = SiteRoute.resource(r.id)
        let model: ViewModel = [
            "title": r.draft.title, "link": r.draft.url, "descriptionHtml": Markdown.safeHTML(r.draft.description),
            "kind": r.draft.kind.label, "level": r.draft.level.label, "tags": r.draft.tags, "sharedBy": detail.authorName,
            "sharedByUrl": SiteRoute.person(r.authorId), "space": detail.spaceName ?? "", "when": Format.timestamp(r.createdAt),
            "recommendations": r.recommendations == 1 ? "1 recommendation" : "\(r.recommendations) recommendations",
            "canRecommend": r.authorId != viewer.id && !detail.recommendedByMe, "recommendedByMe": detail.recommendedByMe,
            "recommendUrl": base + "/recommend", "reviewUrl": base + "/reviews",
            "reviews": detail.reviews.map { ["name": $0.name, "body": $0.review.body, "when": Format.timestamp($0.review.createdAt)] as ViewModel },
            "hasReviews": !detail.reviews.isEmpty,
        ]
        return services.pages.page("resource", model, title: r.draft.title, context: context, nav: .community, status: status)
    }

    func recommend(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("resourceId", "resource")
        _ = try await services.resources.recommend(id, by: viewer)
        return cookies.redirect(SiteRoute.resource(id), .resourceRecommended)
    }

    func review(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("resourceId", "resource")
        do {
            try await services.resources.review(id, by: viewer, body: try await request.form().text("review"))
        } catch let rule as CommunityRuleViolation {
            throw IthacaError.badRequest(rule.message)
        }
        return cookies.redirect(SiteRoute.resource(id), .reviewSaved)
    }
}

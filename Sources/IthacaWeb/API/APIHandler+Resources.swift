import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage

/// Learning resources through the JSON API.
extension APIHandler {
    func listResources(_ input: Operations.ListResources.Input) async throws -> Operations.ListResources.Output {
        _ = try viewer()
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let order = input.query.order.flatMap { ResourceOrder(rawValue: $0.rawValue) } ?? .recommended
        let page = try await services.resources.list(space: input.query.space, tag: input.query.tag, order: order, offset: offset)
        return .ok(.init(body: .json(.init(
            items: page.items.map { Self.resource($0, author: page.names[$0.authorId] ?? "A former member", detail: nil) },
            nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }

    func shareResource(_ input: Operations.ShareResource.Input) async throws -> Operations.ShareResource.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let draft = ResourceDraft(
            title: body.title, url: body.url, description: body.description ?? "",
            kind: body.kind.flatMap { ResourceKind(rawValue: $0.rawValue) } ?? .link,
            level: body.level.flatMap { ResourceLevel(rawValue: $0.rawValue) } ?? .beginner, tags: body.tags ?? [])
        let resource = try await services.resources.share(draft, in: body.space, by: viewer)
        return .created(.init(body: .json(Self.resource(resource, author: viewer.name, detail: nil))))
    }

    func getResource(_ input: Operations.GetResource.Input) async throws -> Operations.GetResource.Output {
        let viewer = try viewer()
        let detail = try await services.resources.detail(try Self.id(input.path.resourceId, "resource"), for: viewer)
        return .ok(.init(body: .json(Self.resource(detail.resource, author: detail.authorName, detail: detail))))
    }

    func recommendResource(_ input: Operations.RecommendResource.Input) async throws -> Operations.RecommendResource.Output {
        let count = try await services.resources.recommend(try Self.id(input.path.resourceId, "resource"), by: try viewer())
        return .ok(.init(body: .json(.init(recommendations: count))))
    }

    func reviewResource(_ input: Operations.ReviewResource.Input) async throws -> Operations.ReviewResource.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let id = try Self.id(input.path.resourceId, "resource")
        try await services.resources.review(id, by: viewer, body: body.body)
        let detail = try await services.resources.detail(id, for: viewer)
        return .created(.init(body: .json(Self.resource(detail.resource, author: detail.authorName, detail: detail))))
    }

    static func resource(_ r: StoredResource, author: String, detail: ResourceService.Detail?) -> Components.Schemas.Resource {
        .init(
            id: r.id.uuidString, title: r.draft.title, url: r.draft.url, description: r.draft.description,
            kind: .init(rawValue: r.draft.kind.rawValue) ?? .link, level: .init(rawValue: r.draft.level.rawValue) ?? .beginner,
            tags: r.draft.tags, recommendations: r.recommendations, recommendedByMe: detail?.recommendedByMe, author: author,
            space: detail?.spaceName, createdAt: r.createdAt,
            reviews: detail.map { $0.reviews.map { .init(author: $0.name, body: $0.review.body, createdAt: $0.review.createdAt) } })
    }
}

import Foundation
import IthacaDomain
import IthacaStorage

/// Shared learning resources: anyone signed in shares one (in a space they belong to, or for everyone); others
/// recommend it (+1, not their own) and review it (one short review each).
public struct ResourceService: Sendable {
    let store: ResourceStore
    let community: CommunityStore
    let profiles: ProfileStore
    let posting: PostingGuard
    let clock: AppClock
    public static let pageSize = 20

    public struct Detail: Sendable {
        public let resource: StoredResource
        public let authorName: String
        public let spaceName: String?
        public let reviews: [(review: StoredReview, name: String)]
        public let recommendedByMe: Bool
    }

    public func list(space key: String?, tag: String?, order: ResourceOrder, offset: Int)
        async throws -> (items: [StoredResource], next: Int?, names: [UUID: String])
    {
        var space: UUID?
        if let key, !key.isEmpty {
            guard let found = try await community.space(key) else { throw IthacaError.notFound("space") }
            space = found.id
        }
        let items = try await store.resources(space: space, tag: tag, order: order, offset: offset, limit: Self.pageSize + 1)
        let page = Array(items.prefix(Self.pageSize))
        return (page, items.count > Self.pageSize ? offset + Self.pageSize : nil, try await profiles.names(of: page.map(\.authorId)))
    }

    public func share(_ draft: ResourceDraft, in spaceKey: String?, by viewer: Viewer) async throws -> StoredResource {
        let valid = try draft.validated()
        var space: UUID?
        if let spaceKey, !spaceKey.isEmpty {
            guard let found = try await community.space(spaceKey) else { throw IthacaError.invalid("space", "There is no such space.") }
            guard try await community.role(in: found.id, of: viewer.id) != nil else { throw CommunityRuleViolation.notAMember(space: found.name) }
            space = found.id
        }
        try await posting.admit(viewer)
        return try await store.add(valid, space: space, author: viewer.id, now: clock.now())
    }

    public func detail(_ id: UUID, for viewer: Viewer) async throws -> Detail {
        guard let resource = try await store.resource(id) else { throw IthacaError.notFound("resource") }
        let reviews = try await store.reviews(of: id)
        let names = try await profiles.names(of: reviews.map(\.personId) + [resource.authorId])
        var spaceName: String?
        if let space = resource.spaceId { spaceName = try await community.space(id: space)?.name }
        return Detail(
            resource: resource, authorName: names[resource.authorId] ?? "A former member", spaceName: spaceName,
            reviews: reviews.map { ($0, names[$0.personId] ?? "A former member") },
            recommendedByMe: try await store.hasRecommended(id, by: viewer.id))
    }

    public func recommend(_ id: UUID, by viewer: Viewer) async throws -> Int {
        guard let resource = try await store.resource(id) else { throw IthacaError.notFound("resource") }
        guard resource.authorId != viewer.id else {
            throw IthacaError.invalid("resource", "Others recommend what you share; your own +1 would not tell anyone anything.")
        }
        return try await store.recommend(id, by: viewer.id)
    }

    public func review(_ id: UUID, by viewer: Viewer, body: String) async throws {
        guard try await store.resource(id) != nil else { throw IthacaError.notFound("resource") }
        try await store.review(id, by: viewer.id, body: try ResourceReview.validated(body), now: clock.now())
    }
}

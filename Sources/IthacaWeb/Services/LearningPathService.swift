import Foundation
import IthacaDomain
import IthacaStorage

/// Learning paths: anyone signed in lays out resources in order toward a goal; members follow a path, tick off
/// steps, and see their own progress (nobody else does).
public struct LearningPathService: Sendable {
    let store: LearningPathStore
    let profiles: ProfileStore
    let clock: AppClock
    public static let pageSize = 30

    public struct Detail: Sendable {
        public let path: StoredLearningPath
        public let authorName: String
        public let steps: [StoredPathStep]
        public let following: Bool
        /// Only for the viewer, and only while they follow the path.
        public let progress: PathProgress?
        public let done: Set<UUID>
    }

    public func create(_ draft: LearningPathDraft, by viewer: Viewer) async throws -> UUID {
        let checked = try draft.validated()
        let known = try await store.existingResources(checked.steps)
        if known.count != checked.steps.count {
            throw CommunityRuleViolation.invalidFields([FieldError(field: "steps", message: "One of the steps is not a shared resource (any more).")])
        }
        let id = try await store.create(checked, author: viewer.id, now: clock.now())
        try await store.follow(id, person: viewer.id, now: clock.now())
        return id
    }

    public func paths(offset: Int) async throws -> (items: [StoredLearningPath], next: Int?) {
        let items = try await store.paths(offset: offset, limit: Self.pageSize + 1)
        return (Array(items.prefix(Self.pageSize)), items.count > Self.pageSize ? offset + Self.pageSize : nil)
    }

    func path(_ id: UUID) async throws -> StoredLearningPath {
        guard let path = try await store.path(id) else { throw IthacaError.notFound("learning path") }
        return path
    }

    public func detail(_ id: UUID, for viewer: Viewer) async throws -> Detail {
        let path = try await path(id)
        let steps = try await store.steps(of: id)
        let following = try await store.isFollowing(id, person: viewer.id)
        let done = following ? try await store.done(in: id, person: viewer.id) : []
        return Detail(path: path, authorName: try await path.authorId.asyncName(profiles), steps: steps, following: following,
                      progress: following ? PathProgress(steps: steps.map(\.resourceId), done: done) : nil, done: done)
    }

    public func follow(_ id: UUID, by viewer: Viewer) async throws {
        _ = try await path(id)
        try await store.follow(id, person: viewer.id, now: clock.now())
    }

    public func unfollow(_ id: UUID, by viewer: Viewer) async throws {
        _ = try await path(id)
        try await store.unfollow(id, person: viewer.id)
    }

    /// Ticks a step off (following the path if not yet), or unticks it.
    public func setDone(_ resource: UUID, in id: UUID, done: Bool, by viewer: Viewer) async throws -> Detail {
        _ = try await path(id)
        guard try await store.steps(of: id).contains(where: { $0.resourceId == resource }) else { throw IthacaError.notFound("step") }
        if done { try await store.follow(id, person: viewer.id, now: clock.now()) }
        try await store.setDone(resource, in: id, person: viewer.id, done: done, now: clock.now())
        return try await detail(id, for: viewer)
    }

    public func followedIds(_ viewer: Viewer) async throws -> Set<UUID> {
        Set(try await store.followed(by: viewer.id).map(\.id))
    }

    /// The viewer's paths with their progress, for their own pages.
    public func mine(_ viewer: Viewer) async throws -> [(path: StoredLearningPath, progress: PathProgress)] {
        var result: [(StoredLearningPath, PathProgress)] = []
        for path in try await store.followed(by: viewer.id) {
            let steps = try await store.steps(of: path.id).map(\.resourceId)
            result.append((path, PathProgress(steps: steps, done: try await store.done(in: path.id, person: viewer.id))))
        }
        return result
    }
}

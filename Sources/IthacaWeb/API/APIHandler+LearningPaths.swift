import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage
import OpenAPIRuntime

/// Learning paths through the JSON API.
extension APIHandler {
    func listLearningPaths(_ input: Operations.ListLearningPaths.Input) async throws -> Operations.ListLearningPaths.Output {
        let viewer = try viewer()
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.learningPaths.paths(offset: offset)
        let authors = try await services.profileStore.names(of: page.items.compactMap(\.authorId))
        let mine = try await services.learningPaths.followedIds(viewer)
        return .ok(.init(body: .json(.init(
            items: page.items.map {
                var path = Self.path($0, author: $0.authorId.flatMap { authors[$0] } ?? "A former member")
                path.following = mine.contains($0.id)
                return path
            },
            nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }

    func createLearningPath(_ input: Operations.CreateLearningPath.Input) async throws -> Operations.CreateLearningPath.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        var steps: [UUID] = []
        for step in body.steps {
            guard let id = UUID(uuidString: step) else {
                throw IthacaError.validation([FieldError(field: "steps", message: "“\(step.prefix(40))” is not a resource id.")])
            }
            steps.append(id)
        }
        let id = try await services.learningPaths.create(
            LearningPathDraft(title: body.title, goal: body.goal, description: body.description ?? "", steps: steps), by: viewer)
        return .created(.init(body: .json(Self.path(try await services.learningPaths.detail(id, for: viewer)))))
    }

    func getLearningPath(_ input: Operations.GetLearningPath.Input) async throws -> Operations.GetLearningPath.Output {
        .ok(.init(body: .json(Self.path(try await services.learningPaths.detail(try Self.id(input.path.pathId, "learning path"), for: try viewer())))))
    }

    func followLearningPath(_ input: Operations.FollowLearningPath.Input) async throws -> Operations.FollowLearningPath.Output {
        try await services.learningPaths.follow(try Self.id(input.path.pathId, "learning path"), by: try viewer())
        return .noContent(.init())
    }

    func unfollowLearningPath(_ input: Operations.UnfollowLearningPath.Input) async throws -> Operations.UnfollowLearningPath.Output {
        try await services.learningPaths.unfollow(try Self.id(input.path.pathId, "learning path"), by: try viewer())
        return .noContent(.init())
    }

    func completePathStep(_ input: Operations.CompletePathStep.Input) async throws -> Operations.CompletePathStep.Output {
        let detail = try await services.learningPaths.setDone(
            try Self.id(input.path.resourceId, "step"), in: try Self.id(input.path.pathId, "learning path"), done: true, by: try viewer())
        return .ok(.init(body: .json(Self.path(detail))))
    }

    func reopenPathStep(_ input: Operations.ReopenPathStep.Input) async throws -> Operations.ReopenPathStep.Output {
        let detail = try await services.learningPaths.setDone(
            try Self.id(input.path.resourceId, "step"), in: try Self.id(input.path.pathId, "learning path"), done: false, by: try viewer())
        return .ok(.init(body: .json(Self.path(detail))))
    }

    static func path(_ p: StoredLearningPath, author: String) -> Components.Schemas.LearningPath {
        .init(id: p.id.uuidString, title: p.title, goal: p.goal, description: p.description, author: author, followers: p.followers,
              stepCount: p.stepCount, following: false)
    }

    static func path(_ detail: LearningPathService.Detail) -> Components.Schemas.LearningPath {
        var path = path(detail.path, author: detail.authorName)
        path.following = detail.following
        path.steps = detail.steps.map {
            .init(resourceId: $0.resourceId.uuidString, title: $0.title, url: $0.url, kind: $0.kind.rawValue, level: $0.level.rawValue,
                  done: detail.following ? detail.done.contains($0.resourceId) : nil)
        }
        path.myProgress = detail.progress.map {
            .init(done: $0.done, total: $0.total, percent: $0.percent, nextStep: $0.nextStep?.uuidString)
        }
        return path
    }
}

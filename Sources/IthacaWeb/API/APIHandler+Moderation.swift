import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage
import OpenAPIRuntime

/// Reports, hiding and restoring posts, and the moderator log through the JSON API.
extension APIHandler {
    func reportPost(_ input: Operations.ReportPost.Input) async throws -> Operations.ReportPost.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let target = ReportTarget(rawValue: body.target.rawValue) ?? .answer
        let id = try await services.moderation.report(target, try Self.id(body.id, target.rawValue), reason: body.reason, by: try viewer())
        return .created(.init(body: .json(.init(id: id.uuidString, status: .open))))
    }

    func listReports(_ input: Operations.ListReports.Input) async throws -> Operations.ListReports.Output {
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.moderation.queue(for: try viewer(), offset: offset)
        return .ok(.init(body: .json(.init(items: page.items.map { item in
            let r = item.report
            return .init(
                id: r.id.uuidString, target: .init(rawValue: r.target.rawValue) ?? .answer, targetId: r.targetId.uuidString,
                questionId: r.questionId.uuidString, questionTitle: r.questionTitle, space: item.spaceName, reason: r.reason,
                reportedBy: item.reporterName, author: item.authorLabel, post: r.postBody, createdAt: r.createdAt)
        }, nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }

    func dismissReport(_ input: Operations.DismissReport.Input) async throws -> Operations.DismissReport.Output {
        try await services.moderation.dismiss(try Self.id(input.path.reportId, "report"), by: try viewer())
        return .noContent(.init())
    }

    func hidePost(_ input: Operations.HidePost.Input) async throws -> Operations.HidePost.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let target = ReportTarget(rawValue: body.target.rawValue) ?? .answer
        try await services.moderation.hide(target, try Self.id(body.id, target.rawValue), reason: body.reason ?? "", by: try viewer())
        return .noContent(.init())
    }

    func restorePost(_ input: Operations.RestorePost.Input) async throws -> Operations.RestorePost.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let target = ReportTarget(rawValue: body.target.rawValue) ?? .answer
        try await services.moderation.restore(target, try Self.id(body.id, target.rawValue), by: try viewer())
        return .noContent(.init())
    }

    func moderationLog(_ input: Operations.ModerationLog.Input) async throws -> Operations.ModerationLog.Output {
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.moderation.log(for: try viewer(), offset: offset)
        return .ok(.init(body: .json(.init(items: page.items.map { item in
            let e = item.entry
            return .init(
                id: e.id.uuidString, action: .init(rawValue: e.action.rawValue) ?? .hide, target: .init(rawValue: e.target.rawValue) ?? .answer,
                targetId: e.targetId.uuidString, questionId: e.questionId.uuidString, space: item.spaceName, moderator: item.actorName,
                reason: e.reason, createdAt: e.createdAt)
        }, nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }
}

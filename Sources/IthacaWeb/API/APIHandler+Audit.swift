import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage

/// The audit log through the JSON API (site admins only).
extension APIHandler {
    func auditLog(_ input: Operations.AuditLog.Input) async throws -> Operations.AuditLog.Output {
        let q = input.query
        let filter = try AuditService.filter(action: q.action?.rawValue, programId: q.programId, from: q.from, to: q.to)
        let page = try await services.audit.page(
            filter, after: try AuditService.decodeCursor(q.cursor), limit: q.limit ?? 50, for: try viewer())
        return .ok(.init(body: .json(.init(
            items: page.entries.map { e in
                .init(
                    id: e.id.uuidString.lowercased(), occurredAt: e.occurredAt, actorId: e.actorId?.uuidString.lowercased(), actor: e.actorName,
                    action: .init(rawValue: e.action.rawValue) ?? .program_created, label: e.action.label,
                    objectKind: .init(rawValue: e.objectKind.rawValue) ?? .site, objectId: e.objectId,
                    programId: e.programId?.uuidString.lowercased(), summary: e.summary)
            },
            nextCursor: page.next.map(AuditService.encode)))))
    }
}

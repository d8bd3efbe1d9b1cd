import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// The audit log for site admins: filter by action, program and days, page back in time, download as CSV.
/// Everyone else gets "not found".
struct AuditController {
    let services: AppServices
    static let pageSize = 50

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.audit)) { request, context in try await page(request, context) }
        router.get(RouterPath(SiteRoute.auditCSV)) { request, context in try await csv(request, context) }
    }

    func filter(_ request: Request) throws -> (AuditFilter, query: [(String, String)]) {
        let q = request.uri.queryParameters
        let raw = ["action", "programId", "from", "to"].map { ($0, q.get($0) ?? "") }
        let filter = try AuditService.filter(action: raw[0].1, programId: raw[1].1, from: raw[2].1, to: raw[3].1)
        return (filter, raw.filter { !$0.1.isEmpty })
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        guard viewer.isAdmin else { throw IthacaError.notFound("page") }
        let (filter, query) = try filter(request)
        let cursor = try AuditService.decodeCursor(request.uri.queryParameters.get("cursor"))
        let page = try await services.audit.page(filter, after: cursor, limit: Self.pageSize, for: viewer)
        let programs = try await services.programs.programs(for: viewer).map(\.program)
        let programNames = Dictionary(programs.map { ($0.id, $0.details.name) }, uniquingKeysWith: { first, _ in first })
        let entries = page.entries.map { entry -> ViewModel in
            [
                "when": Format.timestamp(entry.occurredAt), "iso": Format.iso(entry.occurredAt), "actor": entry.actorName,
                "actorUrl": entry.actorId.map(SiteRoute.person) ?? "", "action": entry.action.label, "summary": entry.summary,
                "objectUrl": Self.link(entry) ?? "", "objectLabel": Self.objectLabel(entry, programNames: programNames),
            ]
        }
        let model: ViewModel = [
            "entries": entries, "hasEntries": !entries.isEmpty, "url": SiteRoute.audit,
            "actions": AuditAction.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == filter.action] as ViewModel },
            "programs": programs.map { ["value": $0.id.uuidString.lowercased(), "label": $0.details.name, "selected": $0.id == filter.programId] as ViewModel },
            "from": request.uri.queryParameters.get("from") ?? "", "to": request.uri.queryParameters.get("to") ?? "",
            "csvUrl": SiteRoute.auditCSV + SiteRoute.query(query),
            "olderUrl": page.next.map { SiteRoute.audit + SiteRoute.query(query + [("cursor", AuditService.encode($0))]) } ?? "",
            "isFiltered": !query.isEmpty,
        ]
        return services.pages.page("audit", model, title: "Audit log", context: context, nav: .programs)
    }

    func csv(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        guard viewer.isAdmin else { throw IthacaError.notFound("page") }
        let (filter, _) = try filter(request)
        var text = CSVText.row(["occurred_at", "actor_id", "actor", "action", "object_kind", "object_id", "program_id", "summary"])
        try await services.audit.all(filter, for: viewer) { entries in
            for e in entries {
                text += CSVText.row([
                    Format.iso(e.occurredAt), e.actorId?.uuidString.lowercased() ?? "", e.actorName, e.action.rawValue, e.objectKind.rawValue,
                    e.objectId, e.programId?.uuidString.lowercased() ?? "", e.summary,
                ])
            }
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"audit-log.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Where the entry's object can be seen, when it has a page.
    static func link(_ entry: AuditEntry) -> String? {
        guard let id = UUID(uuidString: entry.objectId) else { return nil }
        switch entry.objectKind {
        case .program: return SiteRoute.program(id)
        case .round: return SiteRoute.round(id)
        case .question: return SiteRoute.question(id)
        case .person: return entry.action == .accountErased ? nil : SiteRoute.person(id)
        case .space, .answer, .comment, .request, .site: return nil
        }
    }

    static func objectLabel(_ entry: AuditEntry, programNames: [UUID: String]) -> String {
        switch entry.objectKind {
        case .program: UUID(uuidString: entry.objectId).flatMap { programNames[$0] } ?? "A program"
        case .round: "Round " + entry.objectId.prefix(8)
        case .site: "The whole site"
        case .person: entry.action == .accountErased ? "A former member" : "A member"
        default: entry.objectKind.rawValue.capitalized + " " + entry.objectId.prefix(8)
        }
    }
}

import Foundation
import IthacaDomain
import IthacaStorage

/// The audit log: services record every admin action (inside the action's transaction when it has one); site admins
/// read it. Everyone else is told the pages do not exist.
public struct AuditService: Sendable {
    let store: AuditLogStore
    let clock: AppClock

    /// The most entries one page or API call returns.
    public static let maximumPageSize = 200

    /// Records `action` by `viewer` (nil: the command line, or a member erasing themselves). `summary` must be fixed
    /// words, names and counts only.
    func record(
        _ action: AuditAction, by viewer: Viewer?, on kind: AuditObjectKind, _ objectId: String, program: UUID? = nil, summary: String = ""
    ) async throws {
        let actor = viewer?.name ?? (action == .accountErased ? "A former member" : "Command line")
        try await store.append(AuditEntry(
            occurredAt: clock.now(), actorId: viewer?.id, actorName: actor, action: action, objectKind: kind,
            objectId: objectId, programId: program, summary: summary.isEmpty ? action.label : summary))
    }

    func record(_ action: AuditAction, by viewer: Viewer?, on kind: AuditObjectKind, _ objectId: UUID, program: UUID? = nil, summary: String = "")
        async throws
    {
        try await record(action, by: viewer, on: kind, objectId.uuidString.lowercased(), program: program, summary: summary)
    }

    /// A page of entries, newest first; site admins only (404 for anyone else: the page's existence is not advertised).
    public func page(_ filter: AuditFilter, after cursor: AuditCursor?, limit: Int, for viewer: Viewer) async throws
        -> (entries: [AuditEntry], next: AuditCursor?)
    {
        guard viewer.isAdmin else { throw IthacaError.notFound("page") }
        return try await store.page(filter, after: cursor, limit: min(max(limit, 1), Self.maximumPageSize))
    }

    /// Every matching entry, page by page, for the CSV export.
    public func all(_ filter: AuditFilter, for viewer: Viewer, each: ([AuditEntry]) throws -> Void) async throws {
        var cursor: AuditCursor?
        repeat {
            let page = try await page(filter, after: cursor, limit: Self.maximumPageSize, for: viewer)
            try each(page.entries)
            cursor = page.next
        } while cursor != nil
    }
}

extension AuditService {
    /// The filter named by query parameters (`action`, `programId`, `from`, `to` as YYYY-MM-DD, UTC days, `to`
    /// inclusive); a value that names nothing is a 400 that says which parameter is wrong.
    public static func filter(action: String?, programId: String?, from: String?, to: String?) throws -> AuditFilter {
        var filter = AuditFilter()
        if let action = action.flatMap(\.nonEmpty) {
            guard let known = AuditAction(rawValue: action) else {
                throw IthacaError.badRequest("The action “\(action.prefix(40))” is not one the audit log records.")
            }
            filter.action = known
        }
        if let program = programId.flatMap(\.nonEmpty) {
            guard let id = UUID(uuidString: program) else { throw IthacaError.badRequest("programId must be a program's id.") }
            filter.programId = id
        }
        filter.from = try day(from, "from")
        filter.until = try day(to, "to").map { $0.addingTimeInterval(86_400) }
        if let start = filter.from, let end = filter.until, end <= start {
            throw IthacaError.badRequest("The “to” day must not be before the “from” day.")
        }
        return filter
    }

    static func day(_ text: String?, _ name: String) throws -> Date? {
        guard let text = text.flatMap(\.nonEmpty) else { return nil }
        guard CalendarDay.isValid(text), let date = ISO8601DateFormatter().date(from: text + "T00:00:00Z") else {
            throw IthacaError.badRequest("\(name) must be a day written YYYY-MM-DD.")
        }
        return date
    }

    /// A page cursor as links carry it: the entry's time (exact, as stored) and id.
    public static func encode(_ cursor: AuditCursor) -> String {
        "\(cursor.occurredAt.timeIntervalSince1970)_\(cursor.id.uuidString.lowercased())"
    }

    public static func decodeCursor(_ text: String?) throws -> AuditCursor? {
        guard let text = text.flatMap(\.nonEmpty) else { return nil }
        let parts = text.split(separator: "_")
        guard parts.count == 2, let seconds = Double(parts[0]), seconds.isFinite, let id = UUID(uuidString: String(parts[1])) else {
            throw IthacaError.badRequest("The cursor is not one this log gave out; start again from the first page.")
        }
        return AuditCursor(occurredAt: Date(timeIntervalSince1970: seconds), id: id)
    }
}

extension String {
    /// Nil for an empty string (query parameters left blank in a form).
    var nonEmpty: String? { isEmpty ? nil : self }
}

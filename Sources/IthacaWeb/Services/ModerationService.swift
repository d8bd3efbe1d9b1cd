import Foundation
import IthacaDomain
import IthacaStorage

/// Reports, hiding and the moderator log. Moderators act in the spaces they moderate, site admins everywhere. Only
/// site admins learn who asked an anonymous question, and only here, on a report about it.
public struct ModerationService: Sendable {
    let store: ModerationStore
    let community: CommunityStore
    let profiles: ProfileStore
    let notifications: NotificationService
    let audit: AuditService
    let clock: AppClock
    public static let pageSize = 30

    public struct QueueItem: Sendable {
        public let report: StoredReport
        public let spaceName: String
        public let authorLabel: String
        public let reporterName: String
    }

    public struct LogItem: Sendable {
        public let entry: StoredModerationEntry
        public let spaceName: String
        public let actorName: String
    }

    /// The spaces the viewer moderates; nil means all of them (a site admin).
    func moderatedSpaces(_ viewer: Viewer) async throws -> [UUID]? {
        viewer.isAdmin ? nil : try await community.moderatedSpaces(of: viewer.id)
    }

    public func isModerator(_ viewer: Viewer) async throws -> Bool {
        guard let spaces = try await moderatedSpaces(viewer) else { return true }
        return !spaces.isEmpty
    }

    func requireModerator(of space: UUID, _ viewer: Viewer) async throws {
        if viewer.isAdmin { return }
        guard try await community.role(in: space, of: viewer.id) == "moderator" else { throw CommunityRuleViolation.moderatorsOnly }
    }

    /// The post being reported or moderated, with its question.
    struct Post {
        let question: StoredQuestion
        let authorId: UUID
        let hiddenReason: String?
    }

    func post(_ target: ReportTarget, _ id: UUID) async throws -> Post {
        switch target {
        case .question:
            guard let question = try await community.question(id: id) else { throw IthacaError.notFound("question") }
            return Post(question: question, authorId: question.authorId, hiddenReason: question.hiddenReason)
        case .answer:
            guard let answer = try await community.answer(id: id), let question = try await community.question(id: answer.questionId) else {
                throw IthacaError.notFound("answer")
            }
            return Post(question: question, authorId: answer.authorId, hiddenReason: answer.hiddenReason)
        case .comment:
            guard let comment = try await community.comment(id: id), let questionId = comment.questionId,
                  let question = try await community.question(id: questionId) else { throw IthacaError.notFound("comment") }
            return Post(question: question, authorId: comment.authorId, hiddenReason: comment.hiddenReason)
        }
    }

    public func report(_ target: ReportTarget, _ id: UUID, reason: String, by viewer: Viewer) async throws -> UUID {
        let post = try await post(target, id)
        if post.hiddenReason != nil || post.question.hiddenReason != nil { throw IthacaError.notFound(target.rawValue) }
        let text = try ModerationRules.validatedReport(reason: reason, reporterIsAuthor: post.authorId == viewer.id)
        let store = store, notifications = notifications, community = community, now = clock.now()
        return try await notifications.database.transaction { _ in
            guard let reportId = try await store.report(
                target, id, question: post.question.id, space: post.question.spaceId, reporter: viewer.id, reason: text, now: now)
            else { throw CommunityRuleViolation.alreadyReported }
            try await notifications.send(
                to: try await community.moderators(of: post.question.spaceId), except: viewer.id, .moderation,
                "A post was reported on “\(post.question.title)”.", url: "/moderation")
            return reportId
        }
    }

    public func queue(for viewer: Viewer, offset: Int) async throws -> (items: [QueueItem], next: Int?) {
        guard try await isModerator(viewer) else { throw CommunityRuleViolation.moderatorsOnly }
        let reports = try await store.openReports(in: try await moderatedSpaces(viewer), offset: offset, limit: Self.pageSize + 1)
        let page = Array(reports.prefix(Self.pageSize))
        let names = try await profiles.names(of: page.flatMap { [$0.authorId] + ($0.reporterId.map { [$0] } ?? []) })
        let spaces = Dictionary(uniqueKeysWithValues: try await community.spaces().map { ($0.id, $0.name) })
        let items = page.map { report in
            let author = names[report.authorId] ?? "A former member"
            // An anonymous asker stays "a member" to moderators; site admins see the name, here and nowhere else.
            let label = report.anonymous ? (viewer.isAdmin ? "\(author) (asked anonymously)" : "A member (asked anonymously)") : author
            return QueueItem(report: report, spaceName: spaces[report.spaceId] ?? "", authorLabel: label,
                             reporterName: report.reporterId.flatMap { names[$0] } ?? "A former member")
        }
        return (items, reports.count > Self.pageSize ? offset + Self.pageSize : nil)
    }

    /// Hides a post with a reason its author will read; every open report on it is resolved.
    public func hide(_ target: ReportTarget, _ id: UUID, reason: String, by viewer: Viewer) async throws {
        let post = try await post(target, id)
        try await requireModerator(of: post.question.spaceId, viewer)
        let text = try ModerationRules.validatedHideReason(reason)
        let store = store, notifications = notifications, community = community, audit = audit, now = clock.now()
        try await notifications.database.transaction { _ in
            try await community.setHidden(target, id, reason: text, now: now)
            try await audit.record(.postHidden, by: viewer, on: target.auditKind, id, summary: "Hid a \(target.rawValue) in a space they moderate")
            try await store.resolve(target: id, as: .hidden, by: viewer.id, now: now)
            try await store.log(.hide, target, id, question: post.question.id, space: post.question.spaceId, actor: viewer.id, reason: text, now: now)
            try await notifications.send(
                to: [post.authorId], .moderation, "A moderator hid your \(target.rawValue) on “\(post.question.title)”: \(text)",
                url: "/questions/\(post.question.id.uuidString.lowercased())")
        }
    }

    public func restore(_ target: ReportTarget, _ id: UUID, by viewer: Viewer) async throws {
        let post = try await post(target, id)
        try await requireModerator(of: post.question.spaceId, viewer)
        guard post.hiddenReason != nil else { throw IthacaError.conflict("This post is not hidden.") }
        let store = store, notifications = notifications, community = community, audit = audit, now = clock.now()
        try await notifications.database.transaction { _ in
            try await community.setHidden(target, id, reason: nil, now: now)
            try await audit.record(.postRestored, by: viewer, on: target.auditKind, id, summary: "Restored a \(target.rawValue)")
            try await store.log(.restore, target, id, question: post.question.id, space: post.question.spaceId, actor: viewer.id, reason: "", now: now)
            try await notifications.send(
                to: [post.authorId], .moderation, "Your \(target.rawValue) on “\(post.question.title)” is visible again.",
                url: "/questions/\(post.question.id.uuidString.lowercased())")
        }
    }

    /// Leaves the post up and closes the reports on it.
    public func dismiss(_ reportId: UUID, by viewer: Viewer) async throws {
        guard let report = try await store.report(reportId) else { throw IthacaError.notFound("report") }
        try await requireModerator(of: report.spaceId, viewer)
        guard report.status == .open else { throw IthacaError.conflict("A moderator already decided on this report.") }
        let store = store, audit = audit, now = clock.now()
        try await notifications.database.transaction { _ in
            try await store.resolve(target: report.targetId, as: .dismissed, by: viewer.id, now: now)
            try await store.log(.dismiss, report.target, report.targetId, question: report.questionId, space: report.spaceId, actor: viewer.id,
                                reason: report.reason, now: now)
            try await audit.record(
                .reportDismissed, by: viewer, on: report.target.auditKind, report.targetId, summary: "Left a reported \(report.target.rawValue) up")
        }
    }

    /// The question page a post lives on.
    public func questionId(of target: ReportTarget, _ id: UUID) async throws -> UUID {
        try await post(target, id).question.id
    }

    public func report(_ id: UUID, for viewer: Viewer) async throws -> StoredReport {
        guard let report = try await store.report(id) else { throw IthacaError.notFound("report") }
        try await requireModerator(of: report.spaceId, viewer)
        return report
    }

    public func log(for viewer: Viewer, offset: Int) async throws -> (items: [LogItem], next: Int?) {
        guard try await isModerator(viewer) else { throw CommunityRuleViolation.moderatorsOnly }
        let entries = try await store.entries(in: try await moderatedSpaces(viewer), offset: offset, limit: Self.pageSize + 1)
        let page = Array(entries.prefix(Self.pageSize))
        let names = try await profiles.names(of: page.compactMap(\.actorId))
        let spaces = Dictionary(uniqueKeysWithValues: try await community.spaces().map { ($0.id, $0.name) })
        return (page.map { LogItem(entry: $0, spaceName: spaces[$0.spaceId] ?? "", actorName: $0.actorId.flatMap { names[$0] } ?? "A former member") },
                entries.count > Self.pageSize ? offset + Self.pageSize : nil)
    }
}

extension ReportTarget {
    /// What the audit log calls the reported post.
    var auditKind: AuditObjectKind {
        switch self {
        case .question: .question
        case .answer: .answer
        case .comment: .comment
        }
    }
}

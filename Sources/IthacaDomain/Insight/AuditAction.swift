import Foundation

/// What an admin did, as the audit log records it. The log is for accountability, not for reading people's words:
/// an entry names the action, the object and counts, never a message, a note or a reason someone typed.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
    case programCreated = "program.created"
    case programUpdated = "program.updated"
    case participantsImported = "participants.imported"
    case invitationsSent = "invitations.sent"
    case roundRun = "round.run"
    case pairPinned = "round.pinned"
    case pairForbidden = "round.forbidden"
    case pairUnpinned = "round.unpinned"
    case roundPublished = "round.published"
    case postHidden = "moderation.hidden"
    case postRestored = "moderation.restored"
    case reportDismissed = "moderation.dismissed"
    case requestReportResolved = "moderation.request_report_resolved"
    case spaceCreated = "space.created"
    case moderatorAppointed = "role.moderator"
    case programAdminsSet = "role.program_admins"
    case siteAdminGranted = "role.site_admin"
    case accountErased = "account.erased"

    /// The words an admin reads in the log.
    public var label: String {
        switch self {
        case .programCreated: "Program created"
        case .programUpdated: "Program changed"
        case .participantsImported: "Participants imported"
        case .invitationsSent: "Invitations sent"
        case .roundRun: "Matching round run"
        case .pairPinned: "Pair pinned"
        case .pairForbidden: "Pair forbidden"
        case .pairUnpinned: "Pin or forbid removed"
        case .roundPublished: "Matching round published"
        case .postHidden: "Post hidden"
        case .postRestored: "Post restored"
        case .reportDismissed: "Report dismissed"
        case .requestReportResolved: "Reported request closed"
        case .spaceCreated: "Space created"
        case .moderatorAppointed: "Moderator appointed"
        case .programAdminsSet: "Program admins set"
        case .siteAdminGranted: "Site admin granted"
        case .accountErased: "Account erased"
        }
    }
}

/// The kind of thing an audit entry is about, so an entry can link to it.
public enum AuditObjectKind: String, CaseIterable, Sendable, Codable {
    case program, round, space, question, answer, comment, request, person, site
}

import Foundation

/// What can be reported and hidden.
public enum ReportTarget: String, Sendable, Codable, CaseIterable {
    case question, answer, comment
}

public enum ReportStatus: String, Sendable, Codable {
    /// Waiting for a moderator.
    case open
    /// A moderator hid the post.
    case hidden
    /// A moderator looked and left the post up.
    case dismissed
}

public enum ModerationAction: String, Sendable, Codable {
    case hide, restore, dismiss
}

/// Reports and hiding. A hidden post disappears for everyone except its author (who sees why) and the space's
/// moderators; it leaves lists and search, and comes back if a moderator restores it.
public enum ModerationRules {
    public static func validatedReport(reason: String, reporterIsAuthor: Bool) throws(CommunityRuleViolation) -> String {
        if reporterIsAuthor { throw .reportingOwnPost }
        var check = FieldChecker()
        let text = check.required(reason, TextRule(field: "reason", label: "reason", maxLength: 500, multiline: true),
                                  ifBlank: "Tell the moderators what is wrong with this post.")
        try check.throwIfInvalidPost()
        return text ?? reason
    }

    public static func validatedHideReason(_ reason: String) throws(CommunityRuleViolation) -> String {
        var check = FieldChecker()
        let text = check.required(reason, TextRule(field: "reason", label: "reason", maxLength: 500, multiline: true),
                                  ifBlank: "Tell the author why the post is hidden; they will see it.")
        try check.throwIfInvalidPost()
        return text ?? reason
    }

    /// Whether a viewer sees a post that may be hidden.
    public static func isVisible(hidden: Bool, viewerIsAuthor: Bool, viewerModerates: Bool) -> Bool {
        !hidden || viewerIsAuthor || viewerModerates
    }
}

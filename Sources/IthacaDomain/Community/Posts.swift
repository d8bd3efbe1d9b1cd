import Foundation

/// A topic community: the name people see and what it is for.
public struct SpaceDetails: Equatable, Sendable {
    public let name: String
    public let description: String
    /// Lowercase letters, digits and dashes, from the name: the space's address.
    public let slug: String

    /// The tidied details; throws `.invalidFields` ("name", "description").
    public static func validated(name: String, description: String) throws(CommunityRuleViolation) -> SpaceDetails {
        var check = FieldChecker()
        let tidiedName = check.required(name, TextRule(field: "name", label: "space name", maxLength: 60), ifBlank: "Name the space.")
        let tidiedDescription = check.text(description, TextRule(field: "description", label: "description", maxLength: 500, multiline: true))
        let slug = Self.slug(tidiedName ?? "")
        if tidiedName != nil, slug.isEmpty { check.add("name", "Use some letters or digits in the name.") }
        try check.throwIfInvalidPost()
        return SpaceDetails(name: tidiedName ?? "", description: tidiedDescription ?? "", slug: slug)
    }

    /// "First-time managers" → "first-time-managers".
    public static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var out = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { out.unicodeScalars.append(scalar) }
            else if !out.hasSuffix("-"), !out.isEmpty { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(60))
    }

    /// The spaces a fresh install starts with, so a new community has somewhere to begin.
    public static let defaults: [(name: String, description: String)] = [
        ("General", "Anything about mentoring, learning and growing at work. No question is too small."),
        ("Career growth", "Promotions, career moves, changing tracks and finding your next step."),
        ("First-time managers", "Leading a team for the first time: one-to-ones, feedback, hiring and saying no."),
    ]
}

/// A question as asked: title, Markdown body, tags, and whether to ask anonymously.
public struct QuestionDraft: Equatable, Sendable {
    public let title: String
    public let body: String
    public let tags: [String]
    public let anonymous: Bool

    public static let maxTags = 5

    /// The tidied question; throws `.invalidFields` ("title", "body", "tags") listing every problem.
    public static func validated(title: String, body: String, tags: [String], anonymous: Bool) throws(CommunityRuleViolation) -> QuestionDraft {
        var check = FieldChecker()
        let tidiedTitle = check.required(title, TextRule(field: "title", label: "title", maxLength: 200), ifBlank: "Write your question in a sentence.")
        let tidiedBody = check.text(body, TextRule(field: "body", label: "details", maxLength: 20_000, multiline: true))
        let cleanTags = SkillTag.cleanList(tags)
        if cleanTags.count > maxTags { check.add("tags", "Use up to \(maxTags) tags.") }
        if let long = cleanTags.first(where: { $0.count > 30 }) { check.add("tags", "Keep each tag to 30 characters; “\(long.prefix(20))…” is too long.") }
        try check.throwIfInvalidPost()
        return QuestionDraft(title: tidiedTitle ?? "", body: tidiedBody ?? "", tags: cleanTags, anonymous: anonymous)
    }
}

/// The rules of answering, voting and accepting.
public enum AnswerRules {
    /// The tidied answer body; throws `.invalidFields` ("body").
    public static func validatedBody(_ raw: String) throws(CommunityRuleViolation) -> String {
        var check = FieldChecker()
        let body = check.required(raw, TextRule(field: "body", label: "answer", maxLength: 20_000, multiline: true), ifBlank: "Write your answer first.")
        try check.throwIfInvalidPost()
        return body ?? ""
    }

    /// A comment's text: plain, up to 1,000 characters.
    public static func validatedComment(_ raw: String) throws(CommunityRuleViolation) -> String {
        var check = FieldChecker()
        let body = check.required(raw, TextRule(field: "body", label: "comment", maxLength: 1_000, multiline: true), ifBlank: "Write your comment first.")
        try check.throwIfInvalidPost()
        return body ?? ""
    }

    /// Who wrote a comment, as others see it: an anonymous asker commenting on their own question stays anonymous.
    public static func commenterLabel(author: UUID, name: String, question: (author: UUID, anonymous: Bool), viewer: UUID) -> String {
        guard question.anonymous, author == question.author else { return author == viewer ? "You" : name }
        return author == viewer ? "You (the asker, anonymously)" : "The asker"
    }

    /// Throws `.votingOnOwnPost` when the voter wrote the post.
    public static func checkVote(voter: UUID, author: UUID) throws(CommunityRuleViolation) {
        if voter == author { throw .votingOnOwnPost }
    }

    /// Throws unless the viewer asked the question and the answer is on it.
    public static func checkAccept(viewer: UUID, asker: UUID, questionId: UUID, answerQuestionId: UUID) throws(CommunityRuleViolation) {
        if viewer != asker { throw .onlyTheAskerAccepts }
        if questionId != answerQuestionId { throw .answerNotOnThisQuestion }
    }

    /// Who a question shows as asked by: anonymous askers are "a member" to everyone, admins included (only the
    /// abuse-report flow reveals them); the asker sees it is theirs.
    public static func askerLabel(anonymous: Bool, askerName: String, askerId: UUID, viewer: UUID) -> String {
        guard anonymous else { return askerName }
        return viewer == askerId ? "You (anonymously)" : "A member"
    }
}

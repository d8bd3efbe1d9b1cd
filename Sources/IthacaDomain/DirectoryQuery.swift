import Foundation

/// A directory search: free text plus optional filters, all of which must hold.
public struct DirectoryQuery: Sendable, Equatable {
    /// Words to look for in names, headlines, titles, organisations, skills and goals.
    public var text: String
    /// A skill the person offers or wants to grow; only offers count when looking for mentors (`seeksMentors`).
    public var skill: String?
    public var role: DirectoryRole?
    /// Only people with room now: free mentoring places, or open to the chosen role.
    public var openOnly: Bool
    public var organization: String?
    public var timeZoneBand: TimeZoneBand?

    /// A query; the defaults browse everyone.
    public init(
        text: String = "", skill: String? = nil, role: DirectoryRole? = nil, openOnly: Bool = false,
        organization: String? = nil, timeZoneBand: TimeZoneBand? = nil
    ) {
        self.text = text
        self.skill = skill
        self.role = role
        self.openOnly = openOnly
        self.organization = organization
        self.timeZoneBand = timeZoneBand
    }

    /// Most words a search uses; the rest are ignored so one query can't cost too much.
    public static let maximumTerms = 8

    /// The distinct lowercased words of `text`, split on whitespace and commas, at most eight.
    public var terms: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for word in text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
            let term = String(word)
            guard seen.insert(term).inserted else { continue }
            result.append(term)
            if result.count == Self.maximumTerms { break }
        }
        return result
    }

    /// The skill filter as a comparison key, or nil when absent or blank.
    var skillKey: String? {
        guard let skill else { return nil }
        let key = SkillTag.normalize(skill)
        return key.isEmpty ? nil : key
    }

    /// True when the search is for mentors: role mentor, or "only with free places now" (which means mentors).
    /// A mentor who only wants to grow a skill cannot teach it, so the skill filter then needs an offered skill.
    var seeksMentors: Bool { role == .mentor || (role == nil && openOnly) }

    /// The organisation filter trimmed, or nil when absent or blank.
    var organizationFilter: String? {
        guard let organization else { return nil }
        let value = organization.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// True when nothing narrows the search: the person is browsing.
    var isBrowse: Bool {
        terms.isEmpty && skillKey == nil && role == nil && !openOnly && organizationFilter == nil && timeZoneBand == nil
    }
}

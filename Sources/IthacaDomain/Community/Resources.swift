import Foundation

/// What kind of learning resource it is.
public enum ResourceKind: String, Sendable, Codable, CaseIterable {
    case link, book, course, video, article, talk

    public var label: String { rawValue.capitalized }
}

public enum ResourceLevel: String, Sendable, Codable, CaseIterable {
    case beginner, intermediate, advanced

    public var label: String { rawValue.capitalized }
}

/// A shared learning resource as someone describes it.
public struct ResourceDraft: Sendable, Equatable {
    public var title: String
    public var url: String
    public var description: String
    public var kind: ResourceKind
    public var level: ResourceLevel
    public var tags: [String]

    public init(title: String, url: String, description: String = "", kind: ResourceKind = .link, level: ResourceLevel = .beginner, tags: [String] = []) {
        self.title = title
        self.url = url
        self.description = description
        self.kind = kind
        self.level = level
        self.tags = tags
    }

    public func validated() throws(CommunityRuleViolation) -> ResourceDraft {
        var check = FieldChecker()
        var result = self
        result.title = check.required(title, TextRule(field: "title", label: "title", maxLength: 150), ifBlank: "Give the resource a title.") ?? title
        result.description = check.text(description, TextRule(field: "description", label: "description", maxLength: 2_000, multiline: true)) ?? description
        if let link = WebLink.checked(url) { result.url = link } else {
            check.add("url", "Enter a web address starting with https:// or http://, like https://example.org/guide.")
        }
        result.tags = check.list(tags, ListRule(field: "tags", label: "tags", itemLabel: "tag", maxItems: 8, maxItemLength: 40)) ?? tags
        try check.throwIfInvalidPost()
        return result
    }
}

/// Links people share: only http and https, with a host, no credentials, nothing a browser would read differently.
public enum WebLink {
    public static let maximumLength = 2_048

    /// The link trimmed, or nil when it may not be shown as a link.
    public static func checked(_ raw: String) -> String? {
        let link = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !link.isEmpty, link.utf8.count <= maximumLength,
            !link.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace }),
            let components = URLComponents(string: link), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, host.contains("."),
            components.user == nil, components.password == nil
        else { return nil }
        return link
    }
}

/// A short review of a resource: one per person (writing again replaces it).
public enum ResourceReview {
    public static func validated(_ raw: String) throws(CommunityRuleViolation) -> String {
        var check = FieldChecker()
        let body = check.required(raw, TextRule(field: "review", label: "review", maxLength: 500, multiline: true), ifBlank: "Write a sentence or two.")
        try check.throwIfInvalidPost()
        return body ?? ""
    }
}

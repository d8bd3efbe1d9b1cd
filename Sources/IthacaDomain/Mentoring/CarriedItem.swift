import Foundation

/// Something from a meeting that needs following up: a task someone took on, or a question left open.
public struct CarriedItem: Identifiable, Hashable, Sendable, Codable {
    /// What kind of follow-up an item is.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case actionItem, openQuestion

        public var label: String {
            switch self {
            case .actionItem: "Action item"
            case .openQuestion: "Open question"
            }
        }
    }

    /// Stable across meetings: an item carried into a later meeting keeps its id.
    public var id: UUID
    public var kind: Kind
    public var text: String
    public var resolved: Bool

    public init(id: UUID = UUID(), kind: Kind, text: String, resolved: Bool = false) {
        self.id = id
        self.kind = kind
        self.text = text
        self.resolved = resolved
    }

    /// The tidied item text; throws `.invalidFields` (field "text") when blank or over 500 characters.
    public static func validatedText(_ raw: String) throws(MentoringRuleViolation) -> String {
        var check = FieldChecker()
        let value = check.required(raw, .itemText, ifBlank: "Write what needs following up.")
        try check.throwIfInvalid()
        return value ?? ""
    }
}

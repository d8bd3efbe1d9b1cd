/// Why an ``EmailMessage`` could not be built; `description` is one sentence.
public enum EmailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidAddress(String)
    case noRecipients
    case invalidMessageID(String)
    case invalidHeaderName(String)
    case reservedHeader(String)
    case headerTooLong(String)
    case invalidContentType(String)

    public var description: String {
        switch self {
        case .invalidAddress(let address):
            "\"\(address.debugDescriptionEscaped)\" is not a usable e-mail address (ASCII local@domain, no spaces)."
        case .noRecipients:
            "An e-mail needs at least one recipient."
        case .invalidMessageID(let id):
            "\"\(id.debugDescriptionEscaped)\" is not a valid Message-ID (expected <left@right> without spaces)."
        case .invalidHeaderName(let name):
            "\"\(name.debugDescriptionEscaped)\" is not a valid header name (printable ASCII without colon or spaces)."
        case .reservedHeader(let name):
            "The header \"\(name)\" is set by IthacaMail itself and cannot be given as an extra header."
        case .headerTooLong(let name):
            "The header \"\(name)\" has a word too long to fit in a 998-character line."
        case .invalidContentType(let type):
            "\"\(type.debugDescriptionEscaped)\" is not a valid attachment content type (type/subtype; parameters)."
        }
    }
}

extension String {
    /// Shows CR, LF and other controls as escapes, so an error message stays on one line.
    var debugDescriptionEscaped: String {
        String(unicodeScalars.flatMap { scalar -> [Character] in
            scalar.properties.generalCategory == .control ? Array(scalar.escaped(asASCII: true)) : [Character(scalar)]
        })
    }
}

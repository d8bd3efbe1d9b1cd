import Foundation

/// A file sent with a message, e.g. `invite.ics` as `text/calendar; charset=utf-8; method=REQUEST`.
public struct EmailAttachment: Sendable, Hashable {
    public let filename: String
    /// A full MIME type with parameters; checked when the message is built.
    public let contentType: String
    public let data: Data

    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    /// "type/subtype" followed by optional "; name=value" parameters, printable ASCII only.
    var hasValidContentType: Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        let parts = mediaType.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        let tokenCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&-^_.+".contains($0)) }
        return contentType.utf8.count <= 500 && parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(tokenCharacter) }
            && contentType.allSatisfy { $0.isASCII && !$0.isNewline && ($0 == "\t" || !($0.asciiValue! < 32 || $0.asciiValue! == 127)) }
    }
}

/// An extra header such as `List-Unsubscribe: <https://…>`; the value may not break the header block.
public struct EmailHeader: Sendable, Hashable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Headers IthacaMail writes itself; letting callers add them would give duplicates or break MIME.
    static let reserved: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
        "content-type", "content-transfer-encoding", "content-disposition",
    ]

    /// RFC 5322 field name: printable ASCII except colon.
    var hasValidName: Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: ":") }
    }
}

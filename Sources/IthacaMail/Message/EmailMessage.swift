import Foundation

/// An e-mail to send or file: sender, recipients, subject, date, bodies, attachments and extra headers.
///
/// All checking happens in `init`: addresses and header names that would be unsafe throw,
/// while free text (subject, display names, header values, file names) has CR, LF and other
/// control characters replaced by spaces, so no input can add a header line.
public struct EmailMessage: Sendable, Hashable {
    public let from: MailAddress
    public let to: [MailAddress]
    public let subject: String
    public let date: Date
    /// With angle brackets, e.g. `<3f2a…@ithaca.example>`.
    public let messageID: String
    public let textBody: String
    public let htmlBody: String?
    public let attachments: [EmailAttachment]
    public let extraHeaders: [EmailHeader]

    public init(
        from: MailAddress,
        to: [MailAddress],
        subject: String,
        date: Date = Date(),
        messageID: String? = nil,
        textBody: String,
        htmlBody: String? = nil,
        attachments: [EmailAttachment] = [],
        extraHeaders: [EmailHeader] = []
    ) throws(EmailMessageError) {
        guard !to.isEmpty else { throw .noRecipients }
        for address in [from] + to where !address.isValid { throw .invalidAddress(address.address) }
        for header in extraHeaders {
            guard header.hasValidName else { throw .invalidHeaderName(header.name) }
            guard !EmailHeader.reserved.contains(header.name.lowercased()) else { throw .reservedHeader(header.name) }
        }
        for attachment in attachments where !attachment.hasValidContentType {
            throw .invalidContentType(attachment.contentType)
        }

        self.from = MailAddress(from.address, name: from.name.map(HeaderText.sanitised))
        self.to = to.map { MailAddress($0.address, name: $0.name.map(HeaderText.sanitised)) }
        self.subject = HeaderText.sanitised(subject)
        self.date = date
        self.messageID = try messageID.map(Self.normalisedMessageID) ?? Self.generatedMessageID(domain: from.domain)
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments.map {
            EmailAttachment(filename: HeaderText.filename($0.filename), contentType: $0.contentType, data: $0.data)
        }
        self.extraHeaders = extraHeaders.map { EmailHeader($0.name, HeaderText.sanitised($0.value)) }
        for header in self.extraHeaders where !HeaderEncoding.fitsInLine(name: header.name, value: header.value) {
            throw .headerTooLong(header.name)
        }
    }

    /// Each recipient address once, in the order given, for RCPT TO.
    var envelopeRecipients: [String] {
        var seen = Set<String>()
        return to.map(\.address).filter { seen.insert($0.lowercased()).inserted }
    }

    private static func normalisedMessageID(_ id: String) throws(EmailMessageError) -> String {
        var core = Substring(id.trimmingCharacters(in: .whitespaces))
        if core.hasPrefix("<") && core.hasSuffix(">") { core = core.dropFirst().dropLast() }
        let parts = core.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = core.allSatisfy { $0.isASCII && !$0.isWhitespace && !"<>\"\\".contains($0) && $0.asciiValue! > 32 && $0.asciiValue! < 127 }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, allowed else { throw .invalidMessageID(id) }
        return "<\(core)>"
    }

    private static func generatedMessageID(domain: Substring) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: ".")
        return "<\(random)@\(domain)>"
    }
}

/// Free text that goes into a header: never lets a line break or control character through.
enum HeaderText {
    /// Line breaks and other controls become spaces, and runs of spaces become one, since
    /// header parsers keep, drop or collapse repeated and edge whitespace inconsistently.
    static func sanitised(_ text: String) -> String {
        let spaced = text.map { character in
            character.isNewline || character.isWhitespace
                || character.unicodeScalars.contains { $0.properties.generalCategory == .control }
                ? " " : character
        }
        return spaced.split(separator: " ").map { String($0) }.joined(separator: " ")
    }

    /// A sanitised file name short enough to stay on one header line once percent-encoded
    /// (at most 100 UTF-8 bytes, keeping the extension), never empty.
    static func filename(_ name: String) -> String {
        var text = sanitised(name).replacingOccurrences(of: "/", with: "_")
        if text.isEmpty { text = "attachment" }
        guard text.utf8.count > 100 else { return text }
        let dot = text.lastIndex(of: ".")
        let suffix = dot.map { String(text[$0...]) }.flatMap { $0.utf8.count <= 16 ? $0 : nil } ?? ""
        var stem = String(text.dropLast(suffix.count))
        while stem.utf8.count + suffix.utf8.count > 100 { stem.removeLast() }
        return stem + suffix
    }
}

/// A mailbox: an ASCII address with an optional display name (which may be any Unicode).
public struct MailAddress: Sendable, Hashable {
    public let address: String
    public let name: String?

    /// Not validated here; ``EmailMessage/init(from:to:subject:date:messageID:textBody:htmlBody:attachments:extraHeaders:)``
    /// checks every address once, so building addresses never needs `try`.
    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// The part after "@", used as the right-hand side of generated Message-IDs.
    var domain: Substring {
        address[address.index(after: address.lastIndex(of: "@") ?? address.startIndex)...]
    }

    /// RFC 5321 dot-atom local part and a host name or address literal; internationalised
    /// addresses (SMTPUTF8) are deliberately not supported, so the envelope stays ASCII.
    var isValid: Bool {
        guard address.utf8.count <= 254, let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        let localAllowed = Set("!#$%&'*+-/=?^_`{|}~.")
        let localOK = !local.isEmpty && local.utf8.count <= 64 && !local.hasPrefix(".") && !local.hasSuffix(".")
            && !local.contains("..")
            && local.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || localAllowed.contains($0)) }
        let domainOK: Bool
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            domainOK = domain.count > 2 && domain.dropFirst().dropLast()
                .allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".:".contains($0)) }
        } else {
            domainOK = SMTPSettings.isHostName(domain)
        }
        return localOK && domainOK
    }
}

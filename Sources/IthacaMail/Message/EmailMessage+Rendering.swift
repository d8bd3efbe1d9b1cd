import Foundation

extension EmailMessage {
    /// The message as RFC 5322 text with CRLF line ends, ready for SMTP DATA or an .eml file.
    ///
    /// Structure: text only → `text/plain`; text and HTML → `multipart/alternative`;
    /// with attachments → `multipart/mixed` holding that body part and then each attachment.
    /// Boundaries are random and start with "=_", which quoted-printable and base64 output
    /// can never contain, so no part can end early.
    public func rendered() -> String {
        var text = HeaderEncoding.mailboxes(name: "From", [from])
        text += HeaderEncoding.mailboxes(name: "To", to)
        text += HeaderEncoding.unstructured(name: "Subject", value: subject, protectMarkers: true)
        text += "Date: \(RFC5322Date.header(date))\r\n"
        text += "Message-ID: \(messageID)\r\n"
        text += "MIME-Version: 1.0\r\n"
        for header in extraHeaders {
            text += HeaderEncoding.unstructured(name: header.name, value: header.value, protectMarkers: false)
        }
        return text + renderedBody().asMessageBody
    }

    private func renderedBody() -> MIMEPart {
        let plain = MIMEPart.text(textBody, subtype: "plain")
        let body = htmlBody.map { MIMEPart.multipart("alternative", [plain, .text($0, subtype: "html")]) } ?? plain
        guard !attachments.isEmpty else { return body }
        return .multipart("mixed", [body] + attachments.map(MIMEPart.attachment))
    }
}

/// One MIME entity: its Content-* header lines, a blank line, and its body.
struct MIMEPart {
    /// Header lines, each ending in CRLF.
    let headers: String
    /// The body without a final line break: inside a multipart, the CRLF before the next
    /// delimiter belongs to the delimiter (RFC 2046 §5.1.1), so adding one would add a newline.
    let body: String

    /// The part at the top of a message, where the body must end with CRLF for SMTP.
    var asMessageBody: String {
        headers + "\r\n" + body + (body.hasSuffix("\r\n") ? "" : "\r\n")
    }

    static func text(_ content: String, subtype: String) -> MIMEPart {
        MIMEPart(
            headers: "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            body: QuotedPrintable.encode(content))
    }

    static func attachment(_ attachment: EmailAttachment) -> MIMEPart {
        let name = filenameParameter(attachment.filename)
        var type = attachment.contentType.trimmingCharacters(in: .whitespaces)
        while type.hasSuffix(";") { type.removeLast() }
        let contentType = HeaderEncoding.fold(
            name: "Content-Type", tokens: (type + ";").split(separator: " ").map(String.init) + ["name" + name])
        let disposition = HeaderEncoding.fold(name: "Content-Disposition", tokens: ["attachment;", "filename" + name])
        let base64 = attachment.data.base64EncodedString(
            options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return MIMEPart(headers: contentType + disposition + "Content-Transfer-Encoding: base64\r\n", body: base64)
    }

    static func multipart(_ subtype: String, _ parts: [MIMEPart]) -> MIMEPart {
        let random = (0..<2).map { _ in String(UInt64.random(in: .min ... .max), radix: 36) }
        let boundary = "=_Ithaca_" + random.joined(separator: "_")
        var body = ""
        for part in parts { body += "--\(boundary)\r\n" + part.headers + "\r\n" + part.body + "\r\n" }
        body += "--\(boundary)--"
        return MIMEPart(headers: "Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\"\r\n", body: body)
    }
    /// `="invite.ics"` for plain ASCII names, else RFC 2231 `*=utf-8''…` percent-encoding.
    private static func filenameParameter(_ filename: String) -> String {
        let plain = filename.allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" && $0 != "%" }
            && filename.utf8.count <= 60
        if plain { return "=\"\(filename)\"" }
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let hex = Array("0123456789ABCDEF")
        let encoded = filename.utf8.map { byte in
            unreserved.contains(byte) ? String(UnicodeScalar(byte)) : "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
        }
        return "*=utf-8''" + encoded.joined()
    }
}

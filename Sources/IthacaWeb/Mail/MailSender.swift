import Foundation
import IthacaDomain
import IthacaMail
import IthacaStorage

/// Who Ithaca's emails come from, and how a letter becomes the exact RFC 5322 text the outbox keeps and sends.
struct MailSender: Sendable {
    let address: String
    let name: String

    /// Renders a letter (Message-ID, Date, List-Unsubscribe and all) for the outbox; nil when an address is unusable
    /// (the inbox entry still arrives).
    func outboxMessage(_ letter: Letter, kind: String, now: Date) -> OutboxMessage? {
        var headers: [EmailHeader] = []
        if let unsubscribe = letter.unsubscribeURL {
            headers.append(EmailHeader("List-Unsubscribe", "<\(unsubscribe)>"))
            // RFC 8058: mail clients may POST to the link to unsubscribe in one click.
            headers.append(EmailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        }
        headers.append(EmailHeader("Auto-Submitted", "auto-generated"))
        let attachments = letter.calendar.map { calendar in
            [EmailAttachment(
                filename: calendar.method == .cancel ? "cancelled.ics" : "invite.ics",
                contentType: "text/calendar; charset=utf-8; method=\(calendar.method.rawValue)", data: Data(calendar.document.utf8))]
        } ?? []
        guard let message = try? EmailMessage(
            from: IthacaMail.MailAddress(address, name: name), to: [IthacaMail.MailAddress(letter.toAddress, name: letter.toName.isEmpty ? nil : letter.toName)],
            subject: letter.subject, date: now, textBody: letter.text, htmlBody: letter.html, attachments: attachments, extraHeaders: headers)
        else { return nil }
        return OutboxMessage(recipient: letter.toAddress, subject: letter.subject, kind: kind, message: message.rendered(), createdAt: now)
    }

    /// The domain of the sender's address (for Message-IDs and the default sender).
    static func defaultAddress(publicURL: String?, host: String) -> String {
        let domain = publicURL.flatMap { URL(string: $0)?.host } ?? (host == "0.0.0.0" || host == "127.0.0.1" ? "localhost" : host)
        return "no-reply@\(domain == "localhost" ? "ithaca.localhost" : domain)"
    }
}

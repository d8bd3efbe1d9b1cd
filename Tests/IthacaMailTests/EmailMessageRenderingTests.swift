import Foundation
import Testing

@testable import IthacaMail

@Suite("Rendering messages as RFC 5322 text")
struct EmailMessageRenderingTests {
    @Test("Headers come first, in order, with an RFC 5322 date in UTC")
    func headerOrder() throws {
        let rendered = try Fixtures.simple().rendered()
        let names = rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
            .filter { !$0.hasPrefix(" ") }.map { String($0.prefix(while: { $0 != ":" })) }
        #expect(
            names == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        #expect(rendered.contains("\r\nDate: Mon, 07 Dec 2026 09:30:00 +0000\r\n"))
        #expect(rendered.contains("\r\nMIME-Version: 1.0\r\n"))
    }

    @Test("Every line ends in CRLF, headers fit in 78 characters and encoded bodies in 76")
    func lineLengths() throws {
        let rendered = try Fixtures.invite().rendered()
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let parts = rendered.components(separatedBy: "\r\n\r\n")
        let headerLines = parts[0].components(separatedBy: "\r\n")
        #expect(headerLines.allSatisfy { $0.utf8.count <= 78 }, "\(headerLines.filter { $0.utf8.count > 78 })")
        let bodyLines = parts.dropFirst().joined(separator: "\r\n\r\n").components(separatedBy: "\r\n")
        #expect(bodyLines.allSatisfy { $0.utf8.count <= 78 }, "\(bodyLines.filter { $0.utf8.count > 78 })")
        let encodedLines = bodyLines.filter { !$0.contains(":") && !$0.hasPrefix("--") && !$0.hasPrefix(" ") }
        #expect(encodedLines.allSatisfy { $0.utf8.count <= 76 }, "\(encodedLines.filter { $0.utf8.count > 76 })")
    }

    @Test("A non-ASCII subject becomes UTF-8 encoded-words that Python decodes back")
    func encodedSubject() async throws {
        let rendered = try Fixtures.invite().rendered()
        #expect(rendered.contains("Subject: =?UTF-8?B?"))
        #expect(rendered.allSatisfy { $0.isASCII })
        let parsed = try await ParsedEmail.parse(raw: rendered)
        #expect(parsed.subject == Fixtures.subject)
        #expect(parsed.to == "Zoë Ångström <mentee@example.org>")
        #expect(parsed.from == "Ithaca Mentorship <mentors@ithaca.example>")
    }

    @Test("A long ASCII subject is folded at spaces and unfolds to the same text")
    func foldedASCIISubject() async throws {
        let subject = String(repeating: "mentoring session ", count: 12) + "end"
        let rendered = try Fixtures.simple(subject: subject).rendered()
        #expect(rendered.contains("mentoring\r\n session"))
        let parsed = try await ParsedEmail.parse(raw: rendered)
        #expect(parsed.subject == subject)
    }

    @Test("Display names with specials are quoted, and =? text is encoded rather than misread")
    func quotedNames() async throws {
        let message = try EmailMessage(
            from: MailAddress("a@ithaca.example", name: "Smith, \"Ada\" J."),
            to: [MailAddress("b@example.org", name: "=?UTF-8?B?Zm9v?="), MailAddress("c@example.org")],
            subject: "Re: =?not-encoded?=", date: Fixtures.date, textBody: "x")
        let parsed = try await ParsedEmail.parse(raw: message.rendered())
        #expect(parsed.from == "\"Smith, \\\"Ada\\\" J.\" <a@ithaca.example>")
        #expect(parsed.to.hasPrefix("\"=?UTF-8?B?Zm9v?=\" <b@example.org>") || parsed.to.hasPrefix("=?UTF-8?B?Zm9v?= <b@example.org>"))
        #expect(parsed.to.hasSuffix(", c@example.org"))
        #expect(parsed.subject == "Re: =?not-encoded?=")
    }

    @Test("Text only is a single quoted-printable text/plain part")
    func textOnly() async throws {
        let rendered = try Fixtures.simple(text: "Grüße = café\n.\n").rendered()
        #expect(rendered.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"))
        #expect(rendered.contains("Gr=C3=BC=C3=9Fe =3D caf=C3=A9"))
        let parsed = try await ParsedEmail.parse(raw: rendered)
        #expect(parsed.content_type == "text/plain")
        #expect(parsed.text == "Grüße = café\n.\n")
    }

    @Test("Text, HTML and an invite read back identically through Python's email package")
    func richRoundTrip() async throws {
        let rendered = try Fixtures.invite().rendered()
        let parsed = try await ParsedEmail.parse(raw: rendered)
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(parsed.content_type == "multipart/mixed")
        #expect(parsed.text == lf(Fixtures.text))
        #expect(parsed.html == Fixtures.html)
        #expect(parsed.attachments.count == 1)
        let invite = try #require(parsed.attachments.first)
        #expect(invite.filename == "invite.ics")
        #expect(invite.disposition == "attachment")
        #expect(invite.content_type.hasPrefix("text/calendar; charset=\"utf-8\"; method=\"REQUEST\"")
            || invite.content_type.hasPrefix("text/calendar; charset=utf-8; method=REQUEST"))
        #expect(invite.data == Fixtures.calendar)
        #expect(parsed.headers(named: "List-Unsubscribe") == ["<https://ithaca.example/unsubscribe/abc123>"])
        #expect(parsed.headers(named: "List-Unsubscribe-Post") == ["List-Unsubscribe=One-Click"])
        #expect(rendered.contains("Content-Disposition: attachment; filename=\"invite.ics\"\r\n"))
    }

    @Test("Multipart boundaries are random and never occur inside the parts")
    func boundaries() throws {
        let message = try Fixtures.invite()
        let first = message.rendered()
        let boundaries = first.components(separatedBy: "boundary=\"").dropFirst().map { $0.prefix(while: { $0 != "\"" }) }
        #expect(boundaries.count == 2)
        #expect(Set(boundaries).count == 2)
        for boundary in boundaries {
            // The boundary appears only in its Content-Type and its delimiter lines.
            let delimiterLines = first.components(separatedBy: "\r\n").filter { $0.hasPrefix("--\(boundary)") }
            #expect(first.components(separatedBy: boundary).count - 1 == delimiterLines.count + 1)
        }
        #expect(message.rendered() != first)
    }

    @Test("A non-ASCII attachment name survives as an RFC 2231 parameter")
    func nonASCIIFilename() async throws {
        let message = try EmailMessage(
            from: MailAddress("a@ithaca.example"), to: [MailAddress("b@example.org")], subject: "CV",
            date: Fixtures.date, textBody: "see attached",
            attachments: [EmailAttachment(filename: "résumé final.pdf", contentType: "application/pdf", data: Data([0, 1, 2, 255]))])
        let parsed = try await ParsedEmail.parse(raw: message.rendered())
        #expect(parsed.attachments.first?.filename == "résumé final.pdf")
        #expect(parsed.attachments.first?.data == Data([0, 1, 2, 255]))
        #expect(parsed.text == "see attached")
    }

    @Test("A generated Message-ID is random at the sender's domain; a given one is kept")
    func messageIDs() throws {
        let generated = try Fixtures.simple().messageID
        #expect(generated.hasPrefix("<") && generated.hasSuffix("@ithaca.example>"))
        #expect(try Fixtures.simple().messageID != generated)
        let given = try EmailMessage(
            from: MailAddress("a@ithaca.example"), to: [MailAddress("b@example.org")], subject: "x",
            messageID: "session-42@ithaca.example", textBody: "x")
        #expect(given.messageID == "<session-42@ithaca.example>")
        #expect(given.rendered().contains("\r\nMessage-ID: <session-42@ithaca.example>\r\n"))
        #expect(throws: EmailMessageError.invalidMessageID("no at sign")) {
            try EmailMessage(
                from: MailAddress("a@ithaca.example"), to: [MailAddress("b@example.org")], subject: "x",
                messageID: "no at sign", textBody: "x")
        }
    }

    @Test("A message needs a recipient and valid addresses")
    func validation() {
        #expect(throws: EmailMessageError.noRecipients) {
            try EmailMessage(from: MailAddress("a@ithaca.example"), to: [], subject: "x", textBody: "x")
        }
        #expect(throws: EmailMessageError.invalidAddress("not an address")) {
            try EmailMessage(from: MailAddress("a@ithaca.example"), to: [MailAddress("not an address")], subject: "x", textBody: "x")
        }
        #expect(throws: EmailMessageError.invalidContentType("calendar")) {
            try EmailMessage(
                from: MailAddress("a@ithaca.example"), to: [MailAddress("b@example.org")], subject: "x", textBody: "x",
                attachments: [EmailAttachment(filename: "a.ics", contentType: "calendar", data: Data())])
        }
    }

    @Test("Quoted-printable escapes '=', trailing space and non-ASCII, and soft-wraps at 76")
    func quotedPrintable() {
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
        #expect(QuotedPrintable.encode("end \nnext\t") == "end=20\r\nnext=09")
        #expect(QuotedPrintable.encode("é") == "=C3=A9")
        #expect(QuotedPrintable.encode("From me") == "=46rom me")
        let long = QuotedPrintable.encode(String(repeating: "é", count: 60))
        let lines = long.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
    }
}

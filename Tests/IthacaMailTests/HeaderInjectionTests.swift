import Foundation
import Testing

@testable import IthacaMail

@Suite("Header injection")
struct HeaderInjectionTests {
    static let attack = "Hello\r\nBcc: victim@example.org\r\n\r\nInjected body"

    @Test("CR/LF in the subject cannot add a header or start the body")
    func subject() async throws {
        let message = try Fixtures.simple(subject: Self.attack)
        let parsed = try await ParsedEmail.parse(raw: message.rendered())
        #expect(parsed.headers(named: "Bcc").isEmpty)
        #expect(parsed.subject == "Hello Bcc: victim@example.org Injected body")
        #expect(parsed.text == "Hi there.\n")
    }

    @Test("CR/LF in a display name cannot add a header")
    func displayName() async throws {
        let message = try EmailMessage(
            from: MailAddress("a@ithaca.example", name: Self.attack), to: [MailAddress("b@example.org", name: "B\nCc: x@y.z")],
            subject: "x", textBody: "x")
        let parsed = try await ParsedEmail.parse(raw: message.rendered())
        #expect(parsed.headers(named: "Bcc").isEmpty && parsed.headers(named: "Cc").isEmpty)
        #expect(parsed.to == "\"B Cc: x@y.z\" <b@example.org>")
    }

    @Test("CR/LF in an extra header value or attachment name cannot add a header")
    func extraHeaderAndFilename() async throws {
        let message = try EmailMessage(
            from: MailAddress("a@ithaca.example"), to: [MailAddress("b@example.org")], subject: "x", textBody: "x",
            attachments: [EmailAttachment(filename: "a.ics\r\nX-Evil: 1", contentType: "text/calendar", data: Data("x".utf8))],
            extraHeaders: [EmailHeader("List-Unsubscribe", "<https://x.example>\r\nBcc: victim@example.org")])
        let rendered = message.rendered()
        #expect(!rendered.contains("\r\nBcc:") && !rendered.contains("\r\nX-Evil:"))
        let parsed = try await ParsedEmail.parse(raw: rendered)
        #expect(parsed.headers(named: "Bcc").isEmpty)
        #expect(parsed.headers(named: "List-Unsubscribe") == ["<https://x.example> Bcc: victim@example.org"])
    }

    @Test("An address containing CR/LF is refused")
    func address() {
        #expect(throws: EmailMessageError.invalidAddress("b@example.org\r\nBcc: victim@example.org")) {
            try EmailMessage(
                from: MailAddress("a@ithaca.example"), to: [MailAddress("b@example.org\r\nBcc: victim@example.org")],
                subject: "x", textBody: "x")
        }
    }

    @Test("Extra header names must be valid and must not replace IthacaMail's own headers", arguments: [
        ("X-Bad Name", EmailMessageError.invalidHeaderName("X-Bad Name")),
        ("X-Evil:\r\nBcc", EmailMessageError.invalidHeaderName("X-Evil:\r\nBcc")),
        ("bcc", EmailMessageError.reservedHeader("bcc")),
        ("Content-Type", EmailMessageError.reservedHeader("Content-Type")),
    ])
    func headerNames(name: String, error: EmailMessageError) {
        #expect(throws: error) {
            try EmailMessage(
                from: MailAddress("a@ithaca.example"), to: [MailAddress("b@example.org")], subject: "x", textBody: "x",
                extraHeaders: [EmailHeader(name, "value")])
        }
        #expect(!error.description.contains("\n"))
    }
}

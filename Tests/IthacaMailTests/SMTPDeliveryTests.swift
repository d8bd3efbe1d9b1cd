import IthacaTestSupport
import Foundation
import IthacaMail
import Testing

/// Delivery to a real aiosmtpd server (tests/support/smtp_receiver.py) over plain TCP on loopback.
@Suite("Delivering over SMTP")
struct SMTPDeliveryTests {
    @Test("A rich message arrives once and Python reads back subject, parts and invite identically")
    func richMessage() async throws {
        try await withReceiver { receiver in
            let message = try Fixtures.invite()
            let client = SMTPClient(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(receiver.port)?timeout=10"))
            try await client.send(message)

            let received = try await receiver.waitForMessages(1)
            #expect(received.count == 1)
            let envelope = try #require(received.first).envelope
            #expect(envelope.mail_from == "mentors@ithaca.example")
            #expect(envelope.rcpt_tos == ["mentee@example.org"])
            #expect(envelope.tls == false)

            let parsed = try await ParsedEmail.parse(file: received[0].file)
            #expect(parsed.defects.isEmpty, "\(parsed.defects)")
            #expect(parsed.subject == Fixtures.subject)
            #expect(parsed.text == lf(Fixtures.text))
            #expect(parsed.html == Fixtures.html)
            #expect(parsed.attachments.count == 1)
            #expect(parsed.attachments.first?.filename == "invite.ics")
            #expect(parsed.attachments.first?.data == Fixtures.calendar)
            #expect(parsed.headers(named: "Message-ID") == [message.messageID])
        }
    }

    @Test("Body lines that are a lone dot or start with dots arrive intact")
    func dotStuffing() async throws {
        let text = ".\n..\n...three\n.leading dot\nmiddle\n.\nlast line ."
        try await withReceiver { receiver in
            let client = SMTPClient(settings: try SMTPSettings(url: "smtp://localhost:\(receiver.port)"))
            try await client.send(try Fixtures.simple(text: text))
            let received = try await receiver.waitForMessages(1)
            #expect(received[0].raw.contains("\r\n.\r\n..\r\n...three\r\n.leading dot\r\n"))
            let parsed = try await ParsedEmail.parse(file: received[0].file)
            #expect(parsed.text == text + "\n")
        }
    }

    @Test("A batch goes out over one connection and every message arrives in order")
    func batch() async throws {
        try await withReceiver { receiver in
            let client = SMTPClient(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(receiver.port)"))
            let messages = try (1...3).map { try Fixtures.simple(to: "m\($0)@example.org", subject: "Batch \($0)") }
            let results = await client.send(messages)
            #expect(results.count == 3)
            #expect(results.allSatisfy { (try? $0.get()) != nil })
            let received = try await receiver.waitForMessages(3)
            #expect(received.map(\.envelope.rcpt_tos) == [["m1@example.org"], ["m2@example.org"], ["m3@example.org"]])
        }
    }

    @Test("A refused recipient fails only its own message; the batch goes on after RSET")
    func refusedRecipientInBatch() async throws {
        try await withReceiver(["--reject-rcpt", "nobody@example.org"]) { receiver in
            let client = SMTPClient(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(receiver.port)"))
            let results = await client.send([
                try Fixtures.simple(to: "nobody@example.org"), try Fixtures.simple(to: "somebody@example.org"),
            ])
            guard case .failure(let error) = results[0] else {
                Issue.record("the refused recipient should fail")
                return
            }
            #expect(!error.isTransient)
            #expect(error.code == 550)
            #expect(error.message.contains("RCPT TO:<nobody@example.org>"))
            #expect((try? results[1].get()) != nil)
            let received = try await receiver.waitForMessages(1)
            #expect(received.count == 1 && received[0].envelope.rcpt_tos == ["somebody@example.org"])
        }
    }

    @Test("Several recipients of one message each get a RCPT TO, duplicates once")
    func severalRecipients() async throws {
        try await withReceiver { receiver in
            let client = SMTPClient(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(receiver.port)"))
            let message = try EmailMessage(
                from: MailAddress("mentors@ithaca.example"),
                to: [MailAddress("a@example.org", name: "A"), MailAddress("b@example.org"), MailAddress("A@example.org")],
                subject: "Group session", textBody: "See you.")
            try await client.send(message)
            let received = try await receiver.waitForMessages(1)
            #expect(received[0].envelope.rcpt_tos == ["a@example.org", "b@example.org"])
        }
    }
}

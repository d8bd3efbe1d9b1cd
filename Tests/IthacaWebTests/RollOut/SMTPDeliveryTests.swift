import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaMail
import IthacaStorage
import IthacaTestSupport
@testable import IthacaWeb
import Testing

/// Email through a real SMTP server on loopback (aiosmtpd): what arrives, and that an outage loses nothing and
/// duplicates nothing.
@Suite struct SMTPDeliveryTests {
    func smtp(_ port: Int) throws -> SMTPSettings { try SMTPSettings(url: "smtp://127.0.0.1:\(port)?timeout=5") }

    @Test(arguments: TestDatabase.all)
    func aMentorsEmailArrivesAtTheMailServerOnce(database: TestDatabase) async throws {
        try await withReceiver { receiver in
            try await withTestApp(database, configure: { $0.smtp = try? smtp(receiver.port); $0.mailFrom = "mentoring@ithaca.example" }) { browser in
                let grace = try await member(browser, "Grace Hopper", "grace@example.com")
                let ada = try await member(browser, "Ada Lovelace", "ada@example.com")
                try await browser.json(.patch, "/api/v1/me", ["openToMentoring": true, "mentorCapacity": 2], token: grace.token)
                try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Lead a team", "focus": "leadership"],
                                       token: ada.token)
                await browser.services.jobs.runDue()
                await browser.services.jobs.runDue()
                let arrived = try await receiver.waitForMessages(1)
                #expect(arrived.count == 1)
                let message = try #require(arrived.first)
                #expect(message.envelope.mail_from == "mentoring@ithaca.example" && message.envelope.rcpt_tos == ["grace@example.com"])
                #expect(EmailText.header("Subject", in: message.raw)?.contains("Ada Lovelace asks you for mentoring") == true)
                #expect(EmailText.decoded(message.raw).contains("Lead a team"))
                #expect(try await browser.emails(to: "grace@example.com").first?.sentAt != nil)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func aMailServerDownForAnHourLosesNothingAndGetsEachMessageOnce(database: TestDatabase) async throws {
        let clock = TestClock()
        // a port where nothing listens yet: the mail server is down
        let probe = try await SMTPReceiver.start()
        let port = probe.port
        let out = probe.outDirectory
        await probe.stop()
        try await withTestApp(database, clock: clock, configure: { $0.smtp = try? smtp(port) }) { browser in
            let grace = try await member(browser, "Grace", "grace@example.com")
            try await browser.json(.patch, "/api/v1/me", ["openToMentoring": true, "mentorCapacity": 5], token: grace.token)
            for index in 1...3 {
                let mentee = try await member(browser, "Mentee \(index)", "m\(index)@example.com")
                try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Goal \(index)", "focus": "leadership"],
                                       token: mentee.token)
            }
            // an hour of the server being down: every try fails and is scheduled again, nothing is lost
            for _ in 0..<12 {
                await browser.services.jobs.runDue()
                clock.advance(by: 300)
            }
            let waiting = try await browser.emails(to: "grace@example.com")
            #expect(waiting.count == 3 && waiting.allSatisfy { $0.sentAt == nil && $0.failedAt == nil && $0.attempts >= 3 }, "\(waiting.map(\.attempts))")
            #expect(try await browser.services.outbox.pendingCount() == 3)
            // the server comes back on the same address
            let receiver = try await SMTPReceiver.start(port: port, into: out)
            defer { Task { await receiver.stop() } }
            clock.advance(by: 900)
            await browser.services.jobs.runDue()
            clock.advance(by: 900)
            await browser.services.jobs.runDue()
            let arrived = try await receiver.waitForMessages(3)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try receiver.messages().count == 3, "each message exactly once")
            #expect(Set(arrived.map { EmailText.header("Message-ID", in: $0.raw) ?? "" }).count == 3)
            #expect(try await browser.services.outbox.pendingCount() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRefusedTryIsRetriedAndARecipientTheServerRejectsIsGivenUp(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withReceiver(["--fail-first", "1", "--reject-rcpt", "nobody@example.com"]) { receiver in
            try await withTestApp(database, clock: clock, configure: { $0.smtp = try? smtp(receiver.port) }) { browser in
                let services = browser.services
                let grace = try await member(browser, "Grace", "grace@example.com")
                try await services.database.transaction { _ in
                    try await services.notifications.send(to: [UUID(uuidString: grace.id)!], .requestReceived, "First.", url: "/mentoring")
                }
                await services.jobs.runDue()  // 451 once
                #expect(try receiver.messages().isEmpty)
                clock.advance(by: 61)
                await services.jobs.runDue()
                #expect(try await receiver.waitForMessages(1).count == 1)
                // a permanent refusal (550) is not retried forever
                try await services.database.transaction { _ in
                    try await services.outbox.enqueue([(nil, OutboxMessage(
                        recipient: "nobody@example.com", subject: "x", kind: "test",
                        message: "From: a@example.com\r\nTo: nobody@example.com\r\nSubject: x\r\n\r\nx\r\n", createdAt: clock.now))])
                }
                await services.jobs.runDue()
                let refused = try #require(try await services.outbox.messages(to: "nobody@example.com").first)
                #expect(refused.failedAt != nil && refused.lastError?.contains("550") == true)
            }
        }
    }
}

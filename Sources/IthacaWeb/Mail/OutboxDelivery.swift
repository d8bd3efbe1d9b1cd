import Foundation
import IthacaMail
import IthacaStorage
import Logging

/// Something that hands a stored message to the world: an SMTP server, or `.eml` files in a folder.
protocol MailTransport: Sendable {
    /// Delivers one message exactly as stored. A thrown `SMTPError` that is not transient is final; any other error
    /// is tried again later.
    func deliver(_ message: OutboxMessage, envelopeFrom: String) async throws
    /// Where messages go, for the start-up log line.
    var destination: String { get }
}

/// Sends what the outbox holds: claims due messages with a lease (so several processes never send one twice),
/// delivers them, and marks each sent — or schedules another try with exponential backoff, so a mail server that is
/// down for an hour loses nothing and gets each message once when it is back.
struct OutboxDelivery: Sendable {
    let outbox: OutboxStore
    let transport: any MailTransport
    let envelopeFrom: String
    let clock: AppClock
    let owner: String
    let logger: Logger
    /// A claim lasts this long; a process that dies mid-send loses its claim after it.
    static let lease: TimeInterval = 120
    /// Messages not delivered after this long are given up (and logged), not retried forever.
    static let giveUpAfter: TimeInterval = 3 * 86_400

    /// 1, 2, 4, 8 minutes… at most 15 minutes between tries.
    static func retryDelay(afterAttempt attempts: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, attempts - 1))), 900)
    }

    /// Delivers every due message (in batches of 20); returns how many were sent and how many failed this time.
    @discardableResult
    func deliverDue() async throws -> (sent: Int, failed: Int) {
        var sent = 0
        var failed = 0
        while true {
            let batch = try await outbox.claimDue(owner: owner, now: clock.now(), lease: Self.lease, limit: 20)
            if batch.isEmpty { break }
            var anyFailed = false
            for message in batch {
                do {
                    try await transport.deliver(message, envelopeFrom: envelopeFrom)
                    try await outbox.markSent(message.id, owner: owner, now: clock.now())
                    sent += 1
                } catch {
                    failed += 1
                    anyFailed = true
                    let now = clock.now()
                    let permanent = (error as? SMTPError).map { !$0.isTransient } ?? false
                    let tooOld = now.timeIntervalSince(message.createdAt) > Self.giveUpAfter
                    let retryAt = permanent || tooOld ? nil : now.addingTimeInterval(Self.retryDelay(afterAttempt: message.attempts))
                    try await outbox.markFailed(message.id, owner: owner, error: "\(error)", retryAt: retryAt, now: now)
                    logger.warning("email not delivered", metadata: [
                        "to": "\(message.recipient)", "kind": "\(message.kind)", "attempt": "\(message.attempts)", "error": "\(error)",
                        "next": "\(retryAt.map { "\($0)" } ?? "given up")",
                    ])
                }
            }
            // A server that refuses one message probably refuses the next: wait for the next round.
            if anyFailed { break }
        }
        return (sent, failed)
    }
}

/// Delivers over SMTP with the configured server.
struct SMTPTransport: MailTransport {
    let client: SMTPClient

    func deliver(_ message: OutboxMessage, envelopeFrom: String) async throws {
        try await client.send(raw: message.message, from: envelopeFrom, to: [message.recipient])
    }

    var destination: String { "SMTP \(client.settings)" }
}

/// Without an SMTP server, each message becomes an `.eml` file in a folder (open it with any mail program, or read
/// it as text).
struct FileDropTransport: MailTransport {
    let folder: URL

    func deliver(_ message: OutboxMessage, envelopeFrom: String) async throws {
        try EmailFileDrop(directory: folder).write(raw: message.message, date: message.createdAt, identifier: message.id.uuidString.lowercased())
    }

    var destination: String { "files in \(folder.path)" }
}

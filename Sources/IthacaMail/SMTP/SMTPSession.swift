import Foundation
import NIOCore
import NIOSSL

/// A reply the server gave instead of the expected one; the connection itself is still usable
/// (unless the code is 421), so a batch can RSET and go on with the next message.
struct SMTPRejection: Error {
    let error: SMTPError
}

/// The RFC 5321 dialogue on one connection: greeting, EHLO, STARTTLS, AUTH, mail transactions, QUIT.
struct SMTPSession {
    let connection: SMTPConnection
    let settings: SMTPSettings
    let tlsContext: NIOSSLContext
    private(set) var capabilities = SMTPCapabilities()

    init(connection: SMTPConnection, settings: SMTPSettings, tlsContext: NIOSSLContext) {
        self.connection = connection
        self.settings = settings
        self.tlsContext = tlsContext
    }

    /// Everything before the first message: greeting, EHLO, STARTTLS when offered, AUTH when configured.
    mutating func open() async throws {
        let greeting = try await connection.exchange(nil, step: "the greeting")
        try expect(greeting, [220], step: "the greeting")
        try await hello()

        if settings.security == .startTLS {
            if capabilities.supports("STARTTLS") {
                try expect(try await connection.exchange("STARTTLS", step: "STARTTLS"), [220], step: "STARTTLS")
                try await connection.startTLS(context: tlsContext)
                try await hello()  // RFC 3207: forget everything learnt before TLS.
            } else if settings.username != nil && !settings.isLoopback {
                throw SMTPError.permanent(
                    code: nil,
                    message: "\(settings.host):\(settings.port) does not offer STARTTLS; refusing to send the password unencrypted"
                )
            }
        }
        if let username = settings.username, let password = settings.password {
            try await authenticate(username: username, password: password)
        }
    }

    /// EHLO, or HELO for servers that do not speak ESMTP.
    private mutating func hello() async throws {
        let name = settings.heloName ?? connection.localAddressLiteral
        let reply = try await connection.exchange("EHLO \(name)", step: "EHLO")
        if reply.code == 250 {
            capabilities = SMTPCapabilities(ehloReply: reply)
            return
        }
        guard [500, 501, 502, 504, 550].contains(reply.code) else {
            throw SMTPRejection(error: .unexpected(reply, during: "EHLO"))
        }
        try expect(try await connection.exchange("HELO \(name)", step: "HELO"), [250], step: "HELO")
        capabilities = SMTPCapabilities()
    }

    /// AUTH PLAIN (one round trip), else AUTH LOGIN; nothing else is supported.
    private func authenticate(username: String, password: String) async throws {
        let mechanisms = capabilities.authMechanisms
        let step = "authentication as \"\(username)\""
        if mechanisms.contains("PLAIN") {
            let token = Self.base64("\0\(username)\0\(password)")
            try expect(try await connection.exchange("AUTH PLAIN \(token)", step: step), [235], step: step)
        } else if mechanisms.contains("LOGIN") {
            try expect(try await connection.exchange("AUTH LOGIN", step: step), [334], step: step)
            try expect(try await connection.exchange(Self.base64(username), step: step), [334], step: step)
            try expect(try await connection.exchange(Self.base64(password), step: step), [235], step: step)
        } else if mechanisms.isEmpty {
            throw SMTPError.permanent(
                code: nil, message: "\(settings.host):\(settings.port) does not offer AUTH, but a user name is configured")
        } else {
            throw SMTPError.permanent(
                code: nil,
                message: "\(settings.host):\(settings.port) offers only AUTH \(mechanisms.sorted().joined(separator: ", ")); IthacaMail supports PLAIN and LOGIN"
            )
        }
    }

    /// One mail transaction: MAIL FROM, RCPT TO for each recipient, DATA.
    func transfer(_ message: EmailMessage) async throws {
        try await transfer(RawEmail(text: message.rendered(), sender: message.from.address, recipients: message.envelopeRecipients))
    }

    /// One mail transaction for a message rendered earlier (an outbox sends exactly what it stored).
    func transfer(_ message: RawEmail) async throws {
        let data = SMTPDataEncoding.encode(message.text)
        var mailFrom = "MAIL FROM:<\(message.sender)>"
        if capabilities.supports("SIZE") {
            if let limit = capabilities.sizeLimit, data.readableBytes > limit {
                throw SMTPRejection(error: .permanent(
                    code: 552, message: "the message is \(data.readableBytes) bytes; the server accepts at most \(limit)"))
            }
            mailFrom += " SIZE=\(data.readableBytes)"
        }
        try expect(try await connection.exchange(mailFrom, step: "MAIL FROM"), [250], step: "MAIL FROM")
        for recipient in message.recipients {
            let step = "RCPT TO:<\(recipient)>"
            try expect(try await connection.exchange(step, step: step), [250, 251], step: step)
        }
        try expect(try await connection.exchange("DATA", step: "DATA"), [354], step: "DATA")
        let end = "the end of the message data"
        try expect(try await connection.exchange(bytes: data, step: end), [250], step: end)
    }

    /// Abandons a failed transaction so the next message starts clean.
    func reset() async throws {
        try expect(try await connection.exchange("RSET", step: "RSET"), [250], step: "RSET")
    }

    /// Polite goodbye; the message outcome is already known, so failures here do not matter.
    func quit() async {
        _ = try? await connection.exchange("QUIT", step: "QUIT")
    }

    private func expect(_ reply: SMTPReply, _ codes: Set<Int>, step: String) throws {
        guard codes.contains(reply.code) else { throw SMTPRejection(error: .unexpected(reply, during: step)) }
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}

import NIOCore
import NIOPosix
import NIOSSL

/// Sends ``EmailMessage``s to the SMTP server described by ``SMTPSettings``, one connection per call.
///
/// Cheap to create and Sendable; holds no connection between calls, so an outbox can keep
/// one for the life of the process.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    private let group: any EventLoopGroup

    public init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.group = eventLoopGroup
    }

    /// Delivers one message on its own connection.
    public func send(_ message: EmailMessage) async throws(SMTPError) {
        try await send([message])[0].get()
    }

    /// Delivers a message rendered earlier (see ``EmailMessage/rendered()``) exactly as it is, on its own connection.
    /// The envelope addresses must be plain addresses (no angle brackets, spaces or line breaks).
    public func send(raw text: String, from sender: String, to recipients: [String]) async throws(SMTPError) {
        let raw = RawEmail(text: text, sender: sender, recipients: recipients)
        guard raw.isValid else { throw .permanent(code: nil, message: "the envelope addresses are not plain email addresses") }
        try await deliver([raw])[0].get()
    }

    /// Delivers several messages over one connection, with RSET after a refused one.
    ///
    /// Returns one result per message, in order. A failure of the connection itself fails
    /// the message in flight and every message after it with the same error.
    public func send(_ messages: [EmailMessage]) async -> [Result<Void, SMTPError>] {
        await deliver(messages.map { RawEmail(text: $0.rendered(), sender: $0.from.address, recipients: $0.envelopeRecipients) })
    }

    private func deliver(_ messages: [RawEmail]) async -> [Result<Void, SMTPError>] {
        guard !messages.isEmpty else { return [] }
        let settings = self.settings
        do {
            let tlsContext = try makeTLSContext()
            let channel = try await SMTPConnection.connect(settings: settings, tlsContext: tlsContext, group: group)
            return try await channel.executeThenClose { inbound, outbound in
                let connection = SMTPConnection(channel: channel, inbound: inbound, outbound: outbound, settings: settings)
                var session = SMTPSession(connection: connection, settings: settings, tlsContext: tlsContext)
                do {
                    try await session.open()
                } catch {
                    if error is SMTPRejection { await session.quit() }
                    return Array(repeating: .failure(classify(error)), count: messages.count)
                }
                return await deliver(messages, in: session)
            }
        } catch {
            return Array(repeating: .failure(classify(error)), count: messages.count)
        }
    }

    private func deliver(_ messages: [RawEmail], in session: SMTPSession) async -> [Result<Void, SMTPError>] {
        var results: [Result<Void, SMTPError>] = []
        for message in messages {
            do {
                try await session.transfer(message)
                results.append(.success(()))
                continue
            } catch let rejection as SMTPRejection where rejection.error.code != 421 {
                results.append(.failure(rejection.error))
                do {
                    try await session.reset()
                    continue
                } catch {
                    // The connection broke on RSET: the rest cannot go out on it.
                    let failure = classify(error)
                    return results + Array(repeating: .failure(failure), count: messages.count - results.count)
                }
            } catch {
                let failure = classify(error)
                return results + Array(repeating: .failure(failure), count: messages.count - results.count)
            }
        }
        await session.quit()
        return results
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if !settings.extraTrustRoots.isEmpty {
            configuration.additionalTrustRoots = [.certificates(settings.extraTrustRoots)]
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SMTPError.permanent(code: nil, message: "could not set up TLS: \(error)")
        }
    }

    private func classify(_ error: any Error) -> SMTPError {
        if let rejection = error as? SMTPRejection { return rejection.error }
        return SMTPError.classify(error, host: settings.host, port: settings.port)
    }
}

/// A rendered message with its envelope: what one SMTP transaction sends.
struct RawEmail: Sendable {
    let text: String
    let sender: String
    let recipients: [String]

    var isValid: Bool {
        !recipients.isEmpty && ([sender] + recipients).allSatisfy { MailAddress($0).isValid }
    }
}

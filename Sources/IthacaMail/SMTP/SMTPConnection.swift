import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One TCP (or TLS) connection to the server, exchanging lines for ``SMTPReply`` values.
///
/// Not Sendable: it lives inside one `executeThenClose` call. Every exchange is bounded by
/// the configured timeout, enforced by closing the channel from the event loop, which ends
/// both the pending write and the pending read.
final class SMTPConnection {
    typealias Channel = NIOAsyncChannel<SMTPReply, ByteBuffer>

    private let channel: any NIOCore.Channel
    private var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let settings: SMTPSettings
    private(set) var isTLS: Bool

    init(
        channel: Channel,
        inbound: NIOAsyncChannelInboundStream<SMTPReply>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        settings: SMTPSettings
    ) {
        self.channel = channel.channel
        self.replies = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.settings = settings
        self.isTLS = settings.security == .implicitTLS
    }

    /// Opens the connection; for `smtps://` the TLS handler is in place before the first byte.
    static func connect(
        settings: SMTPSettings,
        tlsContext: NIOSSLContext?,
        group: any EventLoopGroup
    ) async throws -> Channel {
        let implicitTLS = settings.security == .implicitTLS ? tlsContext : nil
        let serverName = sniName(for: settings.host)
        return try await ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(settings.timeout))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        let tls = try NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    return try Channel(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// The name to offer in SNI and check the certificate against; IP literals cannot go in SNI
    /// (NIOSSL then checks the certificate against the peer's IP address instead).
    static func sniName(for host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// The local address literal ("[192.0.2.7]") for EHLO when no helo name is configured.
    var localAddressLiteral: String {
        guard let address = channel.localAddress, let ip = address.ipAddress else { return "[127.0.0.1]" }
        if case .v6 = address { return "[IPv6:\(ip)]" }
        return "[\(ip)]"
    }

    /// Sends `command` (if any) and waits for the complete reply, within the timeout.
    /// Errors name `step`, never the command, so AUTH secrets stay out of messages.
    func exchange(_ command: String?, step: String) async throws -> SMTPReply {
        var bytes: ByteBuffer?
        if let command { bytes = ByteBuffer(string: command + "\r\n") }
        return try await exchange(bytes: bytes, step: step)
    }

    func exchange(bytes: ByteBuffer?, step: String) async throws -> SMTPReply {
        let timedOut = TimeoutFlag()
        let channel = self.channel
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(settings.timeout)) {
            timedOut.fire()
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        do {
            if let bytes {
                do {
                    try await outbound.write(bytes)
                } catch {
                    // The channel closed under us; why (a TLS alert, a parting 421) is waiting
                    // in the inbound stream and says more than "I/O on closed channel".
                    if let reply = try await replies.next() { return reply }
                    throw error
                }
            }
            guard let reply = try await replies.next() else {
                throw SMTPError.transient(code: nil, message: "the server closed the connection during \(step)")
            }
            return reply
        } catch {
            if timedOut.hasFired {
                let seconds = settings.timeout.components.seconds
                throw SMTPError.transient(code: nil, message: "no reply within \(seconds)s during \(step)")
            }
            throw error
        }
    }

    /// Replaces the plain connection with TLS after the server said 220 to STARTTLS.
    /// The handshake runs before the next write goes out; its failure surfaces on the next read.
    func startTLS(context: NIOSSLContext) async throws {
        let serverName = Self.sniName(for: settings.host)
        let channel = self.channel
        try await channel.eventLoop.submit {
            let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
            try channel.pipeline.syncOperations.addHandler(tls, position: .first)
        }.get()
        isTLS = true
    }
}

/// Set from the event loop when the deadline passes, read by the waiting task.
private final class TimeoutFlag: Sendable {
    private let fired = Atomic<Bool>(false)
    func fire() { fired.store(true, ordering: .relaxed) }
    var hasFired: Bool { fired.load(ordering: .relaxed) }
}

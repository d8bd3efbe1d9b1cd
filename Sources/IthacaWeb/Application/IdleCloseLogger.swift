import HTTPTypes
import Logging
import Metrics
import NIOCore
import NIOHTTPTypes

/// Notices the server closing a connection on which no request is under way and none asked to close: the idle
/// timeout (`--idle-timeout`) or shutdown. A connection closed before it finished a single request is a silent or
/// slow client (half a header, a byte a second), logged at notice with its address; one idle after its requests is
/// ordinary keep-alive, logged at debug. Both are counted in `/metrics` (`ithaca_connections_closed_idle_total`).
final class IdleCloseLogger: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let logger: Logger
    private var requestsCompleted = 0
    private var requestUnderWay = false
    private var askedToClose = false
    /// The client closed its side, or sent something that is not HTTP: not a timeout.
    private var endedByClient = false
    private var reported = false

    init(logger: Logger) { self.logger = logger }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            requestUnderWay = true
            if head.headerFields[.connection]?.lowercased().contains("close") == true { askedToClose = true }
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event { endedByClient = true }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        endedByClient = true
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        endedByClient = true
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased().contains("close") == true { askedToClose = true }
        case .end:
            requestUnderWay = false
            requestsCompleted += 1
        case .body:
            break
        }
        context.write(data, promise: promise)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if !requestUnderWay, !askedToClose, !endedByClient, !reported {
            reported = true
            let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
            Counter(label: "ithaca_connections_closed_idle_total", dimensions: [("requests", requestsCompleted == 0 ? "none" : "some")])
                .increment()
            if requestsCompleted == 0 {
                logger.notice("closed a connection that sent no complete request in time", metadata: ["client": "\(address)"])
            } else {
                logger.debug("closed an idle connection", metadata: ["client": "\(address)", "requests": "\(requestsCompleted)"])
            }
        }
        context.close(mode: mode, promise: promise)
    }
}

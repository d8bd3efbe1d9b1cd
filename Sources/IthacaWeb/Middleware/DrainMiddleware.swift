import Hummingbird
import IthacaDomain
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Whether the server is draining: told to stop (SIGTERM), it still accepts connections for a moment, answering
/// every new request 503 with Retry-After (and /healthz 503, so a load balancer stops sending), while the requests
/// already being worked on finish. A client queued in the listener's backlog gets an answer instead of a reset.
public final class Draining: Sendable {
    private let state = NIOLockedValueBox(false)
    public init() {}
    public var isOn: Bool { state.withLockedValue { $0 } }
    func begin() { state.withLockedValue { $0 = true } }
}

/// Answers 503 before any work once the server is draining.
struct DrainMiddleware<Context: RequestContext>: RouterMiddleware {
    let draining: Draining

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !draining.isOn else {
            throw IthacaError.unavailable("Ithaca is restarting. Nothing was changed: try again in a few seconds.")
        }
        return try await next(request, context)
    }
}

/// Runs until graceful shutdown begins, then drains for `period` before it returns; listed after the application in
/// the service group, it is shut down first, so the application stops listening only after the drain.
public struct DrainService: Service {
    let draining: Draining
    let period: Duration
    let logger: Logger

    public init(draining: Draining, period: Duration, logger: Logger) {
        self.draining = draining
        self.period = period
        self.logger = logger
    }

    public func run() async throws {
        try? await gracefulShutdown()
        guard !Task.isCancelled else { return }
        draining.begin()
        logger.notice("draining: new requests are answered 503 until the server stops", metadata: ["seconds": "\(period.components.seconds)"])
        try? await Task.sleep(for: period)
    }
}

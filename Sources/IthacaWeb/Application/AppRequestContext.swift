import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage
import NIOCore

/// The signed-in person behind a request (by session cookie or Bearer token).
public struct Viewer: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: AccountRole
    /// Hash of the session cookie, when signed in through the browser.
    public var sessionIdHash: String?
    /// The API token used, when signed in with a Bearer token.
    public var tokenId: UUID?
    /// Unread notifications when the request started (the inbox link shows it).
    public var unreadNotifications = 0
    /// Whether they hid the "boss or mentor?" guidance panel.
    public var guideDismissed = false

    public var isAdmin: Bool { role == .admin }

    /// The viewer of the current task, set by `SessionMiddleware`; the generated API handlers read it from here.
    @TaskLocal public static var current: Viewer?
}

/// Per-request state shared between middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var viewer: Viewer?
    /// The CSRF token pages embed in their forms (also in the CSRF cookie).
    public var csrfToken: String = ""
    /// A one-time message carried across a redirect.
    public var flash: Flash?
    /// The client address from the socket; `SessionMiddleware` may prefer X-Forwarded-For (see `clientAddress`).
    public let socketAddress: String?
    /// The address used for throttling.
    public var clientAddress: String = "unknown"

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.socketAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The viewer, or an `.unauthenticated` error.
    public func requireViewer() throws -> Viewer {
        guard let viewer else { throw IthacaError.unauthenticated }
        return viewer
    }
}


/// The client address of the current task, for the generated API handlers (which see no context).
enum RequestClient {
    @TaskLocal static var current: String?
}

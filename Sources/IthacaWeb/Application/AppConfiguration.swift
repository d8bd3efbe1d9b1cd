import Foundation
import IthacaDomain
import IthacaStorage
import Logging

/// Everything the server needs to know, from flags and environment variables, with safe defaults.
public struct AppConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var database: DatabaseLocation = .sqlite(path: "./ithaca-data/ithaca.sqlite")
    /// The address people use, e.g. https://mentoring.example.org. HTTPS turns on `__Host-` cookies, Secure and HSTS.
    public var publicURL: String?
    /// Behind a load balancer: take the client address from X-Forwarded-For (only when the proxy sets it).
    public var trustForwardedFor: Bool = false
    public var sessionPolicy: SessionPolicy = .standard
    public var passwordHashing: PasswordHasher = .standard
    public var signInThrottle: SignInThrottle = .standard
    public var postingLimit: PostingLimit = .standard
    /// How long a mentorship request waits for an answer (14 days unless configured).
    public var requestPolicy: RequestPolicy = .standard
    public var logLevel: Logger.Level = .info
    /// The source of "now"; tests move it to check timeouts without sleeping.
    public var clock: AppClock = .system
    /// Load the demo community at start-up.
    public var loadDemo: Bool = false

    public init() {}

    /// Cookies get `Secure` and the `__Host-` prefix only over HTTPS; on http://localhost browsers would drop them.
    public var usesHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }
}

/// "Now", injectable.
public struct AppClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = AppClock { Date() }
}

extension AppConfiguration {
    /// A path as a full URL people can paste elsewhere (e.g. a calendar app): under the public URL when set.
    public func absoluteURL(_ path: String) -> String {
        let base = publicURL ?? "http://\(host):\(port)"
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }
}

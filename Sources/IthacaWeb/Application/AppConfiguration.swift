import Foundation
import IthacaDomain
import IthacaMail
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
    /// Where email goes: an SMTP server, or (nil) `.eml` files in `mailDirectory`.
    public var smtp: SMTPSettings?
    /// The sender of every email, e.g. "mentoring@example.org"; derived from the public URL when not set.
    public var mailFrom: String?
    public var mailFromName: String = "Ithaca"
    /// Where `.eml` files are written without SMTP; next to the SQLite file (or ./ithaca-data/mail) when not set.
    public var mailDirectory: String?
    /// Single sign-on with an OpenID Connect provider; off when nil.
    public var singleSignOn: SingleSignOnConfiguration?
    /// Tests put a provider here that answers as a misbehaving one would (bad signatures, expired tokens).
    var signOnProvider: (any SignOnProvider)?
    /// Run reminders, expiry, digests and the outbox in the background (tests run them by hand instead).
    public var runsBackgroundJobs: Bool = true
    /// How often the background jobs look for work.
    public var jobsInterval: Duration = .seconds(30)
    /// A connection that has not completed a request (nothing sent, half a header, a header trickled byte by byte)
    /// or sat idle between requests this long is closed, so slow clients cannot hold descriptors forever.
    /// A request being answered is never cut.
    public var idleTimeout: Duration = .seconds(30)
    /// How long a request may wait for a database connection or its turn to write before it gets 503 (shed early).
    public var databaseWaitLimit: Duration = .seconds(5)
    /// How long `serve` keeps answering 503 to new requests after SIGTERM before it stops listening (see `Draining`).
    public var shutdownDrain: Duration = .seconds(2)
    /// The largest JSON body the API reads (the largest real one, a long post or profile, is a few dozen KiB; a
    /// whole program is invited with `everyoneNotJoined`, not a list).
    public var maxJSONBodyBytes = 1024 * 1024
    /// Matching rounds with more (mentee, mentor) pairs than this start from each mentee's best candidates (the sparse
    /// mode) instead of scoring every pair; both end proven optimal over all pairs.
    public var denseMatchingPairLimit = 30_000_000

    public init() {}

    /// Cookies get `Secure` and the `__Host-` prefix only over HTTPS; on http://localhost browsers would drop them.
    public var usesHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    /// The folder `.eml` files go to without SMTP.
    public var effectiveMailDirectory: String {
        if let mailDirectory { return mailDirectory }
        if case .sqlite(let path) = database {
            return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("mail").path
        }
        return "./ithaca-data/mail"
    }
}

/// The OpenID Connect provider people may sign in with.
public struct SingleSignOnConfiguration: Sendable {
    public var issuer: String
    public var clientId: String
    public var clientSecret: String?
    /// The button says "Sign in with <displayName>".
    public var displayName: String
    /// Email domains whose people get an account the first time they sign in (others need an existing account).
    public var allowedDomains: [String]

    public init(issuer: String, clientId: String, clientSecret: String?, displayName: String, allowedDomains: [String]) {
        self.issuer = issuer
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.displayName = displayName
        self.allowedDomains = allowedDomains.map { $0.lowercased() }
    }
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

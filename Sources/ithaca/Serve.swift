import ArgumentParser
import Foundation
import Hummingbird
import IthacaDomain
import IthacaMail
import IthacaStorage
import IthacaWeb
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import UnixSignals

/// `ithaca serve`: runs the web server until SIGTERM/SIGINT, then lets in-flight requests finish.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server (migrations are applied first).")

    @Option(help: "Address to listen on. Also ITHACA_HOST.") var host: String?
    @Option(help: "Port to listen on. Also ITHACA_PORT.") var port: Int?
    @OptionGroup var databaseOptions: DatabaseOptions
    @Flag(help: "Load the demo community (about 300 people in 3 organisations) if it is not there yet.") var demo = false
    @Option(help: "The public address, e.g. https://mentoring.example.org (HTTPS enables Secure, __Host- cookies and HSTS). Also ITHACA_PUBLIC_URL.")
    var publicURL: String?
    @Flag(help: "Trust X-Forwarded-For from a load balancer for client addresses. Also ITHACA_TRUST_FORWARDED_FOR=1.")
    var trustForwardedFor = false
    @Option(help: "Days a mentorship request waits for an answer before it expires (default 14). Also ITHACA_REQUEST_EXPIRY_DAYS.")
    var requestExpiryDays: Int?
    @Option(help: "Send email through this SMTP server: smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (TLS). Without it, emails are written as .eml files under the data folder. Also ITHACA_SMTP_URL.")
    var smtpUrl: String?
    @Option(help: "The sender of every email, e.g. mentoring@example.org (default: no-reply@ the public URL's host). Also ITHACA_MAIL_FROM.")
    var mailFrom: String?
    @Option(help: "Folder for .eml files when no SMTP server is set (default: mail/ next to the SQLite file). Also ITHACA_MAIL_DIR.")
    var mailDir: String?
    @Option(help: "Single sign-on: the OpenID Connect issuer URL, e.g. https://login.example.org. Also ITHACA_OIDC_ISSUER.")
    var oidcIssuer: String?
    @Option(help: "Single sign-on: the client id registered with the provider. Also ITHACA_OIDC_CLIENT_ID.")
    var oidcClientId: String?
    @Option(help: "Single sign-on: the client secret (prefer the environment variable ITHACA_OIDC_CLIENT_SECRET).")
    var oidcClientSecret: String?
    @Option(help: "Single sign-on: the provider's name on the button (default \"your organisation\"). Also ITHACA_OIDC_NAME.")
    var oidcName: String?
    @Option(help: "Single sign-on: email domains whose people get an account at their first sign-in, comma-separated. Also ITHACA_OIDC_ALLOWED_DOMAINS.")
    var oidcAllowedDomains: String?
    @Option(help: "Seconds between background job runs: reminders, expiry, digests, email delivery (default 30). Also ITHACA_JOBS_INTERVAL.")
    var jobsInterval: Int?
    @Option(help: "Seconds a connection may stay idle or take to send a request's header before it is closed (default 30). Also ITHACA_IDLE_TIMEOUT.")
    var idleTimeout: Int?
    @Option(help: "Seconds a request may wait for a database connection or its turn to write before it is answered 503 with Retry-After (default 5). Also ITHACA_DATABASE_WAIT.")
    var databaseWait: Int?
    @Option(help: "Seconds serve keeps answering new requests 503 after SIGTERM before it stops listening, while requests in progress finish (default 2; 0 stops listening at once). Also ITHACA_SHUTDOWN_DRAIN.")
    var shutdownDrain: Int?
    @Option(help: "The largest JSON body the API reads, in KiB (default 1024); larger ones get 413. Also ITHACA_MAX_JSON_BODY_KIB.")
    var maxJsonBodyKib: Int?
    @Option(help: "trace, debug, info, notice, warning, error or critical. Also LOG_LEVEL.") var logLevel: String?
    @Option(help: "Log format: text or json. Also LOG_FORMAT.") var logFormat: String?

    func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535.") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.") }
        if let jobsInterval, !(1...3600).contains(jobsInterval) { throw ValidationError("--jobs-interval must be between 1 and 3600 seconds.") }
        if let idleTimeout, !(1...3600).contains(idleTimeout) { throw ValidationError("--idle-timeout must be between 1 and 3600 seconds.") }
        if let databaseWait, !(1...60).contains(databaseWait) { throw ValidationError("--database-wait must be between 1 and 60 seconds.") }
        if let shutdownDrain, !(0...60).contains(shutdownDrain) { throw ValidationError("--shutdown-drain must be between 0 and 60 seconds.") }
        if let maxJsonBodyKib, !(16...65536).contains(maxJsonBodyKib) { throw ValidationError("--max-json-body-kib must be between 16 and 65536.") }
        if let requestExpiryDays, !(1...365).contains(requestExpiryDays) { throw ValidationError("--request-expiry-days must be between 1 and 365.") }
        if let publicURL, URL(string: publicURL)?.scheme == nil { throw ValidationError("--public-url must be a full URL such as https://mentoring.example.org.") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = AppConfiguration()
        configuration.host = host ?? environment["ITHACA_HOST"] ?? configuration.host
        if let port = port ?? environment["ITHACA_PORT"].flatMap(Int.init) { configuration.port = port }
        configuration.database = try databaseOptions.location()
        configuration.publicURL = publicURL ?? environment["ITHACA_PUBLIC_URL"]
        configuration.trustForwardedFor = trustForwardedFor || environment["ITHACA_TRUST_FORWARDED_FOR"] == "1"
        configuration.loadDemo = demo
        if let days = requestExpiryDays ?? environment["ITHACA_REQUEST_EXPIRY_DAYS"].flatMap(Int.init), (1...365).contains(days) {
            configuration.requestPolicy = RequestPolicy(expiry: TimeInterval(days) * 24 * 3600)
        }
        configuration.logLevel = (logLevel ?? environment["LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .info
        if let seconds = jobsInterval ?? environment["ITHACA_JOBS_INTERVAL"].flatMap(Int.init), (1...3600).contains(seconds) {
            configuration.jobsInterval = .seconds(seconds)
        }
        if let seconds = idleTimeout ?? environment["ITHACA_IDLE_TIMEOUT"].flatMap(Int.init), (1...3600).contains(seconds) {
            configuration.idleTimeout = .seconds(seconds)
        }
        if let seconds = databaseWait ?? environment["ITHACA_DATABASE_WAIT"].flatMap(Int.init), (1...60).contains(seconds) {
            configuration.databaseWaitLimit = .seconds(seconds)
        }
        if let seconds = shutdownDrain ?? environment["ITHACA_SHUTDOWN_DRAIN"].flatMap(Int.init), (0...60).contains(seconds) {
            configuration.shutdownDrain = .seconds(seconds)
        }
        if let kib = maxJsonBodyKib ?? environment["ITHACA_MAX_JSON_BODY_KIB"].flatMap(Int.init), (16...65536).contains(kib) {
            configuration.maxJSONBodyBytes = kib * 1024
        }
        do {
            try configureMail(&configuration, environment)
            try configureSingleSignOn(&configuration, environment)
        } catch {
            FileHandle.standardError.write(Data("ithaca: \(error)\n".utf8))
            throw ExitCode.failure
        }

        LoggingSetup.bootstrap(format: logFormat ?? environment["LOG_FORMAT"] ?? "text", level: configuration.logLevel)
        MetricsSystem.bootstrap(PrometheusMetricsFactory())
        let logger = Logger(label: "ithaca")
        if let files = OpenFileLimit.raiseToHardLimit(), files.after > files.before {
            logger.info("open files limit raised", metadata: ["from": "\(files.before)", "to": "\(files.after)"])
        }
        let app: any ApplicationProtocol, services: AppServices
        let listening = ListeningAnnouncement(logger: logger, configuration: configuration)
        do {
            (app, services) = try await buildApplicationAndServices(
                configuration: configuration, logger: logger, onServerRunning: { channel in listening.announce(channel) })
        } catch {
            FileHandle.standardError.write(Data("ithaca: cannot start with the database \(configuration.database): \(CleanExit.describe(error))\n".utf8))
            throw ExitCode.failure
        }
        if configuration.singleSignOn != nil { logger.info("single sign-on is on", metadata: ["issuer": "\(configuration.singleSignOn?.issuer ?? "")"]) }
        // SIGTERM or SIGINT: the drain service, listed last, is shut down first; the application stops listening
        // and finishes its requests after it
        let drain = DrainService(draining: services.draining, period: configuration.shutdownDrain, logger: logger)
        do {
            try await ServiceGroup(configuration: .init(
                services: [.init(service: app), .init(service: drain, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
        } catch {
            // Most often the port is taken: one line that says so, not a stack trace.
            let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? CleanExit.describe(error)
            FileHandle.standardError.write(Data("ithaca: cannot serve on \(configuration.host):\(configuration.port): \(reason)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// "Ithaca is listening" once the socket is bound (with the port the system chose for `--port 0`), not before.
struct ListeningAnnouncement: Sendable {
    let logger: Logger
    let configuration: AppConfiguration

    func announce(_ channel: any Channel) {
        let port = channel.localAddress?.port ?? configuration.port
        logger.info("Ithaca is listening", metadata: ["url": "http://\(configuration.host):\(port)", "database": "\(configuration.database)"])
    }
}

extension Serve {
    /// A wrong SMTP URL stops the server at start-up with one clear line, instead of losing every email later.
    func configureMail(_ configuration: inout AppConfiguration, _ environment: [String: String]) throws {
        if let url = smtpUrl ?? environment["ITHACA_SMTP_URL"], !url.isEmpty {
            do {
                configuration.smtp = try SMTPSettings(url: url)
            } catch {
                throw StartupProblem("--smtp-url: \(error)")
            }
        }
        if let from = mailFrom ?? environment["ITHACA_MAIL_FROM"], !from.isEmpty {
            guard let address = try? IthacaDomain.EmailAddress.normalized(from) else { throw StartupProblem("--mail-from: \(from) is not an email address.") }
            configuration.mailFrom = address
        }
        configuration.mailDirectory = mailDir ?? environment["ITHACA_MAIL_DIR"]
    }

    /// Single sign-on is on when an issuer and a client id are given; half a configuration is an error, not silently off.
    func configureSingleSignOn(_ configuration: inout AppConfiguration, _ environment: [String: String]) throws {
        let issuer = oidcIssuer ?? environment["ITHACA_OIDC_ISSUER"]
        let clientId = oidcClientId ?? environment["ITHACA_OIDC_CLIENT_ID"]
        guard issuer != nil || clientId != nil else { return }
        guard let issuer, !issuer.isEmpty, let clientId, !clientId.isEmpty else {
            throw StartupProblem("single sign-on needs both --oidc-issuer and --oidc-client-id.")
        }
        guard let url = URL(string: issuer), let scheme = url.scheme?.lowercased(), let host = url.host,
              scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost", "::1"].contains(host))
        else { throw StartupProblem("--oidc-issuer must be an https:// URL (http:// only on this machine), such as https://login.example.org.") }
        let domains = (oidcAllowedDomains ?? environment["ITHACA_OIDC_ALLOWED_DOMAINS"] ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        let singleSignOn = SingleSignOnConfiguration(
            issuer: issuer, clientId: clientId, clientSecret: oidcClientSecret ?? environment["ITHACA_OIDC_CLIENT_SECRET"],
            displayName: oidcName ?? environment["ITHACA_OIDC_NAME"] ?? "your organisation", allowedDomains: domains)
        do {
            try singleSignOn.validate(publicBase: configuration)
        } catch {
            throw StartupProblem("single sign-on: \(error)")
        }
        configuration.singleSignOn = singleSignOn
    }
}

/// A configuration problem found at start-up, said in one line.
struct StartupProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

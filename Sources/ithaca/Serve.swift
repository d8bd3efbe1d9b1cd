import ArgumentParser
import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage
import IthacaWeb
import Logging
import Metrics
import Prometheus

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
    @Option(help: "trace, debug, info, notice, warning, error or critical. Also LOG_LEVEL.") var logLevel: String?
    @Option(help: "Log format: text or json. Also LOG_FORMAT.") var logFormat: String?

    func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535.") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.") }
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

        LoggingSetup.bootstrap(format: logFormat ?? environment["LOG_FORMAT"] ?? "text", level: configuration.logLevel)
        MetricsSystem.bootstrap(PrometheusMetricsFactory())
        let logger = Logger(label: "ithaca")
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(configuration: configuration, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("ithaca: cannot start with the database \(configuration.database): \(CleanExit.describe(error))\n".utf8))
            throw ExitCode.failure
        }
        logger.info("Ithaca is listening", metadata: ["url": "http://\(configuration.host):\(configuration.port)", "database": "\(configuration.database)"])
        try await app.runService()
    }
}

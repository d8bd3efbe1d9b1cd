import Foundation
import Hummingbird
import IthacaAPI
import IthacaDomain
import IthacaStorage
import Logging
import NIOCore
import OpenAPIHummingbird
import Prometheus
import ServiceLifecycle

/// Builds the whole application (database, services, middleware, pages and API) from a configuration.
/// Tests build exactly this with a test configuration.
public func buildApplication(configuration: AppConfiguration, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    try await buildApplicationAndServices(configuration: configuration, logger: logger).app
}

/// The application and the services behind it (tests run background jobs and read the outbox through them;
/// benchmarks make an account to time pages with).
/// `onServerRunning` is told the listening channel (its address carries the port when the configuration asks for 0).
public func buildApplicationAndServices(
    configuration: AppConfiguration, logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) async throws -> (app: Application<RouterResponder<AppRequestContext>>, services: AppServices) {
    var logger = logger ?? Logger(label: "ithaca")
    logger.logLevel = configuration.logLevel

    let database = try IthacaDatabase(location: configuration.database, logger: logger, waitLimit: configuration.databaseWaitLimit)
    let services: AppServices
    // Whatever fails on the way up, the database's pools (and SQLite's thread pool) are closed again.
    do {
        try await database.prepareConnections()
        try await database.migrate()
        // A fresh install starts with a few spaces, so a new community has somewhere to begin.
        try await CommunityStore(database: database).ensureDefaultSpaces(now: configuration.clock.now())
        var demoAdded = 0
        if configuration.loadDemo {
            demoAdded = try await DemoData.load(into: database, hasher: configuration.passwordHashing, now: configuration.clock.now())
            logger.info("demo community ready", metadata: ["added": "\(demoAdded)"])
        }
        // One signing key for unsubscribe links, shared by every process through the database.
        let mailKey = Array(try await SiteSecretStore(database: database).secret("unsubscribe-links") { SecretToken.make() }.utf8)
        services = try AppServices(
            configuration: configuration, database: database, pages: try await PageRenderer.load(), mailKey: mailKey, logger: logger)
        if demoAdded > 0 { try await DemoNotifications.send(services) }
    } catch {
        await database.shutdown()
        throw error
    }
    let router = try buildRouter(services: services, logger: logger)
    logger.info("email goes to \(services.mailTransport.destination)")
    let jobs = configuration.runsBackgroundJobs ? BackgroundJobsService(runner: services.jobs, interval: configuration.jobsInterval) : nil
    let lifecycle: [any Service] = [DatabaseLifecycle(database: database, jobs: jobs)]
    let (seconds, attoseconds) = configuration.idleTimeout.components
    let connectionLogger = logger
    let app = Application(
        router: router,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [IdleCloseLogger(logger: connectionLogger)],
            idleTimeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Ithaca"),
        services: lifecycle,
        onServerRunning: onServerRunning,
        logger: logger)
    return (app, services)
}

/// Routes and middleware, outermost first.
func buildRouter(services: AppServices, logger: Logger) throws -> Router<AppRequestContext> {
    let configuration = services.configuration
    let cookies = SessionCookies(secure: configuration.usesHTTPS, sessionMaxAge: Int(configuration.sessionPolicy.absoluteTimeout))
    // HEAD answers every GET route as GET would, without the body (RFC 9110 §9.3.2): uptime checks send HEAD and
    // would read a 404 as "down".
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RequestIdMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(usesHTTPS: configuration.usesHTTPS))
    router.add(middleware: ErrorMiddleware(pages: services.pages))
    router.add(middleware: DrainMiddleware(draining: services.draining))
    router.add(middleware: try StaticAssetsMiddleware<AppRequestContext>.load())
    router.add(middleware: SessionMiddleware(accounts: services.accounts, cookies: cookies, trustForwardedFor: configuration.trustForwardedFor))
    // Second error mapper: errors below this point are rendered knowing who is signed in.
    router.add(middleware: ErrorMiddleware(pages: services.pages))
    router.add(middleware: CSRFMiddleware(cookies: cookies))
    router.add(middleware: BodyLimitMiddleware(jsonLimit: configuration.maxJSONBodyBytes, csvLimit: APIHandler.maximumImportBytes))

    HomeController(services: services).addRoutes(to: router)
    AuthController(services: services, cookies: cookies).addRoutes(to: router)
    ProfileController(services: services, cookies: cookies).addRoutes(to: router)
    PeopleController(services: services, cookies: cookies).addRoutes(to: router)
    SettingsController(services: services, cookies: cookies).addRoutes(to: router)
    MentoringController(services: services, cookies: cookies).addRoutes(to: router)
    MeetingsController(services: services, cookies: cookies).addRoutes(to: router)
    AvailabilityController(services: services, cookies: cookies).addRoutes(to: router)
    CalendarFeedController(services: services).addRoutes(to: router)
    GoalsController(services: services, cookies: cookies).addRoutes(to: router)
    CommunityController(services: services, cookies: cookies).addRoutes(to: router)
    ProgramsController(services: services, cookies: cookies).addRoutes(to: router)
    ChallengesController(services: services, cookies: cookies).addRoutes(to: router)
    NotificationsController(services: services, cookies: cookies).addRoutes(to: router)
    ResourcesController(services: services, cookies: cookies).addRoutes(to: router)
    EventsController(services: services, cookies: cookies).addRoutes(to: router)
    CirclesController(services: services, cookies: cookies).addRoutes(to: router)
    ModerationController(services: services, cookies: cookies).addRoutes(to: router)
    LearningPathsController(services: services, cookies: cookies).addRoutes(to: router)
    IntroductionsController(services: services, cookies: cookies).addRoutes(to: router)
    InvitationsController(services: services, cookies: cookies).addRoutes(to: router)
    NotificationSettingsController(services: services, cookies: cookies).addRoutes(to: router)
    GuideController(services: services, cookies: cookies).addRoutes(to: router)
    SingleSignOnController(services: services, cookies: cookies).addRoutes(to: router)
    AuditController(services: services).addRoutes(to: router)
    LineageController(services: services, cookies: cookies).addRoutes(to: router)
    DashboardController(services: services).addRoutes(to: router)
    PersonalDataController(services: services, cookies: cookies).addRoutes(to: router)
    OperationsController().addRoutes(to: router)
    try APIHandler(services: services).registerHandlers(on: router)
    return router
}

/// Runs the background jobs (when the configuration asks for them) and closes the database pools once the
/// application stops. One service for both, so the pools close only after the jobs' last round has finished: when a
/// service fails (a server that cannot bind its port) the group cancels every service at once, and a job still
/// querying a closed database crashed the process.
struct DatabaseLifecycle: Service {
    let database: IthacaDatabase
    let jobs: BackgroundJobsService?

    func run() async throws {
        if let jobs {
            await jobs.run()
        } else {
            try? await gracefulShutdown()
        }
        await database.shutdown()
    }
}

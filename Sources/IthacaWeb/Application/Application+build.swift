import Foundation
import Hummingbird
import IthacaAPI
import IthacaDomain
import IthacaStorage
import Logging
import OpenAPIHummingbird
import Prometheus
import ServiceLifecycle

/// Builds the whole application (database, services, middleware, pages and API) from a configuration.
/// Tests build exactly this with a test configuration.
public func buildApplication(configuration: AppConfiguration, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "ithaca")
    logger.logLevel = configuration.logLevel

    let database = try IthacaDatabase(location: configuration.database, logger: logger)
    do {
        try await database.prepareConnections()
        try await database.migrate()
        // A fresh install starts with a few spaces, so a new community has somewhere to begin.
        try await CommunityStore(database: database).ensureDefaultSpaces(now: configuration.clock.now())
        if configuration.loadDemo {
            let added = try await DemoData.load(into: database, hasher: configuration.passwordHashing, now: configuration.clock.now())
            logger.info("demo community ready", metadata: ["added": "\(added)"])
        }
    } catch {
        await database.shutdown()
        throw error
    }
    let services = AppServices(configuration: configuration, database: database, pages: try await PageRenderer.load())
    let router = try buildRouter(services: services, logger: logger)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Ithaca"),
        services: [DatabaseLifecycle(database: database), Housekeeping(services: services, logger: logger)],
        logger: logger)
}

/// Routes and middleware, outermost first.
func buildRouter(services: AppServices, logger: Logger) throws -> Router<AppRequestContext> {
    let configuration = services.configuration
    let cookies = SessionCookies(secure: configuration.usesHTTPS, sessionMaxAge: Int(configuration.sessionPolicy.absoluteTimeout))
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RequestIdMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(usesHTTPS: configuration.usesHTTPS))
    router.add(middleware: ErrorMiddleware(pages: services.pages))
    router.add(middleware: try StaticAssetsMiddleware<AppRequestContext>.load())
    router.add(middleware: SessionMiddleware(accounts: services.accounts, cookies: cookies, trustForwardedFor: configuration.trustForwardedFor))
    // Second error mapper: errors below this point are rendered knowing who is signed in.
    router.add(middleware: ErrorMiddleware(pages: services.pages))
    router.add(middleware: CSRFMiddleware(cookies: cookies))

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
    OperationsController().addRoutes(to: router)
    try APIHandler(services: services).registerHandlers(on: router)
    return router
}

/// Closes the database pools when the application shuts down gracefully.
struct DatabaseLifecycle: Service {
    let database: IthacaDatabase

    func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown()
    }
}

/// Now and then deletes timed-out sessions (so the table stays small) and stores the expiry of unanswered
/// mentorship requests. Every process may run it; both are idempotent.
struct Housekeeping: Service {
    let services: AppServices
    let logger: Logger

    func run() async throws {
        let policy = services.configuration.sessionPolicy
        // Cancellation (another service failed) ends the loop too: the cancelled sleep returns at once, so
        // checking only for graceful shutdown would spin, and query a database that is being shut down.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let now = services.configuration.clock.now()
            do {
                try await services.accounts.sessions.deleteExpired(
                    idleSince: now.addingTimeInterval(-policy.idleTimeout), createdBefore: now.addingTimeInterval(-policy.absoluteTimeout))
            } catch {
                logger.warning("session sweep failed", metadata: ["error": "\(error)"])
            }
            do {
                let expired = try await services.mentorships.expireOldRequests()
                if expired > 0 { logger.info("mentorship requests expired", metadata: ["count": "\(expired)"]) }
            } catch {
                logger.warning("request expiry sweep failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(600)) }
        }
    }
}

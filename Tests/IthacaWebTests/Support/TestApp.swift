import IthacaTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IthacaStorage
@testable import IthacaWeb
import Logging

/// Builds the real application on a fresh database and hands a cookie-aware client to the test.
func withTestApp(
    _ database: TestDatabase,
    clock: TestClock = TestClock(),
    configure: (inout AppConfiguration) -> Void = { _ in },
    _ test: @escaping @Sendable (TestBrowser) async throws -> Void
) async throws {
    var configuration = AppConfiguration()
    configuration.database = try await database.makeLocation()
    configuration.clock = clock.appClock
    // A cheap scrypt cost keeps tests fast; PasswordHasherTests checks the production cost.
    configuration.passwordHashing = PasswordHasher(logN: 10)
    // Hundreds of tests share two cores: a write may wait longer for its turn than a server should (the 5 s
    // default sheds it with 503); ReaderConnectionsTests checks the shedding with a limit of its own.
    configuration.databaseWaitLimit = .seconds(60)
    configuration.logLevel = .error
    // Tests run the background jobs by hand (`browser.services.jobs.runDue()`), at the test clock's times.
    configuration.runsBackgroundJobs = false
    configuration.mailDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ithaca-test-mail-\(UUID().uuidString)").path
    configure(&configuration)
    var logger = Logger(label: "ithaca-test")
    logger.logLevel = .error
    let csrfCookieName = configuration.usesHTTPS ? "__Host-ithaca_csrf" : "ithaca_csrf"
    let (app, services) = try await buildApplicationAndServices(configuration: configuration, logger: logger)
    try await app.test(.router) { client in
        try await test(TestBrowser(client: client, csrfCookieName: csrfCookieName, services: services))
    }
}

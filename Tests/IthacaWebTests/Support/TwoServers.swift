import IthacaTestSupport
import Foundation
import HummingbirdTesting
import IthacaStorage
@testable import IthacaWeb
import Logging

/// Two server instances on one database (as two processes behind a load balancer would be): each has its own pools,
/// services and job runner; both are handed to the test.
func withTwoServers(
    _ database: TestDatabase, clock: TestClock = TestClock(),
    _ test: @escaping @Sendable (TestBrowser, TestBrowser) async throws -> Void
) async throws {
    let location = try await database.makeLocation()
    func configuration() -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.database = location
        configuration.clock = clock.appClock
        configuration.passwordHashing = PasswordHasher(logN: 10)
        // Hundreds of tests share two cores: a write may wait longer for its turn than a server should (the 5 s
        // default sheds it with 503); ReaderConnectionsTests checks the shedding with a limit of its own.
        configuration.databaseWaitLimit = .seconds(60)
        configuration.logLevel = .error
        configuration.runsBackgroundJobs = false
        configuration.mailDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ithaca-test-mail-\(UUID().uuidString)").path
        return configuration
    }
    var logger = Logger(label: "ithaca-test")
    logger.logLevel = .error
    let (first, firstServices) = try await buildApplicationAndServices(configuration: configuration(), logger: logger)
    let (second, secondServices) = try await buildApplicationAndServices(configuration: configuration(), logger: logger)
    try await first.test(.router) { firstClient in
        try await second.test(.router) { secondClient in
            try await test(TestBrowser(client: firstClient, services: firstServices), TestBrowser(client: secondClient, services: secondServices))
        }
    }
}

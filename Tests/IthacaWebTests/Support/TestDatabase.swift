import Foundation
import HTTPTypes
import IthacaStorage
import Logging
import SQLKit

/// The databases the integration tests run on: SQLite always, PostgreSQL when the test command started one
/// (ITHACA_TEST_POSTGRES_URL). Each test gets a fresh database.
enum TestDatabase: String, CustomStringConvertible, Sendable, CaseIterable {
    case sqlite, postgres

    static var postgresURL: String? { ProcessInfo.processInfo.environment["ITHACA_TEST_POSTGRES_URL"] }

    /// SQLite, then PostgreSQL if available.
    static var all: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var description: String { rawValue }

    /// A brand-new, empty database for one test.
    func makeLocation() async throws -> DatabaseLocation {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ithaca-tests", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return .sqlite(path: directory.appendingPathComponent("\(UUID().uuidString).sqlite").path)
        case .postgres:
            return try await PostgresTemplate.shared.freshDatabase()
        }
    }
}

/// Migrates one template database once per run and copies it for every test (`CREATE DATABASE … TEMPLATE`),
/// which is much faster than migrating each test's database.
actor PostgresTemplate {
    static let shared = PostgresTemplate()
    /// One preparation shared by every caller: an actor is re-entrant at each `await`, so a plain flag would let
    /// concurrently starting tests drop and re-create the template under each other.
    private var template: Task<Void, any Error>?
    private let templateName = "ithaca_template"

    func freshDatabase() async throws -> DatabaseLocation {
        guard let baseURL = TestDatabase.postgresURL else { throw TestSetupError("ITHACA_TEST_POSTGRES_URL is not set") }
        if template == nil {
            let templateName = templateName
            template = Task {
                let admin = try IthacaDatabase(location: .postgres(url: baseURL), logger: quietTestLogger())
                let sql = admin.db as! any SQLDatabase
                do {
                    try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: templateName)").run()
                    try await sql.raw("CREATE DATABASE \(unsafeRaw: templateName)").run()
                    let template = try IthacaDatabase(location: .postgres(url: Self.url(baseURL, database: templateName)), logger: quietTestLogger())
                    do { try await template.migrate() } catch { await template.shutdown(); throw error }
                    await template.shutdown()
                } catch {
                    await admin.shutdown()
                    throw error
                }
                await admin.shutdown()
            }
        }
        try await template!.value
        let admin = try IthacaDatabase(location: .postgres(url: baseURL), logger: quietTestLogger())
        defer { Task { await admin.shutdown() } }
        let sql = admin.db as! any SQLDatabase
        let name = "ithaca_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await sql.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: templateName)").run()
        return .postgres(url: Self.url(baseURL, database: String(name)))
    }

    /// A database with no tables at all, for tests of the migrations themselves.
    func emptyDatabase() async throws -> DatabaseLocation {
        guard let baseURL = TestDatabase.postgresURL else { throw TestSetupError("ITHACA_TEST_POSTGRES_URL is not set") }
        let admin = try IthacaDatabase(location: .postgres(url: baseURL), logger: quietTestLogger())
        defer { Task { await admin.shutdown() } }
        let name = "ithaca_e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await (admin.db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: String(name))").run()
        return .postgres(url: Self.url(baseURL, database: String(name)))
    }

    static func url(_ base: String, database: String) -> String {
        var components = URLComponents(string: base)!
        components.path = "/" + database
        return components.string!
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Migrations and pools log at info; test output stays readable with warnings only.
func quietTestLogger() -> Logger {
    var logger = Logger(label: "tests")
    logger.logLevel = .warning
    return logger
}

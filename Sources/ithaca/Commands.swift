import ArgumentParser
import Foundation
import IthacaStorage
import IthacaWeb
import Logging

/// `ithaca migrate`: apply pending migrations, or revert the last batch.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations (or --revert the last batch).")
    @OptionGroup var databaseOptions: DatabaseOptions
    @Flag(help: "Revert the last batch of migrations instead.") var revert = false

    func run() async throws {
        let message = try await withDatabase(databaseOptions) { database in
            guard revert else {
                try await database.migrate()
                return "The database is up to date."
            }
            // FluentKit names a migration by its type, module first: "IthacaStorage.M033DashboardIndexes"
            let reverted = try await database.revertLastBatch().map { String($0.split(separator: ".").last ?? Substring($0)) }
            return reverted.isEmpty ? "There are no migrations to revert."
                : "Reverted the last batch of migrations (\(reverted.count)): \(reverted.joined(separator: ", "))."
        }
        print(message)
    }
}

/// `ithaca admin create --email …`: make a site admin.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Site administration.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the account with this email a site admin (created with a one-time password if it does not exist).")
        @Option(help: "The account's email.") var email: String
        @Option(help: "Name for a new account.") var name = "Site admin"
        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            let message = try await withDatabase(databaseOptions) { database in
                try await database.migrate()
                return try await AdminAccounts.makeAdmin(email: email, name: name, database: database)
            }
            print(message)
        }
    }
}

/// `ithaca demo`: load the demo community into an existing database.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo community into the database (idempotent).")
    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        let added = try await withDatabase(databaseOptions) { database in
            try await database.migrate()
            return try await DemoData.load(into: database, hasher: .standard, now: Date())
        }
        print(added > 0 ? "Loaded \(added) demo people. Sign in as \(DemoCommunity.adminEmail) with the password \(DemoCommunity.password)."
                        : "The demo community is already there.")
    }
}

/// Opens the database for one administrative command and always closes it; failures become one line.
func withDatabase<T>(_ options: DatabaseOptions, _ body: (IthacaDatabase) async throws -> T) async throws -> T {
    let database = try await openDatabase(try options.location(), logger: commandLogger())
    do {
        let result = try await body(database)
        await database.shutdown()
        return result
    } catch {
        await database.shutdown()
        throw CleanExit.message(for: error)
    }
}

/// Administrative commands print their own outcome; the library's progress logs stay quiet.
func commandLogger() -> Logger {
    var logger = Logger(label: "ithaca")
    logger.logLevel = .warning
    return logger
}

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
        let logger = commandLogger()
        let database = try await openDatabase(try databaseOptions.location(), logger: logger)
        do {
            if revert { try await database.revertLastBatch() } else { try await database.migrate() }
            await database.shutdown()
            print(revert ? "Reverted the last batch of migrations." : "The database is up to date.")
        } catch {
            await database.shutdown()
            throw CleanExit.message(for: error)
        }
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
            let logger = commandLogger()
            let database = try await openDatabase(try databaseOptions.location(), logger: logger)
            do {
                try await database.migrate()
                let message = try await AdminAccounts.makeAdmin(email: email, name: name, database: database)
                await database.shutdown()
                print(message)
            } catch {
                await database.shutdown()
                throw CleanExit.message(for: error)
            }
        }
    }
}

/// `ithaca demo`: load the demo community into an existing database.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo community into the database (idempotent).")
    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        let logger = commandLogger()
        let database = try await openDatabase(try databaseOptions.location(), logger: logger)
        do {
            try await database.migrate()
            let added = try await DemoData.load(into: database, hasher: .standard, now: Date())
            await database.shutdown()
            print(added > 0 ? "Loaded \(added) demo people. Sign in as admin@ithaca.example with the password \(DemoCommunity.password)."
                            : "The demo community is already there.")
        } catch {
            await database.shutdown()
            throw CleanExit.message(for: error)
        }
    }
}

/// Administrative commands print their own outcome; the library's progress logs stay quiet.
func commandLogger() -> Logger {
    var logger = Logger(label: "ithaca")
    logger.logLevel = .warning
    return logger
}

import ArgumentParser
import Foundation
import IthacaDomain
import IthacaStorage
import IthacaWeb
import Logging

/// The `ithaca` command line: a thin shell over the web and storage modules.
@main
struct Ithaca: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ithaca, open-source mentoring: server and administration.",
        subcommands: [Serve.self, Migrate.self, Admin.self, Demo.self, Bench.self],
        defaultSubcommand: Serve.self)
}

/// Options every command that touches the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "sqlite:///path/file.sqlite (default \(DatabaseLocation.defaultURL)) or postgres://user:pass@host:port/db. Also DATABASE_URL.",
        valueName: "url"))
    var database: String?

    func location() throws -> DatabaseLocation {
        let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? DatabaseLocation.defaultURL
        do { return try DatabaseLocation(url: url) } catch { throw CleanExit.message(for: error) }
    }
}

extension CleanExit {
    /// Bad input or an unreachable database: one clear line, a non-zero exit, no stack trace.
    static func message(for error: any Error) -> ExitCode {
        FileHandle.standardError.write(Data("ithaca: \(describe(error))\n".utf8))
        return ExitCode.failure
    }

    static func describe(_ error: any Error) -> String {
        if let ithaca = error as? IthacaError {
            switch ithaca {
            case .badRequest(let message), .conflict(let message), .forbidden(let message), .unavailable(let message): return message
            case .validation(let errors): return errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
            default: return "\(ithaca)"
            }
        }
        var text = String(describing: error)
        // PostgresNIO hides details from description; the reflection says "connection refused" and the like.
        if text.contains("Generic description") { text = String(reflecting: error) }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

/// Opens the database, reporting an unreachable one as a single line.
func openDatabase(_ location: DatabaseLocation, logger: Logger) async throws -> IthacaDatabase {
    do {
        let database = try IthacaDatabase(location: location, logger: logger)
        do {
            try await database.prepareConnections()
        } catch {
            await database.shutdown()
            throw error
        }
        return database
    } catch {
        FileHandle.standardError.write(Data("ithaca: cannot open the database \(location): \(CleanExit.describe(error))\n".utf8))
        throw ExitCode.failure
    }
}

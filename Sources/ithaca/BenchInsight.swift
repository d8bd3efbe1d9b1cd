import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage
import IthacaWeb
import Logging
import NIOCore
import NIOHTTP1

extension Bench {
    /// `ithaca bench dashboard`: the program-health dashboard of an imported program with mentoring under way,
    /// timed as a program admin waits for it: over HTTP, from the real server.
    struct Dashboard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a generated program (the HR export of `bench import`), add its mentoring, and time its dashboard over HTTP.")

        @Option(help: "Participants in the generated CSV.") var rows = 100_000
        @OptionGroup var server: BenchServerOptions

        func run() async throws {
            try await BenchServer.with(server, name: "dashboard") { db, clock in
                let now = Date()
                let program = try await ProgramStore(database: db).create(
                    ProgramDetails(name: "Bench program", startDate: "2027-01-01", endDate: "2027-12-31"),
                    by: try await Import.someone(db, now: now), admins: [], now: now)
                let read = try ParticipantImport.read(Import.csv(rows: rows), kind: .oneToOne)
                let importStart = clock.now
                _ = try await ParticipantImportStore(database: db).apply(read.lines, program: program, now: now)
                let importTime = importStart.duration(to: clock.now)
                let seedStart = clock.now
                let written = try await BenchActivityWriter(database: db).program(program.id, now: now)
                return (
                    [("participants", "\(rows)"), ("import_s", seconds(importTime)),
                     ("mentorships_meetings_feedback_goals", "\(written.mentorships), \(written.meetings), \(written.feedback), \(written.goals)"),
                     ("seed_activity_s", seconds(seedStart.duration(to: clock.now)))],
                    ["/programs/\(program.id.uuidString.lowercased())/dashboard", "/api/v1/programs/\(program.id.uuidString.lowercased())/dashboard",
                     "/programs/\(program.id.uuidString.lowercased())/dashboard?from=2026-01&to=2026-12", "/dashboard"]
                )
            }
        }
    }

    /// `ithaca bench lineage`: the pay-it-forward web of a generated community, timed over HTTP.
    struct Lineage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a community whose mentees went on to mentor, and time /lineage and a deep branch over HTTP.")

        @Option(help: "People in the community.") var people = 10_000
        @OptionGroup var server: BenchServerOptions

        func run() async throws {
            try await BenchServer.with(server, name: "lineage") { db, clock in
                let now = Date()
                let community = try await ProgramStore(database: db).create(
                    ProgramDetails(name: "Bench community", startDate: "2027-01-01", endDate: "2027-12-31"),
                    by: try await Import.someone(db, now: now), admins: [], now: now)
                let read = try ParticipantImport.read(Import.csv(rows: people), kind: .oneToOne)
                _ = try await ParticipantImportStore(database: db).apply(read.lines, program: community, now: now)
                // Everyone in the order of the file, so person 0 founds the lineage.
                var ids: [UUID] = []
                for index in 0..<people {
                    if let user = try await AccountStore(database: db).user(email: "person\(index)@bench.example"), let id = user.id { ids.append(id) }
                }
                let seedStart = clock.now
                let edges = try await BenchActivityWriter(database: db).lineage(ids, now: now)
                let deep = ids[min(ids.count - 1, people * 3 / 4)].uuidString.lowercased()
                return (
                    [("people", "\(people)"), ("mentorships", "\(edges)"), ("seed_s", seconds(seedStart.duration(to: clock.now)))],
                    ["/lineage", "/api/v1/lineage", "/lineage?person=\(deep)", "/people/\(ids[0].uuidString.lowercased())"]
                )
            }
        }
    }
}

/// Where the benchmarked server runs and how often each page is fetched.
struct BenchServerOptions: ParsableArguments {
    @Option(help: "Times each page is fetched (the median is printed).") var repeats = 5
    @Option(help: "Port of the in-process server.") var port = 18_099
    @Option(help: "Database (default: a new SQLite file in the temporary folder, removed afterwards). Also DATABASE_URL.")
    var database: String?
}

/// A fresh database, seeded, served by the real application in this process, with a site admin's token; then each
/// page the seed names is timed over HTTP.
enum BenchServer {
    nonisolated(unsafe) static var token = ""

    static func with(
        _ options: BenchServerOptions, name: String,
        seed: (IthacaDatabase, ContinuousClock) async throws -> (lines: [(String, String)], paths: [String])
    ) async throws {
        let (database, port) = (options.database, options.port)
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("ithaca-bench-\(name)-\(ProcessInfo.processInfo.processIdentifier).sqlite")
        let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "sqlite://\(temporary.path)"
        defer { if database == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary.path + suffix) } } }
        let location = try DatabaseLocation(url: url)
        let db = try await openDatabase(location, logger: commandLogger())
        let seeded: (lines: [(String, String)], paths: [String])
        do {
            try await db.migrate()
            seeded = try await seed(db, ContinuousClock())
            await db.shutdown()
        } catch {
            await db.shutdown()
            throw error
        }
        var configuration = AppConfiguration()
        configuration.database = location
        configuration.port = port
        configuration.logLevel = .error
        configuration.runsBackgroundJobs = false
        configuration.mailDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ithaca-bench-mail").path
        var logger = Logger(label: "ithaca-bench")
        logger.logLevel = .error
        let (app, services) = try await buildApplicationAndServices(configuration: configuration, logger: logger)
        let admin = try await AccountStore(database: services.database).create(
            email: "bench-admin@example.com", passwordHash: "!", profile: Profile(name: "Bench Admin"), now: Date())
        _ = try await AccountStore(database: services.database).promoteToAdmin(email: "bench-admin@example.com")
        token = try await services.accounts.createToken(userId: admin.id!, label: "bench").secret
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        try await waitUntilServing(port: port)
        let lines = seeded.lines + (try await time(seeded.paths, repeats: options.repeats, port: port))
        let memory = peakMemoryMiB().map { String(format: "%.0f", $0) } ?? "unknown"
        for (key, value) in [("database", location.isSQLite ? "sqlite" : "postgres")] + lines + [("peak_memory_mib", memory)] {
            print("\(key): \(value)")
        }
    }

    static func waitUntilServing(port: Int) async throws {
        for _ in 0..<100 {
            if (try? await HTTPClient.shared.get(url: "http://127.0.0.1:\(port)/healthz").get())?.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the server did not start on port \(port)")
    }

    /// Each path fetched `repeats` times after one warm-up: median and slowest time, and the size of the answer.
    static func time(_ paths: [String], repeats: Int, port: Int) async throws -> [(String, String)] {
        var lines: [(String, String)] = []
        let clock = ContinuousClock()
        for path in paths {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            var times: [Double] = []
            var bytes = 0
            for attempt in 0...max(repeats, 1) {
                let start = clock.now
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
                let body = try await response.body.collect(upTo: 256 * 1024 * 1024)
                let elapsed = start.duration(to: clock.now).components
                guard response.status == .ok else { throw ValidationError("\(path) answered \(response.status)") }
                bytes = body.readableBytes
                if attempt > 0 { times.append(Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15) }
            }
            times.sort()
            lines.append((path, String(format: "median %.1f ms, slowest %.1f ms, %d KiB", times[times.count / 2], times.last ?? 0, bytes / 1024)))
        }
        return lines
    }
}

extension DatabaseLocation {
    var isSQLite: Bool {
        if case .sqlite = self { return true }
        return false
    }
}

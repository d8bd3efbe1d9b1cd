import ArgumentParser
import Foundation
import IthacaDomain
import IthacaStorage

extension Bench {
    /// `ithaca bench import`: a generated HR export read and applied to a real database, twice (create, then update).
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a generated participants CSV into a fresh database, then again unchanged, then with every row changed, and print the times.")

        @Option(help: "Participants in the generated CSV.") var rows = 100_000
        @Option(help: "Database to import into (default: a new SQLite file in the temporary folder, removed afterwards). Also DATABASE_URL.")
        var database: String?

        func run() async throws {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("ithaca-bench-import-\(ProcessInfo.processInfo.processIdentifier).sqlite")
            let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "sqlite://\(temporary.path)"
            defer { if database == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary.path + suffix) } } }
            let clock = ContinuousClock()
            let csv = Self.csv(rows: rows)
            let db = try await openDatabase(try DatabaseLocation(url: url), logger: commandLogger())
            do {
                try await db.migrate()
                let now = Date()
                let program = try await ProgramStore(database: db).create(
                    ProgramDetails(name: "Bench \(UUID().uuidString.prefix(8))", startDate: "2027-01-01", endDate: "2027-12-31"),
                    by: try await Self.someone(db, now: now), admins: [], now: now)
                let readStart = clock.now
                let read = try ParticipantImport.read(csv, kind: .oneToOne)
                let reading = readStart.duration(to: clock.now)
                let store = ParticipantImportStore(database: db)
                let firstStart = clock.now
                let first = try await store.apply(read.lines, program: program, now: now)
                let firstTime = firstStart.duration(to: clock.now)
                let secondStart = clock.now
                let second = try await store.apply(read.lines, program: program, now: now.addingTimeInterval(60))
                let secondTime = secondStart.duration(to: clock.now)
                // Every row changed (title and goals): each profile and enrolment is written again.
                let changed = try ParticipantImport.read(Self.csv(rows: rows, revision: 1), kind: .oneToOne)
                let thirdStart = clock.now
                let third = try await store.apply(changed.lines, program: program, now: now.addingTimeInterval(120))
                let thirdTime = thirdStart.duration(to: clock.now)
                let enrolled = try await ProgramStore(database: db).enrolmentCounts(in: program.id).values.reduce(0, +)
                for (key, value) in [
                    ("database", db.isSQLite ? "sqlite" : "postgres"), ("rows", "\(rows) (\(csv.utf8.count / 1024) KiB)"),
                    ("read_and_check_s", seconds(reading)), ("valid_rows", "\(read.validRows.count)"),
                    ("first_import_s", seconds(firstTime)), ("created", "\(first.created)"),
                    ("reimport_unchanged_s", seconds(secondTime)), ("updated", "\(second.updated)"), ("created_on_reimport", "\(second.created)"),
                    ("reimport_all_changed_s", seconds(thirdTime)), ("updated_when_changed", "\(third.updated)"),
                    ("enrolments", "\(enrolled)"), ("peak_memory_mib", peakMemoryMiB().map { String(format: "%.0f", $0) } ?? "unknown"),
                ] { print("\(key): \(value)") }
                await db.shutdown()
            } catch {
                await db.shutdown()
                throw error
            }
        }

        /// Someone to own the program: the bench's own account.
        static func someone(_ db: IthacaDatabase, now: Date) async throws -> UUID {
            let accounts = AccountStore(database: db)
            let email = "bench-\(UUID().uuidString.prefix(8).lowercased())@example.com"
            return try await accounts.create(email: email, passwordHash: "!", profile: Profile(name: "Bench"), now: now).id!
        }

        /// An HR export: one mentor in five, managers one level up inside the file, skills and zones from short lists;
        /// a later `revision` gives everyone a new title and new goals.
        static func csv(rows: Int, revision: Int = 0) -> String {
            let skills = ["Swift", "Go", "Leadership", "System design", "Python", "Public speaking", "Hiring", "SQL", "Kubernetes", "Writing"]
            let zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Berlin", "America/Los_Angeles", "Africa/Lagos"]
            var text = "email,name,organisation,team,title,manager email,role,skills,goals,time zone,capacity\n"
            text.reserveCapacity(rows * 140)
            for i in 0..<rows {
                let mentor = i % 5 == 0
                let manager = i >= 10 ? "person\(i / 10)@bench.example" : ""
                text += "person\(i)@bench.example,Person \(i),Org \(i % 12),Team \(i % 40),\(revision == 0 ? "Engineer" : "Senior engineer"),\(manager),\(mentor ? "mentor" : "mentee"),"
                text += "\(skills[i % skills.count]);\(skills[(i / 3) % skills.count]),\(revision == 0 ? "Grow in" : "Lead in") \(skills[(i / 7) % skills.count]),\(zones[i % zones.count]),\(mentor ? "2" : "")\n"
            }
            return text
        }
    }

    /// `ithaca bench recommend`: the time one page view spends ranking a program's mentors for one mentee.
    struct Recommend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a program's recommendation index from a generated round and time single recommendations.")

        @Option(help: "Mentees in the program.") var mentees = 10_000
        @Option(help: "Mentors in the program.") var mentors = 10_000
        @Option(help: "Recommendations timed for each side.") var queries = 500
        @Option(help: "Seed of the generator.") var seed: UInt64 = 1

        func run() async throws {
            let clock = ContinuousClock()
            let instance = MatchInstanceGenerator(seed: seed).make(mentees: mentees, mentors: mentors)
            let buildStart = clock.now
            let index = RecommendationIndex(scorer: CompatibilityScorer(
                mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions))
            let build = buildStart.duration(to: clock.now)
            var generator = SplitMix64(seed: seed)
            func timings(_ body: (Int) -> Int) -> [Double] {
                (0..<queries).map { _ in
                    let start = clock.now
                    _ = body(Int(generator.next() % UInt64(Int.max)))
                    let elapsed = start.duration(to: clock.now).components
                    return Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
                }.sorted()
            }
            let forMentees = timings { index.mentors(forMentee: $0 % mentees, count: 5).count }
            let forMentors = timings { index.mentees(forMentor: $0 % mentors, count: 5).count }
            func describe(_ values: [Double]) -> String {
                String(format: "p50 %.2f ms, p95 %.2f ms, max %.2f ms", values[values.count / 2], values[values.count * 95 / 100], values.last ?? 0)
            }
            for (key, value) in [
                ("program", "\(mentees) mentees, \(mentors) mentors, seed \(seed)"), ("index_build_s", seconds(build)),
                ("mentors_for_a_mentee", describe(forMentees)), ("mentees_for_a_mentor", describe(forMentors)),
                ("peak_memory_mib", peakMemoryMiB().map { String(format: "%.0f", $0) } ?? "unknown"),
            ] { print("\(key): \(value)") }
        }
    }
}

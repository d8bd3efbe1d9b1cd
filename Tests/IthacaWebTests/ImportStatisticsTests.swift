import Foundation
import IthacaDomain
import IthacaStorage
import FluentKit
import SQLKit
import Testing

/// A large import refreshes PostgreSQL's table statistics, so the next import's look-ups use the indexes.
@Suite struct ImportStatisticsTests {
    /// The planner's row estimate for `profiles` (-1 or 0 until the table is analysed).
    func estimatedProfiles(_ database: IthacaDatabase) async throws -> Double {
        let row = try await (database.db as! any SQLDatabase).raw("SELECT reltuples::float8 AS estimate FROM pg_class WHERE relname = 'profiles'").first()
        return try #require(row).decode(column: "estimate", as: Double.self)
    }

    func importPeople(_ count: Int, analyzeAfter: Int, into database: IthacaDatabase) async throws {
        let now = Date()
        let owner = try await AccountStore(database: database).create(
            email: "owner@example.com", passwordHash: "!", profile: Profile(name: "Owner"), now: now).id!
        let program = try await ProgramStore(database: database).create(
            ProgramDetails(name: "Spring cohort", startDate: "2027-01-04", endDate: "2027-06-30"), by: owner, admins: [], now: now)
        let csv = "email,name,role\n" + (0..<count).map { "p\($0)@example.com,Person \($0),mentee" }.joined(separator: "\n")
        let outcome = try await ParticipantImportStore(database: database, analyzeAfter: analyzeAfter)
            .apply(try ParticipantImport.read(csv, kind: .oneToOne).lines, program: program, now: now)
        #expect(outcome.created == count)
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil), arguments: [(30, 20, true), (30, 50, false)])
    func aLargeImportAnalysesTheTablesItFilled(people: Int, analyzeAfter: Int, analysed: Bool) async throws {
        let database = try IthacaDatabase(location: try await TestDatabase.postgres.makeLocation(), logger: quietTestLogger())
        do {
            #expect(try await estimatedProfiles(database) < 1)
            try await importPeople(people, analyzeAfter: analyzeAfter, into: database)
            // the owner and the imported people
            let estimate = try await estimatedProfiles(database)
            #expect((estimate == Double(people + 1)) == analysed, "estimate \(estimate)")
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}

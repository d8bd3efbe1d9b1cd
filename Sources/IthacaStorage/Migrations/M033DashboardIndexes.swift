import FluentKit
import SQLKit

/// A program's participants by role, read from the index alone: the dashboard walks every enrolment of a program
/// (100,000 at the scale it is measured at), and without this each one is a lookup into the table's rows.
struct M033DashboardIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("CREATE INDEX enrolments_program_role_idx ON enrolments (program_id, role, person_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP INDEX enrolments_program_role_idx").run()
    }
}

import FluentKit
import SQLKit

/// The audit log: one row per admin action, appended and never changed. Triggers refuse UPDATE and DELETE on both
/// databases, so not even a bug in our own code can rewrite history (reverting the migration drops the table).
/// No foreign keys: an entry outlives the account or object it names.
struct M031CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("object_kind", .string, .required)
            .field("object_id", .string, .required)
            .field("program_id", .uuid)
            .field("summary", .string, .required)
            .create()
        try await database.sql.raw("CREATE INDEX audit_log_by_time ON audit_log (occurred_at, id)").run()
        try await database.sql.raw("CREATE INDEX audit_log_by_action ON audit_log (action, occurred_at)").run()
        try await database.sql.raw("CREATE INDEX audit_log_by_program ON audit_log (program_id, occurred_at)").run()
        if database.sql.dialect.name == "postgresql" {
            try await database.sql.raw("""
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
                """).run()
            try await database.sql.raw("""
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
                """).run()
        } else {
            for event in ["UPDATE", "DELETE"] {
                try await database.sql.raw("""
                    CREATE TRIGGER audit_log_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").delete()
        if database.sql.dialect.name == "postgresql" {
            try await database.sql.raw("DROP FUNCTION IF EXISTS audit_log_append_only()").run()
        }
    }
}

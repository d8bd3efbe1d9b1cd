import FluentKit
import SQLKit

/// Programs, their admins, enrolments, and matching rounds with their pairs; a mentorship remembers the program and
/// round that proposed it, with the reasons shown to both people.
struct M016CreatePrograms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programs")
            .id()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("kind", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            // ProgramPolicies as JSON: numbers only, read whole.
            .field("policies", .string, .required)
            .field("enrolment_open", .bool, .required)
            .field("matching_mode", .string, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("program_admins")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "program_id", "person_id")
            .create()
        try await database.schema("enrolments")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            // EnrolmentAnswers as JSON.
            .field("answers", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "program_id", "person_id")
            .create()
        try await database.sql.create(index: "enrolments_person_idx").on("enrolments").column("person_id").run()
        try await database.schema("matching_rounds")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("fairness_floor", .bool, .required)
            // The admin's pins and forbids for this run, as JSON lists of {menteeId, mentorId}.
            .field("pins", .string, .required)
            .field("forbids", .string, .required)
            .field("objective", .int, .required)
            .field("proven_optimal", .bool, .required)
            .field("mentee_count", .int, .required)
            .field("mentor_count", .int, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("published_at", .datetime)
            .create()
        try await database.sql.create(index: "matching_rounds_program_idx").on("matching_rounds").column("program_id").run()
        try await database.schema("round_pairs")
            .id()
            .field("round_id", .uuid, .required, .references("matching_rounds", "id", onDelete: .cascade))
            .field("mentee_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            // nil for a mentee left unmatched; then `unmatched_reason` says why.
            .field("mentor_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("score", .int, .required)
            .field("reasons", .string, .required)
            .field("pinned", .bool, .required)
            .field("unmatched_reason", .string)
            .field("mentorship_id", .uuid, .references("mentorships", "id", onDelete: .setNull))
            .create()
        try await database.sql.create(index: "round_pairs_round_idx").on("round_pairs").column("round_id").run()
        for (name, type) in [("program_id", DatabaseSchema.DataType.uuid), ("match_reasons", .string)] {
            try await database.schema("mentorships").field(.string(name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["program_id", "match_reasons"] {
            try await database.schema("mentorships").deleteField(.string(column)).update()
        }
        for table in ["round_pairs", "matching_rounds", "enrolments", "program_admins", "programs"] {
            try await database.schema(table).delete()
        }
    }
}

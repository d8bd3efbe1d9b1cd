import FluentKit
import SQLKit

/// Email that arrives and loses nothing: an outbox written in the same transaction as the change that causes each
/// message, per-person notification preferences, digests, and background jobs that run once across processes.
struct M028CreateOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox")
            .id()
            .field("person_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("kind", .string, .required)
            // The whole RFC 5322 message, composed when the change happened (Message-ID and Date included), so a retry
            // sends the very same message.
            .field("message", .string, .required)
            .field("created_at", .datetime, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string)
            .field("claimed_by", .string)
            .field("claimed_until", .datetime)
            .create()
        try await database.sql.create(index: "outbox_due_idx").on("outbox").column("sent_at").column("next_attempt_at").run()

        try await database.schema("notification_preferences")
            .id()
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("channel", .string, .required)
            .unique(on: "person_id", "kind")
            .create()

        // A notification waiting for the person's daily or weekly digest email.
        try await database.schema("notifications").field("digest", .string).update()
        try await database.schema("notifications").field("digested_at", .datetime).update()
        try await database.sql.create(index: "notifications_digest_idx").on("notifications").column("digest").column("digested_at").run()

        // One row per background job: whoever holds an unexpired lease runs it; a crashed holder's lease runs out.
        try await database.schema("job_leases")
            .id()
            .field("name", .string, .required)
            .field("owner", .string)
            .field("lease_until", .datetime)
            .field("last_finished_at", .datetime)
            .unique(on: "name")
            .create()

        // Reminders already sent, by a key such as "meeting-1h:<meeting>:<person>": inserting the key and the reminder
        // in one transaction makes each reminder exactly once, however many processes run the job.
        try await database.schema("reminders_sent")
            .id()
            .field("key", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .create()

        // Secrets every server process shares (the key that signs one-click unsubscribe links).
        try await database.schema("site_secrets")
            .id()
            .field("name", .string, .required)
            .field("value", .string, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["site_secrets", "reminders_sent", "job_leases", "notification_preferences", "outbox"] {
            try await database.schema(table).delete()
        }
        try await database.sql.drop(index: "notifications_digest_idx").run()
        try await database.schema("notifications").deleteField("digested_at").update()
        try await database.schema("notifications").deleteField("digest").update()
    }
}

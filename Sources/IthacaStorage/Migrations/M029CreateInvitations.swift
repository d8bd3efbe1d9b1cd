import FluentKit
import SQLKit

/// Invitations for people an import or an admin created, single sign-on identities and the logins under way,
/// and when each account joined (imported people have not, until they accept an invitation or sign in).
struct M029CreateInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("joined_at", .datetime).update()
        try await database.schema("users").field("guide_dismissed_at", .datetime).update()
        try await database.sql.raw("UPDATE users SET joined_at = created_at WHERE password_hash <> '!imported'").run()

        try await database.schema("invitations")
            .id()
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("program_id", .uuid, .references("programs", "id", onDelete: .cascade))
            // SHA-256 of the 256-bit token in the link; the token itself is only ever in the email.
            .field("token_hash", .string, .required)
            .field("invited_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.sql.create(index: "invitations_person_idx").on("invitations").column("person_id").column("created_at").run()

        try await database.schema("oidc_identities")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("issuer", .string, .required)
            .field("subject", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "issuer", "subject")
            .unique(on: "user_id", "issuer")
            .create()

        // A sign-in started at the provider: found again by the hash of `state` on the way back, used once.
        try await database.schema("oidc_logins")
            .id()
            .field("state_hash", .string, .required)
            // The hash of a cookie set in the browser that started the sign-in: a callback only finishes in that
            // browser, so nobody can sign someone else in to their own account with a forged link.
            .field("browser_hash", .string, .required)
            .field("nonce", .string, .required)
            .field("code_verifier", .string, .required)
            .field("link_user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("invitation_id", .uuid, .references("invitations", "id", onDelete: .cascade))
            .field("next", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "state_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["oidc_logins", "oidc_identities", "invitations"] { try await database.schema(table).delete() }
        try await database.schema("users").deleteField("guide_dismissed_at").update()
        try await database.schema("users").deleteField("joined_at").update()
    }
}

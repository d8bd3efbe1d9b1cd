import Foundation
import IthacaDomain
import IthacaStorage

/// `ithaca admin create`: promote an account to site admin, or create one with a one-time password.
public enum AdminAccounts {
    /// Returns a message for the operator.
    public static func makeAdmin(email rawEmail: String, name: String, database: IthacaDatabase, hasher: PasswordHasher = .standard) async throws -> String {
        let email = try EmailAddress.normalized(rawEmail)
        let accounts = AccountStore(database: database)
        let audit = AuditLogStore(database: database)
        func record(_ person: UUID?) async throws {
            try await audit.append(AuditEntry(
                occurredAt: Date(), actorId: nil, actorName: "Command line", action: .siteAdminGranted, objectKind: .person,
                objectId: person?.uuidString.lowercased() ?? email, summary: "Made a member site admin (ithaca admin create)"))
        }
        if try await accounts.promoteToAdmin(email: email) {
            try await record(try await accounts.user(email: email)?.id)
            return "\(email) is now a site admin."
        }
        let password = SecretToken.make().prefix(20)
        var changes = ProfileChanges()
        changes.name = name
        let profile = try changes.applied(to: Profile(name: ""), selfId: UUID(), today: CalendarDay.of(Date()))
        let created = try await accounts.create(email: email, passwordHash: try await hasher.hash(String(password)), profile: profile, now: Date())
        _ = try await accounts.promoteToAdmin(email: email)
        try await record(created.id)
        return "Created the site admin \(email) with the one-time password \(password) (change it in Settings after signing in)."
    }
}

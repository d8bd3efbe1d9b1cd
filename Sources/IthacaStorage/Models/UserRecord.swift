import FluentKit
import Foundation

/// A row of `users`: an account that can sign in.
public final class UserRecord: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "password_changed_at") public var passwordChangedAt: Date
    /// When the person first got in (signed up, accepted an invitation, used single sign-on); nil for imported people
    /// who have not yet.
    @OptionalField(key: "joined_at") public var joinedAt: Date?

    public init() {}

    public init(id: UUID = UUID(), email: String, passwordHash: String, role: AccountRole, now: Date) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.createdAt = now
        self.passwordChangedAt = now
        self.joinedAt = now
    }

    /// Stored instead of a password hash for accounts that sign in only with single sign-on: matches no password.
    public static let noPassword = "!sso"

    public var accountRole: AccountRole { AccountRole(rawValue: role) ?? .member }
}

/// Site-wide roles. Program admins arrive with programs.
public enum AccountRole: String, Sendable, Codable, CaseIterable {
    case member, admin
}

/// Who signed in, taken from a verified ID token.
public struct OIDCIdentity: Sendable, Equatable {
    /// The provider's stable id for the person (`sub`); pair it with `issuer` as the account key.
    public let subject: String
    /// The provider that vouched for this identity (`iss`).
    public let issuer: String
    /// The email address the provider shared, if any.
    public let email: String?
    /// Whether the provider says it verified `email` (`email_verified`); false when absent.
    public let emailVerified: Bool
    /// The person's display name (`name`), if shared.
    public let name: String?

    public init(subject: String, issuer: String, email: String?, emailVerified: Bool, name: String?) {
        self.subject = subject
        self.issuer = issuer
        self.email = email
        self.emailVerified = emailVerified
        self.name = name
    }

    /// The email address, or `.missingEmail` / `.emailNotVerified` when it cannot be trusted
    /// to link or create an account; the server decides whether to call this.
    public func requireVerifiedEmail() throws(OIDCError) -> String {
        guard let email, !email.isEmpty else { throw .missingEmail }
        guard emailVerified else { throw .emailNotVerified }
        return email
    }
}

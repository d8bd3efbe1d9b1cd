import Foundation

/// What the server needs to know about one OpenID provider, validated when it is made.
public struct OIDCSettings: Sendable, Equatable {
    /// The provider's issuer identifier, exactly as it appears in its tokens (e.g. `https://accounts.example.com`).
    public let issuer: String
    /// The client id the provider gave this server.
    public let clientID: String
    /// The client secret; `nil` for a public client (PKCE only).
    public let clientSecret: String?
    /// Where the provider sends the browser back, e.g. `https://mentors.example.org/auth/oidc/callback`.
    public let redirectURI: String
    /// Scopes requested; always contains `openid`.
    public let scopes: [String]
    /// The provider's name for the "Sign in with …" button.
    public let displayName: String
    /// How far the provider's clock may be from ours when checking `exp`, `iat` and `nbf`.
    public var clockSkew: TimeInterval = 60
    /// The shortest time between two JWKS downloads triggered by an unknown key id,
    /// so a flood of tokens with forged `kid`s cannot make us hammer the provider.
    public var minimumKeyRefreshInterval: TimeInterval = 30

    /// The default scopes: enough for a subject, an email address and a display name.
    public static let defaultScopes = ["openid", "email", "profile"]

    /// Validates and stores the settings; the thrown error's description is one sentence fit for a start-up log.
    public init(
        issuer: String,
        clientID: String,
        clientSecret: String? = nil,
        redirectURI: String,
        scopes: [String] = OIDCSettings.defaultScopes,
        displayName: String = "OpenID Connect"
    ) throws(OIDCSettingsError) {
        let issuer = issuer.trimmingCharacters(in: .whitespaces)
        try Self.checkURL(issuer, insecure: OIDCSettingsError.insecureIssuer, notAbsolute: OIDCSettingsError.issuerNotAbsoluteURL)
        if let components = URLComponents(string: issuer), components.query != nil || components.fragment != nil {
            throw .issuerHasQueryOrFragment(issuer)
        }
        let clientID = clientID.trimmingCharacters(in: .whitespaces)
        guard !clientID.isEmpty else { throw .emptyClientID }
        try Self.checkURL(redirectURI, insecure: OIDCSettingsError.insecureRedirectURI, notAbsolute: OIDCSettingsError.redirectURINotAbsoluteURL)
        guard scopes.contains("openid") else { throw .missingOpenIDScope }
        guard !scopes.contains(where: { $0.isEmpty || $0.contains(" ") }) else { throw .invalidScope }
        let displayName = displayName.trimmingCharacters(in: .whitespaces)
        guard !displayName.isEmpty else { throw .emptyDisplayName }

        self.issuer = issuer
        self.clientID = clientID
        // An empty secret in an environment variable means "no secret", not "the empty secret".
        self.clientSecret = clientSecret.flatMap { $0.isEmpty ? nil : $0 }
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.displayName = displayName
    }

    /// The discovery document's address: `{issuer}/.well-known/openid-configuration` (OpenID Connect Discovery §4).
    public var discoveryURL: String {
        Self.normalizedIssuer(issuer) + "/.well-known/openid-configuration"
    }

    /// The issuer without one trailing slash, so `https://a/` and `https://a` compare equal.
    static func normalizedIssuer(_ issuer: String) -> String {
        issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
    }

    /// Whether `host` is a loopback name or address, where plain http cannot be intercepted.
    static func isLoopback(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }

    private static func checkURL(
        _ text: String,
        insecure: (String) -> OIDCSettingsError,
        notAbsolute: (String) -> OIDCSettingsError
    ) throws(OIDCSettingsError) {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw notAbsolute(text) }
        switch scheme {
        case "https": return
        case "http" where isLoopback(host: host): return
        case "http": throw insecure(text)
        default: throw notAbsolute(text)
        }
    }
}

/// Why `OIDCSettings` refused a configuration; `description` is one sentence for the start-up log.
public enum OIDCSettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    case issuerNotAbsoluteURL(String)
    case insecureIssuer(String)
    case issuerHasQueryOrFragment(String)
    case emptyClientID
    case redirectURINotAbsoluteURL(String)
    case insecureRedirectURI(String)
    case missingOpenIDScope
    case invalidScope
    case emptyDisplayName

    public var description: String {
        switch self {
        case .issuerNotAbsoluteURL(let value):
            "The OIDC issuer \"\(value)\" must be an absolute http(s) URL such as https://accounts.example.com."
        case .insecureIssuer(let value):
            "The OIDC issuer \"\(value)\" must use https (plain http is only allowed for localhost and 127.0.0.1)."
        case .issuerHasQueryOrFragment(let value):
            "The OIDC issuer \"\(value)\" must not contain a query string or fragment."
        case .emptyClientID:
            "The OIDC client id must not be empty."
        case .redirectURINotAbsoluteURL(let value):
            "The OIDC redirect URI \"\(value)\" must be an absolute http(s) URL."
        case .insecureRedirectURI(let value):
            "The OIDC redirect URI \"\(value)\" must use https (plain http is only allowed for localhost and 127.0.0.1)."
        case .missingOpenIDScope:
            "The OIDC scopes must include \"openid\"."
        case .invalidScope:
            "Each OIDC scope must be a non-empty word without spaces."
        case .emptyDisplayName:
            "The OIDC display name must not be empty."
        }
    }
}

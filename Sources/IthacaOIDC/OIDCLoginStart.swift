import Crypto
import Foundation

/// One sign-in attempt: the secrets to store server-side and the URL to send the browser to.
public struct OIDCLoginStart: Sendable, Equatable {
    /// Echoed back in the callback; ties the callback to this attempt (CSRF protection).
    public let state: String
    /// Echoed back inside the ID token; ties the token to this attempt (replay protection).
    public let nonce: String
    /// PKCE secret (RFC 7636): sent only to the token endpoint, never to the browser.
    public let codeVerifier: String
    /// `BASE64URL(SHA256(codeVerifier))`, sent in the authorization URL.
    public let codeChallenge: String
    /// The provider's authorization endpoint with every parameter of this attempt.
    public let authorizationURL: String

    /// Builds an attempt with fresh random `state`, `nonce` and verifier (32 random bytes each, base64url: 43 characters).
    public init(authorizationEndpoint: String, settings: OIDCSettings) {
        self.init(
            authorizationEndpoint: authorizationEndpoint,
            settings: settings,
            state: Base64URL.randomToken(),
            nonce: Base64URL.randomToken(),
            codeVerifier: Base64URL.randomToken()
        )
    }

    /// Builds an attempt from given secrets (tests, or a caller with its own generator).
    public init(
        authorizationEndpoint: String,
        settings: OIDCSettings,
        state: String,
        nonce: String,
        codeVerifier: String
    ) {
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.codeChallenge = Self.codeChallenge(for: codeVerifier)
        let query = FormEncoding.encode([
            ("response_type", "code"),
            ("client_id", settings.clientID),
            ("redirect_uri", settings.redirectURI),
            ("scope", settings.scopes.joined(separator: " ")),
            ("state", state),
            ("nonce", nonce),
            ("code_challenge", codeChallenge),
            ("code_challenge_method", "S256"),
        ])
        // Keep any query the provider put in its endpoint (some tenants' endpoints carry one).
        // A fragment must not carry request parameters, so it is dropped.
        let base = authorizationEndpoint.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        self.authorizationURL = base + (base.contains("?") ? "&" : "?") + query
    }

    /// The S256 code challenge for a verifier: `BASE64URL(SHA256(ASCII(verifier)))` (RFC 7636 §4.2).
    public static func codeChallenge(for codeVerifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Data(codeVerifier.utf8)))
    }

    /// SHA-256 of `state` in lowercase hex, so the server can store and look up a digest instead of the secret.
    public static func stateDigest(_ state: String) -> String {
        SHA256.hash(data: Data(state.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `verifier` is a valid RFC 7636 code verifier: 43–128 characters of `[A-Za-z0-9-._~]`.
    public static func isValidCodeVerifier(_ verifier: String) -> Bool {
        (43...128).contains(verifier.utf8.count)
            && verifier.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    true
                default: false
                }
            }
    }
}

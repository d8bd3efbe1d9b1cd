/// Why a sign-in was refused: `message` is short and safe to show on a web page,
/// `description` adds the technical detail for the server log.
public enum OIDCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The discovery document could not be fetched, decoded, or names another issuer.
    case discoveryFailed(String)
    /// The provider's signing keys (JWKS) could not be fetched or decoded.
    case keysUnavailable(String)
    /// The token endpoint answered `invalid_grant`: the code was already used, expired, or not ours.
    case providerRejectedCode(String)
    /// The token endpoint failed otherwise (unreachable, wrong client credentials, no `id_token`).
    case tokenExchangeFailed(String)
    /// The provider sent the browser back with an error instead of a code (e.g. the user pressed "Deny").
    case providerDenied(String)
    /// The callback's `state` matches no sign-in started here (forged, replayed or stale).
    case stateMismatch
    /// The ID token is not a well-formed signed JWT with the required claims.
    case malformedToken(String)
    /// The ID token uses an algorithm we do not accept (`none`, HMAC, or unknown).
    case unsupportedAlgorithm(String)
    /// No key the provider publishes produced this signature.
    case invalidSignature(String)
    /// `exp` is in the past, beyond the allowed clock skew.
    case expired
    /// `iat` or `nbf` is in the future, beyond the allowed clock skew.
    case issuedInFuture
    /// `iss` is not the configured provider.
    case wrongIssuer(String)
    /// `aud` (or `azp`) names another application.
    case wrongAudience(String)
    /// The token's `nonce` is not the one this sign-in attempt sent.
    case nonceMismatch
    /// The provider shared no email address.
    case missingEmail
    /// The provider shared an email address it has not verified.
    case emailNotVerified

    /// One sentence for the person signing in.
    public var message: String {
        switch self {
        case .discoveryFailed, .keysUnavailable:
            "The sign-in provider could not be reached or is misconfigured. Please try again later."
        case .providerRejectedCode:
            "This sign-in link was already used or has expired. Please start again."
        case .tokenExchangeFailed:
            "The sign-in provider did not complete the sign-in. Please try again later."
        case .providerDenied:
            "Sign-in was cancelled or refused at the provider."
        case .stateMismatch:
            "This sign-in response does not match a sign-in started here. Please start again."
        case .malformedToken:
            "The sign-in provider sent an unreadable identity token."
        case .unsupportedAlgorithm:
            "The identity token was signed in a way we do not accept."
        case .invalidSignature:
            "The identity token was not signed by the sign-in provider."
        case .expired:
            "The identity token has expired. Please start again."
        case .issuedInFuture:
            "The identity token is dated in the future; the server's or the provider's clock is wrong."
        case .wrongIssuer:
            "The identity token was issued by a different provider."
        case .wrongAudience:
            "The identity token was issued for a different application."
        case .nonceMismatch:
            "The identity token does not belong to this sign-in attempt. Please start again."
        case .missingEmail:
            "The sign-in provider did not share an email address."
        case .emailNotVerified:
            "The sign-in provider has not verified your email address."
        }
    }

    public var description: String {
        switch self {
        case .discoveryFailed(let detail), .keysUnavailable(let detail), .providerRejectedCode(let detail),
            .tokenExchangeFailed(let detail), .providerDenied(let detail), .malformedToken(let detail),
            .unsupportedAlgorithm(let detail), .invalidSignature(let detail), .wrongIssuer(let detail),
            .wrongAudience(let detail):
            "\(message) (\(detail))"
        case .stateMismatch, .expired, .issuedInFuture, .nonceMismatch, .missingEmail, .emailNotVerified:
            message
        }
    }

    /// The case without its detail, for `switch`-free comparisons in callers and tests.
    public var kind: Kind {
        switch self {
        case .discoveryFailed: .discoveryFailed
        case .keysUnavailable: .keysUnavailable
        case .providerRejectedCode: .providerRejectedCode
        case .tokenExchangeFailed: .tokenExchangeFailed
        case .providerDenied: .providerDenied
        case .stateMismatch: .stateMismatch
        case .malformedToken: .malformedToken
        case .unsupportedAlgorithm: .unsupportedAlgorithm
        case .invalidSignature: .invalidSignature
        case .expired: .expired
        case .issuedInFuture: .issuedInFuture
        case .wrongIssuer: .wrongIssuer
        case .wrongAudience: .wrongAudience
        case .nonceMismatch: .nonceMismatch
        case .missingEmail: .missingEmail
        case .emailNotVerified: .emailNotVerified
        }
    }

    /// `OIDCError`'s cases without their details (e.g. for metrics labels).
    public enum Kind: String, Sendable, CaseIterable {
        case discoveryFailed, keysUnavailable, providerRejectedCode, tokenExchangeFailed, providerDenied
        case stateMismatch, malformedToken, unsupportedAlgorithm, invalidSignature, expired, issuedInFuture
        case wrongIssuer, wrongAudience, nonceMismatch, missingEmail, emailNotVerified
    }
}

import Foundation

/// The parts of a compact JWS (`header.payload.signature`) and its decoded header, before any trust.
struct OIDCIDToken: Sendable {
    /// The JOSE header fields that decide how the token is verified.
    struct Header: Decodable, Sendable {
        let alg: String
        let kid: String?
        /// Critical extensions; we understand none, so any makes the token unacceptable (RFC 7515 §4.1.11).
        let crit: [String]?
    }

    let header: Header
    let payload: Data

    /// Asymmetric algorithms only: `none` and HMAC (which would turn a public key into a shared secret) are refused.
    static let acceptedAlgorithms: Set<String> = [
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    ]

    init(_ token: String) throws(OIDCError) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformedToken("expected a signed JWT with 3 parts, got \(parts.count)")
        }
        guard let headerData = Base64URL.decode(parts[0]), let payload = Base64URL.decode(parts[1]),
            Base64URL.decode(parts[2]) != nil
        else {
            throw .malformedToken("a part is not base64url")
        }
        do {
            header = try JSONDecoder().decode(Header.self, from: headerData)
        } catch {
            throw .malformedToken("the header is not JSON with an \"alg\": \(error)")
        }
        guard Self.acceptedAlgorithms.contains(header.alg) else {
            throw .unsupportedAlgorithm("alg \"\(header.alg)\"")
        }
        if let crit = header.crit, !crit.isEmpty {
            throw .malformedToken("unsupported critical header parameters \(crit)")
        }
        self.payload = payload
    }
}

/// The ID token claims this client reads (OpenID Connect Core §2 and §5.1), tolerant of common provider quirks.
struct OIDCIDTokenClaims: Decodable, Sendable {
    let iss: String
    let sub: String
    let aud: [String]
    let exp: Double
    let iat: Double
    let nbf: Double?
    let nonce: String?
    let azp: String?
    let email: String?
    let emailVerified: Bool?
    let name: String?

    private enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nbf, nonce, azp, email, name
        case emailVerified = "email_verified"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        iss = try c.decode(String.self, forKey: .iss)
        sub = try c.decode(String.self, forKey: .sub)
        // `aud` is a string or an array of strings (RFC 7519 §4.1.3).
        if let single = try? c.decode(String.self, forKey: .aud) {
            aud = [single]
        } else {
            aud = try c.decode([String].self, forKey: .aud)
        }
        exp = try c.decode(Double.self, forKey: .exp)
        iat = try c.decode(Double.self, forKey: .iat)
        nbf = try c.decodeIfPresent(Double.self, forKey: .nbf)
        nonce = try c.decodeIfPresent(String.self, forKey: .nonce)
        azp = try c.decodeIfPresent(String.self, forKey: .azp)
        email = try? c.decodeIfPresent(String.self, forKey: .email)
        name = try? c.decodeIfPresent(String.self, forKey: .name)
        // Some providers send "true"/"false" as strings.
        if let flag = try? c.decodeIfPresent(Bool.self, forKey: .emailVerified) {
            emailVerified = flag
        } else if let text = try? c.decodeIfPresent(String.self, forKey: .emailVerified) {
            emailVerified = text.lowercased() == "true"
        } else {
            emailVerified = nil
        }
    }

    static func decode(_ payload: Data) throws(OIDCError) -> OIDCIDTokenClaims {
        do {
            let claims = try JSONDecoder().decode(OIDCIDTokenClaims.self, from: payload)
            guard !claims.sub.isEmpty else { throw OIDCError.malformedToken("empty sub") }
            return claims
        } catch let error as OIDCError {
            throw error
        } catch {
            throw .malformedToken("missing or malformed claims (iss, sub, aud, exp, iat are required): \(error)")
        }
    }

    /// Checks issuer, audience, time and nonce (OpenID Connect Core §3.1.3.7) and returns the identity.
    func validate(
        issuer: String,
        clientID: String,
        expectedNonce: String,
        now: Date,
        clockSkew: TimeInterval
    ) throws(OIDCError) -> OIDCIdentity {
        guard OIDCSettings.normalizedIssuer(iss) == OIDCSettings.normalizedIssuer(issuer) else {
            throw .wrongIssuer("iss \"\(iss)\", expected \"\(issuer)\"")
        }
        guard aud.contains(clientID) else {
            throw .wrongAudience("aud \(aud), expected \"\(clientID)\"")
        }
        // With several audiences the authorized party must be us; when present it must always be us.
        if aud.count > 1 || azp != nil, azp != clientID {
            throw .wrongAudience("azp \"\(azp ?? "(none)")\" with aud \(aud), expected \"\(clientID)\"")
        }
        let seconds = now.timeIntervalSince1970
        guard seconds < exp + clockSkew else { throw .expired }
        guard iat <= seconds + clockSkew else { throw .issuedInFuture }
        if let nbf, nbf > seconds + clockSkew { throw .issuedInFuture }
        guard let nonce, constantTimeEquals(nonce, expectedNonce) else { throw .nonceMismatch }
        return OIDCIdentity(
            subject: sub,
            issuer: iss,
            email: email,
            emailVerified: emailVerified ?? false,
            name: name
        )
    }
}

/// Compares two secrets without an early exit that would leak, through timing, how much of a guess was right.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let a = Array(a.utf8), b = Array(b.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}

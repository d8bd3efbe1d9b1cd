import Crypto
import Foundation
import JWTKit
import Testing
import _CryptoExtras

/// A key we control, to sign crafted ID tokens and publish in a test JWKS.
struct TestSigner: Sendable {
    let keys: JWTKeyCollection
    /// The public key as a JWKS entry (without `kid`; `jwk(kid:)` adds one).
    let publicJWK: [String: String]

    static func rsa() async throws -> TestSigner {
        let key = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: .sha256)
        let primitives = try key.publicKey.getKeyPrimitives()
        return TestSigner(
            keys: keys,
            publicJWK: [
                "kty": "RSA", "use": "sig",
                "n": base64URL(primitives.modulus), "e": base64URL(primitives.publicExponent),
            ]
        )
    }

    static func es256() async throws -> TestSigner {
        let key = ES256PrivateKey()
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key)
        let parameters = try #require(key.publicKey.parameters)
        return TestSigner(
            keys: keys,
            publicJWK: ["kty": "EC", "crv": "P-256", "use": "sig", "x": parameters.x, "y": parameters.y]
        )
    }

    func jwk(kid: String?) -> [String: String] {
        var jwk = publicJWK
        jwk["kid"] = kid
        return jwk
    }

    /// Signs `claims`; `kid` goes in the header whatever key signs (nil: no `kid` header).
    func sign(_ claims: TestClaims, kid: String?) async throws -> String {
        try await keys.sign(claims, kid: kid.map { JWKIdentifier(string: $0) })
    }
}

/// ID token claims for crafted tokens; every field optional so tests can leave any out.
struct TestClaims: JWTPayload {
    var iss: String?
    var sub: String? = "user-1"
    var aud: [String]?
    var exp: Date?
    var iat: Date?
    var nbf: Date?
    var nonce: String?
    var azp: String?
    var email: String? = "ann@example.org"
    var emailVerified: Bool? = true
    var name: String? = "Ann Example"

    /// Valid claims for `issuer` and `clientID` at `now`, lasting ten minutes.
    static func valid(issuer: String, clientID: String, nonce: String, now: Date) -> TestClaims {
        TestClaims(iss: issuer, aud: [clientID], exp: now + 600, iat: now, nonce: nonce)
    }

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nbf, nonce, azp, email, name
        case emailVerified = "email_verified"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(iss, forKey: .iss)
        try c.encodeIfPresent(sub, forKey: .sub)
        if let aud { aud.count == 1 ? try c.encode(aud[0], forKey: .aud) : try c.encode(aud, forKey: .aud) }
        try c.encodeIfPresent(exp.map { Int($0.timeIntervalSince1970) }, forKey: .exp)
        try c.encodeIfPresent(iat.map { Int($0.timeIntervalSince1970) }, forKey: .iat)
        try c.encodeIfPresent(nbf.map { Int($0.timeIntervalSince1970) }, forKey: .nbf)
        try c.encodeIfPresent(nonce, forKey: .nonce)
        try c.encodeIfPresent(azp, forKey: .azp)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(emailVerified, forKey: .emailVerified)
        try c.encodeIfPresent(name, forKey: .name)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// A token assembled by hand, for headers jwt-kit would never produce (`alg: none`, HMAC).
func handMadeToken(header: [String: String], claims: TestClaims, sign: (Data) -> Data) throws -> String {
    let encoder = JSONEncoder()
    let signingInput =
        base64URL(try JSONSerialization.data(withJSONObject: header)) + "." + base64URL(try encoder.encode(claims))
    return signingInput + "." + base64URL(sign(Data(signingInput.utf8)))
}

func base64URL(_ data: Data) -> String {
    data.base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

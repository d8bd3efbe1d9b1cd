import IthacaTestSupport
import Crypto
import Foundation
import IthacaOIDC
import Testing

/// Crafted ID tokens checked against an in-memory provider whose keys the test controls.
@Suite("ID token verification")
struct TokenVerificationTests {
    let provider = StaticProvider()
    let clock = TestClock()
    let clientID = "ithaca"
    let nonce = "nonce-123"

    func makeClient(provider: StaticProvider? = nil) throws -> OIDCClient {
        let provider = provider ?? self.provider
        let settings = try OIDCSettings(
            issuer: provider.issuer, clientID: clientID, clientSecret: "secret",
            redirectURI: "https://mentors.example.org/cb")
        return OIDCClient(settings: settings, transport: provider, clock: clock.function)
    }

    func claims() -> TestClaims {
        .valid(issuer: provider.issuer, clientID: clientID, nonce: nonce, now: clock.now)
    }

    @Test("RS256 and ES256 tokens from published keys are accepted")
    func accepted() async throws {
        let rsa = try await TestSigner.rsa(), ec = try await TestSigner.es256()
        provider.publish([rsa.jwk(kid: "rsa-1"), ec.jwk(kid: "ec-1")])
        let client = try makeClient()
        let identity = try await client.verifyIDToken(try await rsa.sign(claims(), kid: "rsa-1"), expectedNonce: nonce)
        #expect(identity == OIDCIdentity(
            subject: "user-1", issuer: provider.issuer, email: "ann@example.org", emailVerified: true, name: "Ann Example"))
        #expect(try await client.verifyIDToken(try await ec.sign(claims(), kid: "ec-1"), expectedNonce: nonce).subject == "user-1")
        // A token without kid is checked against every published key of the right type.
        #expect(try await client.verifyIDToken(try await ec.sign(claims(), kid: nil), expectedNonce: nonce).subject == "user-1")
    }

    @Test("a key the provider does not publish is refused, whatever kid the token claims")
    func foreignKey() async throws {
        let published = try await TestSigner.rsa(), attacker = try await TestSigner.rsa()
        provider.publish([published.jwk(kid: "k1")])
        let client = try makeClient()
        for kid in ["k1", "forged", nil] as [String?] {
            await expectOIDCError(.invalidSignature) {
                try await client.verifyIDToken(try await attacker.sign(claims(), kid: kid), expectedNonce: nonce)
            }
        }
        // A kid naming an EC key cannot be used to smuggle an RSA signature either.
        let ec = try await TestSigner.es256()
        provider.publish([published.jwk(kid: "k1"), ec.jwk(kid: "ec")])
        clock.advance(by: 31)
        await expectOIDCError(.invalidSignature) {
            try await client.verifyIDToken(try await published.sign(claims(), kid: "ec"), expectedNonce: nonce)
        }
    }

    @Test("alg none and HMAC signed with the public key are refused")
    func algorithmConfusion() async throws {
        let rsa = try await TestSigner.rsa()
        provider.publish([rsa.jwk(kid: "k1")])
        let client = try makeClient()
        let none = try handMadeToken(header: ["alg": "none", "kid": "k1"], claims: claims()) { _ in Data() }
        await expectOIDCError(.unsupportedAlgorithm) { try await client.verifyIDToken(none, expectedNonce: nonce) }
        let publicKeyBytes = try JSONSerialization.data(withJSONObject: rsa.jwk(kid: "k1"))
        let hmac = try handMadeToken(header: ["alg": "HS256", "kid": "k1"], claims: claims()) { input in
            Data(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: publicKeyBytes)))
        }
        await expectOIDCError(.unsupportedAlgorithm) { try await client.verifyIDToken(hmac, expectedNonce: nonce) }
        await expectOIDCError(.malformedToken) { try await client.verifyIDToken("not.a-token", expectedNonce: nonce) }
    }

    @Test("expiry, issue time and not-before are checked with 60 s of skew")
    func times() async throws {
        let rsa = try await TestSigner.rsa()
        provider.publish([rsa.jwk(kid: "k1")])
        let client = try makeClient()
        func verify(_ edit: (inout TestClaims) -> Void) async throws -> OIDCIdentity {
            var claims = claims()
            edit(&claims)
            return try await client.verifyIDToken(try await rsa.sign(claims, kid: "k1"), expectedNonce: nonce)
        }
        let now = clock.now
        await expectOIDCError(.expired) { try await verify { $0.exp = now - 61; $0.iat = now - 700 } }
        _ = try await verify { $0.exp = now - 30 }  // within the skew
        await expectOIDCError(.issuedInFuture) { try await verify { $0.iat = now + 3600; $0.exp = now + 7200 } }
        _ = try await verify { $0.iat = now + 30 }  // within the skew
        await expectOIDCError(.issuedInFuture) { try await verify { $0.nbf = now + 120 } }
        await expectOIDCError(.malformedToken) { try await verify { $0.exp = nil } }
    }

    @Test("issuer, audience, authorized party and nonce")
    func identityClaims() async throws {
        let rsa = try await TestSigner.rsa()
        provider.publish([rsa.jwk(kid: "k1")])
        let client = try makeClient()
        func verify(_ edit: (inout TestClaims) -> Void) async throws -> OIDCIdentity {
            var claims = claims()
            edit(&claims)
            return try await client.verifyIDToken(try await rsa.sign(claims, kid: "k1"), expectedNonce: nonce)
        }
        await expectOIDCError(.wrongIssuer) { try await verify { $0.iss = "https://evil.example.test" } }
        _ = try await verify { $0.iss = provider.issuer + "/" }  // trailing slash tolerated
        await expectOIDCError(.wrongAudience) { try await verify { $0.aud = ["someone-else"] } }
        await expectOIDCError(.wrongAudience) { try await verify { $0.aud = ["ithaca", "other"] } }
        _ = try await verify { $0.aud = ["ithaca", "other"]; $0.azp = "ithaca" }
        await expectOIDCError(.wrongAudience) { try await verify { $0.azp = "other" } }
        await expectOIDCError(.nonceMismatch) { try await verify { $0.nonce = "other" } }
        await expectOIDCError(.nonceMismatch) { try await verify { $0.nonce = nil } }
        await expectOIDCError(.malformedToken) { try await verify { $0.sub = nil } }
    }

    @Test("unknown kids refetch the JWKS at most once per 30 s, and a rotated key is picked up")
    func keyRefreshRateLimit() async throws {
        let old = try await TestSigner.rsa(), new = try await TestSigner.rsa()
        provider.publish([old.jwk(kid: "old")])
        let client = try makeClient()
        _ = try await client.verifyIDToken(try await old.sign(claims(), kid: "old"), expectedNonce: nonce)
        #expect(await client.keyDownloadCount == 1)

        // A flood of forged kids right after the download causes no further download.
        for index in 0..<20 {
            await expectOIDCError(.invalidSignature) {
                try await client.verifyIDToken(try await new.sign(claims(), kid: "forged-\(index)"), expectedNonce: nonce)
            }
        }
        #expect(await client.keyDownloadCount == 1)

        // The provider rotates; once 30 s have passed the new kid triggers one download and verifies.
        provider.publish([old.jwk(kid: "old"), new.jwk(kid: "new")])
        clock.advance(by: 31)
        let identity = try await client.verifyIDToken(try await new.sign(claims(), kid: "new"), expectedNonce: nonce)
        #expect(identity.subject == "user-1")
        #expect(await client.keyDownloadCount == 2)
        await expectOIDCError(.invalidSignature) {
            try await client.verifyIDToken(try await new.sign(claims(), kid: "forged-again"), expectedNonce: nonce)
        }
        #expect(await client.keyDownloadCount == 2)
        #expect(provider.count(of: "/jwks") == 2)
        #expect(provider.count(of: "/openid-configuration") == 1)
    }

    @Test("concurrent first uses share one discovery and one JWKS download")
    func coalescedFetches() async throws {
        let rsa = try await TestSigner.rsa()
        provider.publish([rsa.jwk(kid: "k1")])
        let client = try makeClient()
        let token = try await rsa.sign(claims(), kid: "k1")
        try await withThrowingTaskGroup(of: OIDCIdentity.self) { group in
            for _ in 0..<8 { group.addTask { try await client.verifyIDToken(token, expectedNonce: nonce) } }
            for try await identity in group { #expect(identity.subject == "user-1") }
        }
        #expect(provider.count(of: "/jwks") == 1)
        #expect(provider.count(of: "/openid-configuration") == 1)
    }

    @Test("a discovery document naming another issuer is refused")
    func discoveryIssuerMismatch() async throws {
        let impostor = StaticProvider(issuer: "https://idp.example.test", discoveryIssuer: "https://evil.example.test")
        let client = try makeClient(provider: impostor)
        await expectOIDCError(.discoveryFailed) { try await client.start() }
        // Not cached: the next call asks again.
        await expectOIDCError(.discoveryFailed) { try await client.start() }
        #expect(impostor.count(of: "/openid-configuration") == 2)
        let trailing = StaticProvider(issuer: "https://idp.example.test", discoveryIssuer: "https://idp.example.test/")
        _ = try await makeClient(provider: trailing).start()
    }
}

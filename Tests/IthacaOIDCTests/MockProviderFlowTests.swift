import IthacaTestSupport
import AsyncHTTPClient
import Foundation
import IthacaOIDC
import NIOCore
import NIOHTTP1
import Testing

/// The whole flow against a real OpenID provider (oidc-provider-mock) on loopback.
@Suite("Sign-in against oidc-provider-mock")
struct MockProviderFlowTests {
    static let clientID = "ithaca-test"

    func makeClient(_ provider: MockProvider, clock: @escaping @Sendable () -> Date = Date.init) throws -> OIDCClient {
        let settings = try OIDCSettings(
            issuer: provider.issuer,
            clientID: Self.clientID,
            clientSecret: "test-secret",
            redirectURI: "http://127.0.0.1:9/auth/oidc/callback",  // never contacted: we read Location
            displayName: "Mock provider"
        )
        return OIDCClient(settings: settings, httpClient: provider.http, clock: clock)
    }

    /// start() → the login form submitted for `sub` → the callback's code, state checked.
    func signIn(_ client: OIDCClient, _ provider: MockProvider, sub: String) async throws -> (OIDCLoginStart, OIDCCallback) {
        let start = try await client.start()
        #expect(start.authorizationURL.hasPrefix(provider.issuer + "/oauth2/authorize?"))
        let query = try await provider.submitLoginFormQuery(authorizationURL: start.authorizationURL, sub: sub)
        let callback = try OIDCCallback(code: query["code"], state: query["state"], error: query["error"])
        #expect(callback.matches(expectedState: start.state))
        return (start, callback)
    }

    @Test("happy path: verified email, code replay refused, nonce checked")
    func happyPathReplayAndNonce() async throws {
        try await withMockProvider { provider in
            try await provider.defineUser(
                "ann-1", claims: ["email": "ann@example.org", "email_verified": true, "name": "Ann Example"])
            let client = try makeClient(provider)
            let (start, callback) = try await signIn(client, provider, sub: "ann-1")

            let identity = try await client.finish(
                code: callback.code, codeVerifier: start.codeVerifier, expectedNonce: start.nonce)
            #expect(identity == OIDCIdentity(
                subject: "ann-1", issuer: provider.issuer, email: "ann@example.org", emailVerified: true,
                name: "Ann Example"))
            #expect(try identity.requireVerifiedEmail() == "ann@example.org")

            await expectOIDCError(.providerRejectedCode) {
                try await client.finish(code: callback.code, codeVerifier: start.codeVerifier, expectedNonce: start.nonce)
            }

            let (second, secondCallback) = try await signIn(client, provider, sub: "ann-1")
            await expectOIDCError(.nonceMismatch) {
                try await client.finish(
                    code: secondCallback.code, codeVerifier: second.codeVerifier, expectedNonce: start.nonce)
            }
        }
    }

    @Test("unverified or missing email is reported by requireVerifiedEmail()")
    func unverifiedEmail() async throws {
        try await withMockProvider { provider in
            try await provider.defineUser("bob", claims: ["email": "bob@example.org", "email_verified": false])
            try await provider.defineUser("carol", claims: [:])
            let client = try makeClient(provider)

            let (start, callback) = try await signIn(client, provider, sub: "bob")
            let bob = try await client.finish(code: callback.code, codeVerifier: start.codeVerifier, expectedNonce: start.nonce)
            #expect(bob.email == "bob@example.org")
            #expect(!bob.emailVerified)
            #expect(throws: OIDCError.emailNotVerified) { try bob.requireVerifiedEmail() }

            let (start2, callback2) = try await signIn(client, provider, sub: "carol")
            let carol = try await client.finish(
                code: callback2.code, codeVerifier: start2.codeVerifier, expectedNonce: start2.nonce)
            #expect(carol.email == nil)
            #expect(throws: OIDCError.missingEmail) { try carol.requireVerifiedEmail() }
        }
    }

    @Test("predefined users and the Deny button")
    func predefinedUserAndDeny() async throws {
        let dora = #"{"sub": "dora", "email": "dora@example.org", "email_verified": true}"#
        try await withMockProvider(userClaims: [dora]) { provider in
            let client = try makeClient(provider)
            let (start, callback) = try await signIn(client, provider, sub: "dora")
            let identity = try await client.finish(
                code: callback.code, codeVerifier: start.codeVerifier, expectedNonce: start.nonce)
            #expect(try identity.requireVerifiedEmail() == "dora@example.org")

            let denied = try await client.start()
            let query = try await provider.submitLoginFormQuery(authorizationURL: denied.authorizationURL, sub: nil, deny: true)
            // The mock's Deny redirect carries error=access_denied but, unlike a real provider, no state.
            #expect(query["error"] == "access_denied")
            #expect(query["code"] == nil)
            await expectOIDCError(.providerDenied) {
                try OIDCCallback(
                    code: query["code"], state: query["state"], error: query["error"],
                    errorDescription: query["error_description"])
            }
        }
    }

    @Test("tokens signed by a key the provider does not publish are refused")
    func forgedSignatures() async throws {
        try await withMockProvider { provider in
            let client = try makeClient(provider)
            let publishedKIDs = try await provider.publishedKeyIDs()
            #expect(!publishedKIDs.isEmpty)
            let attacker = try await TestSigner.rsa()
            let claims = TestClaims.valid(issuer: provider.issuer, clientID: Self.clientID, nonce: "n", now: Date())
            for kid in ["not-published"] + publishedKIDs + [nil] as [String?] {
                let token = try await attacker.sign(claims, kid: kid)
                await expectOIDCError(.invalidSignature) { try await client.verifyIDToken(token, expectedNonce: "n") }
            }
        }
    }

    @Test("the provider's real tokens are refused for the wrong client, issuer or time")
    func realTokenChecks() async throws {
        try await withMockProvider { provider in
            try await provider.defineUser("eve", claims: ["email": "eve@example.org", "email_verified": true])
            let ours = try makeClient(provider)
            let (start, callback) = try await signIn(ours, provider, sub: "eve")
            let token = try await rawIDToken(provider, code: callback.code)
            #expect(try await ours.verifyIDToken(token, expectedNonce: start.nonce).subject == "eve")

            // A client with another client id must not accept a token the provider issued to ours.
            let settings = try OIDCSettings(
                issuer: provider.issuer, clientID: "another-app", clientSecret: "x",
                redirectURI: "http://127.0.0.1:9/auth/oidc/callback")
            let theirs = OIDCClient(settings: settings, httpClient: provider.http)
            await expectOIDCError(.wrongAudience) { try await theirs.verifyIDToken(token, expectedNonce: start.nonce) }

            // Two hours later (the mock's tokens last one hour) the token has expired.
            let later = try makeClient(provider, clock: { Date() + 7200 })
            await expectOIDCError(.expired) { try await later.verifyIDToken(token, expectedNonce: start.nonce) }

            // The mock names itself after the Host header: as http://localhost:PORT it is another issuer.
            let port = try #require(URLComponents(string: provider.issuer)?.port)
            let otherName = try OIDCSettings(
                issuer: "http://localhost:\(port)", clientID: Self.clientID, clientSecret: "x",
                redirectURI: "http://127.0.0.1:9/auth/oidc/callback")
            let viaLocalhost = OIDCClient(settings: otherName, httpClient: provider.http)
            await expectOIDCError(.wrongIssuer) { try await viaLocalhost.verifyIDToken(token, expectedNonce: start.nonce) }
        }
    }

    /// Exchanges a code by hand (as another party holding the token would) and returns the raw ID token.
    func rawIDToken(_ provider: MockProvider, code: String) async throws -> String {
        var request = HTTPClientRequest(url: provider.issuer + "/oauth2/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(Self.clientID):x".utf8).base64EncodedString())
        request.body = .bytes(ByteBuffer(string: "grant_type=authorization_code&code=\(code)&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fauth%2Foidc%2Fcallback"))
        let response = try await provider.http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return try #require(json?["id_token"] as? String)
    }
}

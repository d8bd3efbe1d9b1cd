import Foundation
import IthacaOIDC
import Testing

@Suite("PKCE, state and the authorization URL")
struct PKCEAndStartTests {
    let settings = try! OIDCSettings(
        issuer: "https://idp.example.test",
        clientID: "ithaca client",
        clientSecret: "s",
        redirectURI: "https://mentors.example.org/auth/oidc/callback?from=a&b=c"
    )

    @Test("S256 challenge matches RFC 7636 appendix B")
    func rfc7636AppendixB() {
        // The appendix's verifier is the base64url of its 32 example octets: …1gFWFOEjXk (43 characters).
        #expect(
            OIDCLoginStart.codeChallenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test("fresh attempts have valid, distinct 43-character secrets")
    func randomSecrets() {
        let first = OIDCLoginStart(authorizationEndpoint: "https://idp.example.test/authorize", settings: settings)
        let second = OIDCLoginStart(authorizationEndpoint: "https://idp.example.test/authorize", settings: settings)
        for value in [first.state, first.nonce, first.codeVerifier] {
            #expect(value.count == 43)
            #expect(OIDCLoginStart.isValidCodeVerifier(value))
        }
        #expect(first.codeChallenge == OIDCLoginStart.codeChallenge(for: first.codeVerifier))
        #expect(Set([first.state, first.nonce, first.codeVerifier, second.state, second.nonce, second.codeVerifier]).count == 6)
    }

    @Test("code verifier format follows RFC 7636 §4.1")
    func verifierFormat() {
        #expect(!OIDCLoginStart.isValidCodeVerifier(String(repeating: "a", count: 42)))
        #expect(OIDCLoginStart.isValidCodeVerifier(String(repeating: "a", count: 128)))
        #expect(!OIDCLoginStart.isValidCodeVerifier(String(repeating: "a", count: 129)))
        #expect(!OIDCLoginStart.isValidCodeVerifier(String(repeating: "a", count: 42) + "+"))
    }

    @Test("the authorization URL carries every parameter, safely encoded")
    func authorizationURL() throws {
        let start = OIDCLoginStart(
            authorizationEndpoint: "https://idp.example.test/authorize?tenant=t1#frag",
            settings: settings, state: "st&x=1", nonce: "no", codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        let components = try #require(URLComponents(string: start.authorizationURL))
        #expect(components.fragment == nil)
        let items = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(items == [
            "tenant": "t1",
            "response_type": "code",
            "client_id": "ithaca client",
            "redirect_uri": "https://mentors.example.org/auth/oidc/callback?from=a&b=c",
            "scope": "openid email profile",
            "state": "st&x=1",
            "nonce": "no",
            "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "code_challenge_method": "S256",
        ])
    }

    @Test("state digest is SHA-256 hex")
    func stateDigest() {
        #expect(OIDCLoginStart.stateDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("callback parsing: provider errors, missing state, state comparison")
    func callback() throws {
        let callback = try OIDCCallback(code: "c", state: "s", error: nil)
        #expect(callback.matches(expectedState: "s"))
        #expect(!callback.matches(expectedState: "t"))
        #expect(callback.stateDigest == OIDCLoginStart.stateDigest("s"))
        #expect(throws: OIDCError.providerDenied("access_denied: nope")) {
            try OIDCCallback(code: nil, state: "s", error: "access_denied", errorDescription: "nope")
        }
        #expect(throws: OIDCError.stateMismatch) { try OIDCCallback(code: "c", state: nil, error: nil) }
    }
}

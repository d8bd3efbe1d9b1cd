import Foundation
import IthacaOIDC
import Testing

/// The token request's shape and the mapping of the token endpoint's errors.
@Suite("Token exchange")
struct TokenExchangeTests {
    func client(_ provider: StaticProvider, secret: String?) throws -> OIDCClient {
        let settings = try OIDCSettings(
            issuer: provider.issuer, clientID: "ithaca app", clientSecret: secret,
            redirectURI: "https://mentors.example.org/cb")
        return OIDCClient(settings: settings, transport: provider)
    }

    func tokenRequest(_ provider: StaticProvider) throws -> (headers: [String: String], form: [String: String]) {
        let request = try #require(provider.requests.last { $0.url.hasSuffix("/token") })
        #expect(request.method == .post)
        let body = String(decoding: request.body ?? Data(), as: UTF8.self)
        let items = URLComponents(string: "?" + body)?.queryItems ?? []
        return (request.headers, Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") }))
    }

    @Test("client_secret_basic by default, with form-encoded id and secret")
    func basic() async throws {
        let provider = StaticProvider()
        provider.answerToken(status: 400, json: ["error": "invalid_grant"])
        await expectOIDCError(.providerRejectedCode) {
            try await client(provider, secret: "s:e&c").finish(code: "the code", codeVerifier: "v", expectedNonce: "n")
        }
        let (headers, form) = try tokenRequest(provider)
        #expect(headers["Authorization"] == "Basic " + Data("ithaca%20app:s%3Ae%26c".utf8).base64EncodedString())
        #expect(headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(form == [
            "grant_type": "authorization_code", "code": "the code",
            "redirect_uri": "https://mentors.example.org/cb", "code_verifier": "v",
        ])
    }

    @Test("client_secret_post when the provider lists only that")
    func post() async throws {
        let provider = StaticProvider(authMethods: ["client_secret_post"])
        provider.answerToken(status: 401, json: ["error": "invalid_client"])
        await expectOIDCError(.tokenExchangeFailed) {
            try await client(provider, secret: "sec").finish(code: "c", codeVerifier: "v", expectedNonce: "n")
        }
        let (headers, form) = try tokenRequest(provider)
        #expect(headers["Authorization"] == nil)
        #expect(form["client_id"] == "ithaca app")
        #expect(form["client_secret"] == "sec")
    }

    @Test("a public client sends only its id; a response without id_token fails")
    func publicClient() async throws {
        let provider = StaticProvider()
        provider.answerToken(status: 200, json: ["access_token": "a", "token_type": "Bearer"])
        await expectOIDCError(.tokenExchangeFailed) {
            try await client(provider, secret: nil).finish(code: "c", codeVerifier: "v", expectedNonce: "n")
        }
        let (headers, form) = try tokenRequest(provider)
        #expect(headers["Authorization"] == nil)
        #expect(form["client_id"] == "ithaca app")
        #expect(form["client_secret"] == nil)
    }

    @Test("every error has a page message and a log description")
    func messages() {
        let errors: [OIDCError] = [
            .discoveryFailed("d"), .keysUnavailable("k"), .providerRejectedCode("p"), .tokenExchangeFailed("t"),
            .providerDenied("a"), .stateMismatch, .malformedToken("m"), .unsupportedAlgorithm("u"),
            .invalidSignature("i"), .expired, .issuedInFuture, .wrongIssuer("w"), .wrongAudience("w"),
            .nonceMismatch, .missingEmail, .emailNotVerified,
        ]
        #expect(Set(errors.map(\.kind)) == Set(OIDCError.Kind.allCases))
        for error in errors {
            #expect(error.message.hasSuffix("."))
            #expect(error.description.hasPrefix(error.message))
        }
    }
}

import IthacaOIDC
import Testing

@Suite("OIDCSettings validation")
struct SettingsTests {
    func make(
        issuer: String = "https://idp.example.test", clientID: String = "c",
        redirectURI: String = "https://mentors.example.org/cb", scopes: [String] = OIDCSettings.defaultScopes
    ) throws(OIDCSettingsError) -> OIDCSettings {
        try OIDCSettings(issuer: issuer, clientID: clientID, redirectURI: redirectURI, scopes: scopes)
    }

    @Test("valid settings keep their values and defaults")
    func valid() throws {
        let settings = try OIDCSettings(
            issuer: "https://idp.example.test/", clientID: " c ", clientSecret: "", redirectURI: "https://m.example/cb")
        #expect(settings.clientID == "c")
        #expect(settings.clientSecret == nil)
        #expect(settings.scopes == ["openid", "email", "profile"])
        #expect(settings.clockSkew == 60)
        #expect(settings.discoveryURL == "https://idp.example.test/.well-known/openid-configuration")
        #expect(try make(issuer: "http://127.0.0.1:9400").issuer == "http://127.0.0.1:9400")
        #expect(try make(issuer: "http://localhost:9400", redirectURI: "http://[::1]:8080/cb").issuer == "http://localhost:9400")
    }

    @Test(
        "invalid settings are refused with one sentence",
        arguments: [
            ("idp.example.test", OIDCSettingsError.issuerNotAbsoluteURL("idp.example.test")),
            ("ftp://idp.example.test", .issuerNotAbsoluteURL("ftp://idp.example.test")),
            ("http://idp.example.test", .insecureIssuer("http://idp.example.test")),
            ("https://idp.example.test?x=1", .issuerHasQueryOrFragment("https://idp.example.test?x=1")),
        ])
    func invalidIssuer(issuer: String, error: OIDCSettingsError) {
        #expect(throws: error) { try make(issuer: issuer) }
        #expect(error.description.hasSuffix("."))
        #expect(error.description.contains("issuer"))
    }

    @Test("other invalid fields")
    func otherFields() {
        #expect(throws: OIDCSettingsError.emptyClientID) { try make(clientID: "  ") }
        #expect(throws: OIDCSettingsError.insecureRedirectURI("http://m.example/cb")) {
            try make(redirectURI: "http://m.example/cb")
        }
        #expect(throws: OIDCSettingsError.redirectURINotAbsoluteURL("/cb")) { try make(redirectURI: "/cb") }
        #expect(throws: OIDCSettingsError.missingOpenIDScope) { try make(scopes: ["email"]) }
        #expect(OIDCSettingsError.emptyClientID.description == "The OIDC client id must not be empty.")
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaWeb
import Testing

/// Behind HTTPS (publicURL https://…) cookies are `__Host-` prefixed and Secure, and HSTS is sent.
@Suite struct HTTPSCookieTests {
    private static func https(_ configuration: inout AppConfiguration) {
        configuration.publicURL = "https://mentoring.example.org"
    }

    @Test(arguments: TestDatabase.all)
    func theSessionCookieIsHostPrefixedAndSecure(database: TestDatabase) async throws {
        try await withTestApp(database, configure: Self.https) { browser in
            // when
            let response = try await browser.signUp(email: "ada@example.com")
            // then
            #expect(response.status == .seeOther)
            #expect(response.setCookieLine("ithaca_session") == nil)
            let attributes = response.cookieAttributes("__Host-ithaca_session")
            #expect(attributes.contains("secure"))
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("samesite=lax"))
            #expect(attributes.contains("path=/"))
            #expect(!attributes.contains { $0.hasPrefix("domain=") })
            let csrf = response.cookieAttributes("__Host-ithaca_csrf")
            #expect(csrf.contains("secure") && csrf.contains("path=/") && !csrf.contains { $0.hasPrefix("domain=") })
            // and the prefixed cookies are the ones that work
            #expect(try await browser.get("/settings").status == .ok)
            #expect(try await browser.postForm("/profile/edit", profileForm()).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func responsesCarryStrictTransportSecurity(database: TestDatabase) async throws {
        try await withTestApp(database, configure: Self.https) { browser in
            for path in ["/", "/signin", "/static/app.css", "/healthz", "/api/v1/me", "/no-such-page"] {
                let response = try await browser.get(path)
                let hsts = response.headers[.strictTransportSecurity] ?? ""
                #expect(hsts.contains("max-age=") && !hsts.contains("max-age=0"), "\(path): \(hsts)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func plainHTTPSendsNoHSTS(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let response = try await browser.get("/")
            #expect(response.headers[.strictTransportSecurity] == nil)
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Cross-site request forgery: forms and cookie-authenticated API writes need our token and our origin.
@Suite struct CSRFTests {
    private static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    private static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    @Test(arguments: TestDatabase.all)
    func aFormPostNeedsTheRightTokenFromOurOwnSite(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            let token = try #require(browser.csrfToken)
            let form = profileForm(["headline": "Changed"])
            // when / then
            let missing = try await browser.postForm("/profile/edit", form, csrf: false)
            #expect(missing.status == .forbidden, "no token")
            var wrong = form
            wrong["csrfToken"] = String(token.reversed())
            #expect(try await browser.postForm("/profile/edit", wrong).status == .forbidden, "wrong token")
            let foreignOrigin = try await browser.postForm("/profile/edit", form, headers: [.origin: "https://evil.example"])
            #expect(foreignOrigin.status == .forbidden, "foreign Origin with the right token")
            let crossSite = try await browser.postForm("/profile/edit", form, headers: [Self.secFetchSite: "cross-site"])
            #expect(crossSite.status == .forbidden, "Sec-Fetch-Site: cross-site")
            // nothing was saved
            #expect((try await browser.json(.get, "/api/v1/me").object["profile"] as? [String: Any])?["headline"] as? String == "")
            let ok = try await browser.postForm("/profile/edit", form, headers: [.origin: "http://localhost", Self.secFetchSite: "same-origin"])
            #expect(ok.status == .seeOther)
            #expect((try await browser.json(.get, "/api/v1/me").object["profile"] as? [String: Any])?["headline"] as? String == "Changed")
        }
    }

    @Test(arguments: TestDatabase.all)
    func cookieAuthenticatedAPIWritesNeedTheCSRFHeader(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            let token = try #require(browser.csrfToken)
            // when
            let without = try await browser.json(.patch, "/api/v1/me", ["headline": "No token"])
            let with = try await browser.json(.patch, "/api/v1/me", ["headline": "With token"], headers: [Self.csrfHeader: token])
            // then
            #expect(without.status == .forbidden)
            #expect(without.headers[.contentType] == "application/problem+json")
            #expect(with.status == .ok)
            #expect((with.object["profile"] as? [String: Any])?["headline"] as? String == "With token")
        }
    }

    @Test(arguments: TestDatabase.all)
    func bearerTokenWritesNeedNoCSRFToken(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given a client with no cookies at all
            let ada = try await member(browser, "Ada", "ada@example.com")
            let client = browser.fresh()
            // when
            let response = try await client.json(.patch, "/api/v1/me", ["headline": "Scripted"], token: ada.token)
            // then
            #expect(response.status == .ok)
            #expect((response.object["profile"] as? [String: Any])?["headline"] as? String == "Scripted")
        }
    }

    @Test(arguments: TestDatabase.all)
    func noGETChangesState(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            // when
            let signOut = try await browser.get("/signout")
            let revokeOthers = try await browser.get("/settings/sessions/revoke-others")
            // then
            #expect([.notFound, .methodNotAllowed].contains(signOut.status))
            #expect([.notFound, .methodNotAllowed].contains(revokeOthers.status))
            #expect(try await browser.get("/settings").status == .ok, "still signed in")
        }
    }
}

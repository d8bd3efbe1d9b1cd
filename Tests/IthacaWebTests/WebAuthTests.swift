import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Signing up, in and out through the web forms: cookies, session ids, no enumeration, safe redirects.
@Suite struct WebAuthTests {
    @Test(arguments: TestDatabase.all)
    func signUpRedirectsToTheProfileWithAHardenedSessionCookie(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // when
            let response = try await browser.signUp(email: "ada@example.com")
            // then
            #expect(response.status == .seeOther)
            #expect(response.location == "/profile/edit")
            let attributes = response.cookieAttributes("ithaca_session")
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("samesite=lax"))
            #expect(attributes.contains("path=/"))
            #expect(!attributes.contains("secure"), "plain http must not set Secure: \(attributes)")
            #expect(browser.cookie("ithaca_session") != nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theFirstAccountIsTheSiteAdminAndLaterOnesAreMembers(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            let grace = browser.fresh()
            try await grace.signUp(name: "Grace Hopper", email: "grace@example.com")
            // when: a cookie-authenticated GET needs no CSRF token
            let ada = try await browser.json(.get, "/api/v1/me")
            let other = try await grace.json(.get, "/api/v1/me")
            // then
            #expect(ada.status == .ok)
            #expect(ada.object["role"] as? String == "admin")
            #expect(other.object["role"] as? String == "member")
        }
    }

    @Test(arguments: TestDatabase.all)
    func everySignInIssuesANewSessionIdAndEndsThePreviousOne(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            let first = try #require(browser.cookie("ithaca_session"))
            // when signing in again while signed in
            let again = try await browser.signIn(email: "ada@example.com")
            let second = try #require(browser.cookie("ithaca_session"))
            // then the id changed and the old one is dead
            #expect(again.status == .seeOther)
            #expect(second != first)
            browser.setCookie("ithaca_session", first)
            #expect(try await browser.get("/settings").status == .seeOther)
            // when signing out and in once more
            browser.setCookie("ithaca_session", second)
            try await browser.postForm("/signout", [:])
            try await browser.signIn(email: "ada@example.com")
            let third = try #require(browser.cookie("ithaca_session"))
            #expect(third != second && third != first)
            #expect(try await browser.get("/settings").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.all)
    func signOutEndsTheSessionOnTheServer(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            let stolen = try #require(browser.cookie("ithaca_session"))
            #expect(try await browser.get("/settings").status == .ok)
            // when
            let signOut = try await browser.postForm("/signout", [:])
            #expect(signOut.status == .seeOther)
            #expect(signOut.location == "/")
            #expect(browser.cookie("ithaca_session") == nil)
            // then replaying the old cookie is a signed-out visit
            browser.setCookie("ithaca_session", stolen)
            let settings = try await browser.get("/settings")
            #expect(settings.status == .seeOther)
            #expect(settings.location == "/signin?next=/settings")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(!home.text.contains("action=\"/signout\""))
            #expect(home.text.contains("href=\"/signin\""))
            #expect(try await browser.json(.get, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func unknownEmailAndWrongPasswordLookTheSame(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.fresh().signUp(email: "ada@example.com")
            // when
            let wrongPassword = try await browser.signIn(email: "ada@example.com", password: "not my password at all")
            let unknownEmail = try await browser.signIn(email: "nobody@example.com", password: "not my password at all")
            // then the pages differ only in the echoed email
            #expect(wrongPassword.status == .unauthorized)
            #expect(unknownEmail.status == wrongPassword.status)
            #expect(wrongPassword.text.contains("Email or password is incorrect."))
            let normalised = { (text: String, email: String) in text.replacingOccurrences(of: email, with: "EMAIL") }
            #expect(normalised(wrongPassword.text, "ada@example.com") == normalised(unknownEmail.text, "nobody@example.com"))
            // and so do the API's answers
            let apiWrong = try await browser.json(.post, "/api/v1/tokens", ["email": "ada@example.com", "password": "not my password at all"])
            let apiUnknown = try await browser.json(.post, "/api/v1/tokens", ["email": "nobody@example.com", "password": "not my password at all"])
            #expect(apiWrong.status == .unauthorized)
            #expect(apiUnknown.status == apiWrong.status)
            var wrongBody = apiWrong.object, unknownBody = apiUnknown.object
            wrongBody["requestId"] = nil
            unknownBody["requestId"] = nil
            #expect(NSDictionary(dictionary: wrongBody).isEqual(to: unknownBody))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCommonPasswordIsRefusedAndTheTypedValuesKept(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // when
            let response = try await browser.signUp(name: "Grace Hopper", email: "grace@example.com", password: "password123")
            // then
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("id=\"password-error\""))
            #expect(response.text.contains("most common passwords"))
            #expect(response.text.contains("value=\"Grace Hopper\""))
            #expect(response.text.contains("value=\"grace@example.com\""))
            #expect(browser.cookie("ithaca_session") == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func nextOnlyAllowsLocalPaths(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.fresh().signUp(email: "ada@example.com")
            // when / then: a local path is followed
            let local = try await browser.postForm("/signin", ["email": "ada@example.com", "password": "correct horse battery staple", "next": "/people?skill=swift"])
            #expect(local.location == "/people?skill=swift")
            // other sites are ignored, however they are written
            for next in ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)"] {
                let response = try await browser.postForm("/signin", ["email": "ada@example.com", "password": "correct horse battery staple", "next": next])
                #expect(response.status == .seeOther)
                #expect(response.location == "/", "\(next)")
            }
            // and the sign-in page does not carry them into its form
            browser.setCookie("ithaca_session", nil)
            let page = try await browser.get("/signin?next=https%3A%2F%2Fevil.example")
            #expect(page.status == .ok)
            #expect(!page.text.contains("evil.example"))
        }
    }
}

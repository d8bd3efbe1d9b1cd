import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Sign-up, tokens and the profile through the JSON API, on SQLite and PostgreSQL.
@Suite struct AccountAPITests {
    @Test(arguments: TestDatabase.all)
    func signUpReturnsTheAccountAndTheFirstBecomesAdmin(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // when
            let first = try await browser.json(.post, "/api/v1/accounts", ["email": "Ada@Example.com", "password": "a long passphrase here", "name": "Ada"])
            let second = try await browser.json(.post, "/api/v1/accounts", ["email": "grace@example.com", "password": "another long passphrase", "name": "Grace"])
            // then
            #expect(first.status == .created)
            #expect(first.object["email"] as? String == "ada@example.com")
            #expect(first.object["name"] as? String == "Ada")
            #expect(UUID(uuidString: first.object["id"] as? String ?? "") != nil)
            let adaToken = try await token(browser, "ada@example.com", "a long passphrase here")
            let graceToken = try await token(browser, "grace@example.com", "another long passphrase")
            #expect(try await browser.json(.get, "/api/v1/me", token: adaToken).object["role"] as? String == "admin")
            #expect(second.status == .created)
            #expect(try await browser.json(.get, "/api/v1/me", token: graceToken).object["role"] as? String == "member")
        }
    }

    @Test(arguments: TestDatabase.all)
    func signUpRefusesATakenEmailWith409(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            try await browser.json(.post, "/api/v1/accounts", ["email": "ada@example.com", "password": "a long passphrase here", "name": "Ada"])
            let again = try await browser.json(.post, "/api/v1/accounts", ["email": "ADA@example.com", "password": "a long passphrase here", "name": "Ada"])
            #expect(again.status == .conflict)
            #expect(again.headers[.contentType] == "application/problem+json")
            #expect((again.object["detail"] as? String)?.contains("already exists") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func invalidSignUpAnswers422WithEveryFieldError(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let response = try await browser.json(.post, "/api/v1/accounts", ["email": "not-an-email", "password": "password", "name": " "])
            #expect(response.status == .unprocessableContent)
            let fields = Set((response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["email", "password", "name"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func malformedJSONIsA400AndAMissingFieldA422(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let garbage = try await browser.request(.post, "/api/v1/accounts", headers: [.contentType: "application/json"], body: "{nope")
            #expect(garbage.status == .badRequest)
            #expect(garbage.headers[.contentType] == "application/problem+json")
            let missing = try await browser.json(.post, "/api/v1/accounts", ["email": "ada@example.com", "name": "Ada"])
            #expect(missing.status == .unprocessableContent)
            #expect((missing.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "password")
        }
    }

    @Test(arguments: TestDatabase.all)
    func tokensAuthenticateAreListedAndRevocable(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.json(.post, "/api/v1/accounts", ["email": "ada@example.com", "password": "a long passphrase here", "name": "Ada"])
            // when a wrong password is used
            let bad = try await browser.json(.post, "/api/v1/tokens", ["email": "ada@example.com", "password": "wrong wrong wrong"])
            #expect(bad.status == .unauthorized)
            // when a token is created and used
            let created = try await browser.json(.post, "/api/v1/tokens", ["email": "ada@example.com", "password": "a long passphrase here", "label": "laptop"])
            #expect(created.status == .created)
            let secret = try #require(created.object["token"] as? String)
            #expect(try await browser.json(.get, "/api/v1/me", token: secret).status == .ok)
            let list = try await browser.json(.get, "/api/v1/tokens", token: secret)
            let items = try #require(list.object["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["label"] as? String == "laptop")
            #expect(items.first?["token"] == nil)
            #expect(!list.text.contains(secret))
            // then revoking it signs it out
            #expect(try await browser.json(.delete, "/api/v1/tokens/current", token: secret).status == .noContent)
            #expect(try await browser.json(.get, "/api/v1/me", token: secret).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIRequiresAuthentication(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            for path in ["/api/v1/me", "/api/v1/people", "/api/v1/tokens"] {
                let response = try await browser.json(.get, path)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            #expect(try await browser.json(.get, "/api/v1/me", token: "ith_forged").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingThePasswordRevokesTokensAndRequiresTheCurrentOne(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            try await browser.json(.post, "/api/v1/accounts", ["email": "ada@example.com", "password": "a long passphrase here", "name": "Ada"])
            let secret = try await token(browser, "ada@example.com", "a long passphrase here")
            let wrong = try await browser.json(.post, "/api/v1/me/password", ["currentPassword": "nope nope nope", "newPassword": "a brand new passphrase"], token: secret)
            #expect(wrong.status == .unprocessableContent)
            let weak = try await browser.json(.post, "/api/v1/me/password", ["currentPassword": "a long passphrase here", "newPassword": "password1"], token: secret)
            #expect(weak.status == .unprocessableContent)
            let changed = try await browser.json(.post, "/api/v1/me/password", ["currentPassword": "a long passphrase here", "newPassword": "a brand new passphrase"], token: secret)
            #expect(changed.status == .noContent)
            #expect(try await browser.json(.get, "/api/v1/me", token: secret).status == .unauthorized)
            _ = try await token(browser, "ada@example.com", "a brand new passphrase")
        }
    }
}

/// Creates a token through the API and returns its secret.
func token(_ browser: TestBrowser, _ email: String, _ password: String) async throws -> String {
    let response = try await browser.json(.post, "/api/v1/tokens", ["email": email, "password": password])
    return try #require(response.object["token"] as? String, "token creation failed: \(response.status) \(response.text)")
}

/// Signs up through the API and returns (id, token).
func member(_ browser: TestBrowser, _ name: String, _ email: String, password: String = "a long passphrase here") async throws -> (id: String, token: String) {
    let created = try await browser.json(.post, "/api/v1/accounts", ["email": email, "password": password, "name": name])
    let id = try #require(created.object["id"] as? String, "sign-up failed: \(created.status) \(created.text)")
    return (id, try await token(browser, email, password))
}

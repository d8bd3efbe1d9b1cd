import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaMarkdown
import IthacaOIDC
import IthacaTestSupport
@testable import IthacaWeb
import Testing

/// Single sign-on against a real OpenID provider on loopback (oidc-provider-mock): sign in, accounts found by
/// verified email or made for an allowed domain, linking, invitations; and every refusal is a page that says why.
@Suite struct SingleSignOnTests {
    func configure(_ issuer: String, domains: [String] = ["sso.example"]) -> (inout AppConfiguration) -> Void {
        { configuration in
            configuration.singleSignOn = SingleSignOnConfiguration(
                issuer: issuer, clientId: "ithaca", clientSecret: "s3cret", displayName: "Example SSO", allowedDomains: domains)
        }
    }

    /// Starts a sign-in from `path` and plays the provider's login form as `sub`; returns our callback path and query.
    func signOn(_ browser: TestBrowser, _ provider: MockProvider, sub: String, from path: String = "/signin/sso") async throws -> String {
        let start = try await browser.get(path)
        #expect(start.status == .seeOther, "\(start.status) \(start.text.prefix(300))")
        let authorization = try #require(start.location)
        #expect(authorization.hasPrefix(provider.issuer) && authorization.contains("code_challenge_method=S256") && authorization.contains("nonce="))
        let back = try await provider.submitLoginForm(authorizationURL: authorization, sub: sub)
        let components = try #require(URLComponents(string: back))
        #expect(components.path == "/signin/sso/callback")
        return components.path + "?" + (components.percentEncodedQuery ?? "")
    }

    @Test(arguments: TestDatabase.all)
    func aMemberSignsInByVerifiedEmailAndANewcomerFromAnAllowedDomainGetsAnAccount(database: TestDatabase) async throws {
        try await withMockProvider { provider in
            try await withTestApp(database, configure: configure(provider.issuer)) { browser in
                _ = try await member(browser, "Ada Existing", "ada@example.com")
                try await provider.defineUser("ada-sub", claims: ["email": "Ada@Example.com", "email_verified": true, "name": "Ada"])
                // the sign-in page offers the button
                #expect(try await browser.get("/signin").text.contains("Sign in with Example SSO"))
                // when Ada signs on, she is in her existing account with a fresh session
                let ada = browser.fresh()
                let callback = try await signOn(ada, provider, sub: "ada-sub")
                let landed = try await ada.get(callback)
                #expect(landed.status == .seeOther && landed.location == "/", "\(landed.status) \(landed.text.prefix(400))")
                #expect(ada.cookie("ithaca_session") != nil)
                #expect(try await ada.get("/settings").text.contains("ada@example.com"))
                // the same callback again is refused: the state is used up
                let replay = try await ada.get(callback)
                #expect(replay.status == .badRequest && replay.text.contains("state did not match"))
                // a newcomer from an allowed domain gets an account at once
                try await provider.defineUser("new-sub", claims: ["email": "nia@sso.example", "email_verified": true, "name": "Nia New"])
                let nia = browser.fresh()
                #expect(try await nia.get(try await signOn(nia, provider, sub: "new-sub")).status == .seeOther)
                #expect(try await nia.get("/settings").text.contains("nia@sso.example"))
                // someone from elsewhere is told to ask for an invitation
                try await provider.defineUser("out-sub", claims: ["email": "zed@elsewhere.example", "email_verified": true])
                let zed = browser.fresh()
                let refused = try await zed.get(try await signOn(zed, provider, sub: "out-sub"))
                #expect(refused.status == .badRequest && refused.text.contains("Ask an admin to invite you"))
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func wrongStateReplayedCodeAndUnverifiedEmailAreRefusedWithAPageThatSaysWhy(database: TestDatabase) async throws {
        try await withMockProvider { provider in
            try await withTestApp(database, configure: configure(provider.issuer)) { browser in
                _ = try await member(browser, "Ada", "ada@example.com")
                try await provider.defineUser("ada-sub", claims: ["email": "ada@example.com", "email_verified": true])
                // a state we never issued
                let forged = try await browser.get("/signin/sso/callback?code=abc&state=not-ours")
                #expect(forged.status == .badRequest && forged.text.contains("did not start here"))
                #expect(try await browser.get("/signin/sso/callback").status == .badRequest)
                // a provider error is shown, not a 500
                let denied = try await browser.get("/signin/sso/callback?error=access_denied&error_description=The+user+said+no")
                #expect(denied.status == .badRequest && denied.text.contains("The user said no"))
                // a callback only finishes in the browser that started the sign-in (no login CSRF)
                let victim = browser.fresh()
                let forwarded = try await signOn(browser.fresh(), provider, sub: "ada-sub")
                #expect(try await victim.get(forwarded).status == .badRequest)
                #expect(victim.cookie("ithaca_session") == nil)
                // a code used once, then again with a new sign-in's state: the provider rejects it
                let starter = browser.fresh()
                let first = try await signOn(starter, provider, sub: "ada-sub")
                let code = try #require(URLComponents(string: first)?.queryItems?.first { $0.name == "code" }?.value)
                #expect(try await starter.get(first).status == .seeOther)
                let second = try await browser.get("/signin/sso")
                let state = try #require(URLComponents(string: second.location ?? "")?.queryItems?.first { $0.name == "state" }?.value)
                let replayed = try await browser.get("/signin/sso/callback?code=\(code)&state=\(state)")
                #expect(replayed.status == .badRequest && replayed.text.contains(OIDCError.providerRejectedCode("").message))
                // an unverified email is not trusted to find an account
                try await provider.defineUser("sly-sub", claims: ["email": "ada@example.com", "email_verified": false])
                let sly = browser.fresh()
                let unverified = try await sly.get(try await signOn(sly, provider, sub: "sly-sub"))
                #expect(unverified.status == .badRequest && unverified.text.contains("not verified"))
                #expect(sly.cookie("ithaca_session") == nil)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPasswordMemberLinksSingleSignOnAndAnInvitedPersonJoinsThroughIt(database: TestDatabase) async throws {
        try await withMockProvider { provider in
            try await withTestApp(database, configure: configure(provider.issuer, domains: [])) { browser in
                let admin = try await member(browser, "Site Admin", "admin@example.com")
                // linking: the provider's account has another email, so only linking can connect it
                try await provider.defineUser("corp-123", claims: ["email": "a.admin@corp.example", "email_verified": true])
                _ = try await browser.signIn(email: "admin@example.com", password: "a long passphrase here")
                let start = try await browser.postForm("/settings/sso", [:])
                let back = try await provider.submitLoginForm(authorizationURL: try #require(start.location), sub: "corp-123")
                let linked = try await browser.get(try #require(URLComponents(string: back)).path + "?" + (URLComponents(string: back)?.percentEncodedQuery ?? ""))
                #expect(linked.location == "/settings")
                let other = browser.fresh()
                #expect(try await other.get(try await signOn(other, provider, sub: "corp-123")).status == .seeOther)
                #expect(try await other.get("/settings").text.contains("admin@example.com"))
                // an invited person continues with single sign-on from the invitation page and lands on their program
                let program = try #require(try await browser.json(
                    .post, "/api/v1/programs", ["name": "Spring", "startDate": "2027-01-04", "endDate": "2027-06-30"], token: admin.token).object["id"] as? String)
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(admin.token)"
                headers[.contentType] = "text/csv"
                _ = try await browser.request(.post, "/api/v1/programs/\(program)/imports", headers: headers,
                                              body: "email,name,role\nomar@example.com,Omar,mentee\n")
                try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["everyoneNotJoined": true], token: admin.token)
                let invitation = try #require(try await browser.link(in: "omar@example.com", startingWith: "/invitations/"))
                let omar = browser.fresh()
                let page = try await omar.get(invitation)
                #expect(page.text.contains("Continue with Example SSO"))
                try await provider.defineUser("omar-sub", claims: ["email": "omar@example.com", "email_verified": true])
                let token = String(invitation.dropFirst("/invitations/".count))
                let landed = try await omar.get(try await signOn(omar, provider, sub: "omar-sub", from: "/signin/sso?invitation=\(token)"))
                #expect(landed.location == "/programs/\(program.lowercased())")
                #expect(try await omar.get(invitation).status == .gone, "the invitation is used")
            }
        }
    }

    /// A provider that answers like a compromised or misconfigured one would.
    struct MisbehavingProvider: SignOnProvider {
        let error: OIDCError
        let issuer = "https://login.example.org"
        func start() async throws -> SignOnStart {
            SignOnStart(state: "state-\(error.kind.rawValue)", nonce: "n", codeVerifier: String(repeating: "v", count: 43),
                        authorizationURL: "https://login.example.org/authorize")
        }
        func finish(code: String, codeVerifier: String, expectedNonce: String) async throws -> SignOnIdentity { throw error }
    }

    @Test(arguments: [OIDCError.invalidSignature("kid x"), .expired, .issuedInFuture, .wrongAudience("other"), .nonceMismatch])
    func aTokenTheProviderCheckRefusesIsAPageThatSaysWhy(error: OIDCError) async throws {
        try await withTestApp(.sqlite, configure: { configuration in
            configure("https://login.example.org")(&configuration)
            configuration.signOnProvider = MisbehavingProvider(error: error)
        }) { browser in
            #expect(try await browser.get("/signin/sso").status == .seeOther)
            let page = try await browser.get("/signin/sso/callback?code=c&state=state-\(error.kind.rawValue)")
            #expect(page.status == .badRequest && page.text.contains(Markdown.escapeHTML(error.message)))
            #expect(browser.cookie("ithaca_session") == nil)
        }
    }
}

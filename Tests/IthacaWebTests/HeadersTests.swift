import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Security and caching headers on every kind of response.
@Suite struct HeadersTests {
    @Test(arguments: TestDatabase.all)
    func everyKindOfResponseCarriesTheSecurityHeaders(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            let ada = try await member(browser, "Ada", "ada@example.com")
            let visitor = browser.fresh()
            // when
            let responses: [(String, TestResponse)] = [
                ("page", try await visitor.get("/")),
                ("API answer", try await visitor.json(.get, "/api/v1/me", token: ada.token)),
                ("404 page", try await visitor.get("/no-such-page")),
                ("problem+json", try await visitor.json(.get, "/api/v1/me")),
                ("stylesheet", try await visitor.get("/static/app.css")),
                ("health", try await visitor.get("/healthz")),
            ]
            // then
            for (kind, response) in responses {
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                let directives = Dictionary(
                    csp.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.map { directive in
                        let parts = directive.split(separator: " ", maxSplits: 1).map(String.init)
                        return (parts[0], parts.count > 1 ? parts[1] : "")
                    }, uniquingKeysWith: { first, _ in first })
                #expect(directives["object-src"] == "'none'", "\(kind): \(csp)")
                #expect(directives["base-uri"] == "'none'", "\(kind)")
                #expect(directives["frame-ancestors"] == "'none'", "\(kind)")
                let scripts = directives["script-src"] ?? directives["default-src"] ?? ""
                #expect(!scripts.isEmpty && !scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'"), "\(kind): \(csp)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(kind)")
                #expect(!(response.header("Referrer-Policy") ?? "").isEmpty, "\(kind)")
                #expect(!(response.header("X-Request-Id") ?? "").isEmpty, "\(kind)")
            }
            #expect(responses[2].1.status == .notFound)
            #expect(responses[3].1.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func personalAnswersAreNeverCachedButTheStylesheetIs(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            // when
            let settings = try await browser.get("/settings")
            let home = try await browser.get("/")
            let me = try await browser.json(.get, "/api/v1/me")
            let css = try await browser.get("/static/app.css")
            // then
            #expect(settings.headers[.cacheControl] == "no-store")
            #expect(home.headers[.cacheControl] == "no-store")
            #expect(me.headers[.cacheControl] == "no-store")
            let cssCache = css.headers[.cacheControl] ?? ""
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(cssCache.contains("max-age=") && !cssCache.contains("no-store") && !cssCache.contains("private"), "\(cssCache)")
            #expect(css.headers[.eTag] != nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func eachResponseHasItsOwnRequestId(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let first = try await browser.get("/").header("X-Request-Id")
            let second = try await browser.get("/").header("X-Request-Id")
            #expect(first != nil && first != second)
        }
    }
}

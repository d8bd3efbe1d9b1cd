import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Health, the published API contract, metrics, and what unknown addresses answer.
@Suite struct OperationsTests {
    @Test(arguments: TestDatabase.all)
    func healthSaysOK(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let response = try await browser.get("/healthz")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.object as NSDictionary == ["status": "ok"])
        }
    }

    /// HEAD is answered as GET would be, without the body: uptime checks send HEAD and read a 404 as "down".
    @Test func headAnswersEveryPageAsGetWouldWithoutItsBody() async throws {
        try await withTestApp(.sqlite) { browser in
            for path in ["/", "/healthz", "/signin", "/api/openapi.yaml", "/static/app.css"] {
                let get = try await browser.get(path)
                let head = try await browser.request(.head, path)
                #expect(head.status == .ok, "\(path): \(head.status)")
                #expect(head.body.readableBytes == 0, "\(path)")
                #expect(head.headers[.contentType] != nil && head.headers[.contentType] == get.headers[.contentType], "\(path)")
            }
            // a members-only page sends a signed-out HEAD to sign in, as it does a GET; an unknown address is still 404
            let people = try await browser.request(.head, "/people")
            #expect(people.status == .seeOther && people.headers[.location]?.hasPrefix("/signin") == true, "\(people.status)")
            #expect(try await browser.request(.head, "/no/such/page").status == .notFound)
            #expect(try await browser.request(.head, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test func theServedOpenAPIDocumentIsTheSourceFileByteForByte() async throws {
        // given: Tests/IthacaWebTests/OperationsTests.swift → the repository root
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try Data(contentsOf: root.appendingPathComponent("Sources/IthacaAPI/openapi.yaml"))
        try await withTestApp(.sqlite) { browser in
            // when
            let response = try await browser.get("/api/openapi.yaml")
            // then
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.contains("yaml") == true)
            #expect(Data(response.body.readableBytesView) == source)
        }
    }

    @Test func metricsAreServedInThePrometheusFormat() async throws {
        // Metrics go nowhere until the process bootstraps a backend, as `ithaca serve` does.
        TestMetrics.bootstrap()
        try await withTestApp(.sqlite) { browser in
            // given some traffic
            _ = try await browser.get("/")
            _ = try await browser.get("/healthz")
            _ = try await browser.get("/no-such-page")
            // when
            let response = try await browser.get("/metrics")
            // then
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(response.text.contains("# TYPE "), "\(response.text.prefix(500))")
            // Hummingbird's MetricsMiddleware counts requests as "hb.requests"; Prometheus spells it hb_requests.
            #expect(response.text.contains("# TYPE hb_requests counter"), "\(response.text.prefix(1_000))")
            #expect(response.text.contains("http_server_request_duration"), "\(response.text.prefix(1_000))")
        }
    }

    @Test(arguments: TestDatabase.all)
    func unknownAddressesAre404PagesForBrowsersAndProblemsUnderTheAPI(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // when
            let page = try await browser.get("/no/such/page", headers: [.accept: "text/html"])
            let api = try await browser.get("/api/v1/no-such-thing")
            let person = try await browser.json(.get, "/api/v1/people/not-a-uuid", token: try await member(browser, "Ada", "ada@example.com").token)
            // then
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("find that page"))
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(api.object["status"] as? Int == 404)
            #expect(person.status == .notFound)
            #expect(person.headers[.contentType] == "application/problem+json")
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import IthacaWeb
import NIOConcurrencyHelpers

/// A test client that behaves like a browser: keeps cookies and fills in the CSRF token on form posts.
final class TestBrowser: Sendable {
    let client: any TestClientProtocol
    /// The cookie the CSRF token is read from: `__Host-ithaca_csrf` when the app runs behind HTTPS.
    let csrfCookieName: String
    /// The app's services: background jobs, the outbox.
    let services: AppServices
    private let jar = NIOLockedValueBox<[String: String]>([:])

    init(client: any TestClientProtocol, csrfCookieName: String = "ithaca_csrf", services: AppServices) {
        self.client = client
        self.csrfCookieName = csrfCookieName
        self.services = services
    }

    /// Another browser on the same app, with an empty cookie jar (a second device, or another person).
    func fresh() -> TestBrowser { TestBrowser(client: client, csrfCookieName: csrfCookieName, services: services) }

    var cookies: [String: String] { jar.withLockedValue { $0 } }

    func cookie(_ name: String) -> String? { cookies[name] }

    func setCookie(_ name: String, _ value: String?) { jar.withLockedValue { $0[name] = value } }

    /// The CSRF token a page would embed (the value of the CSRF cookie).
    var csrfToken: String? { cookie(csrfCookieName) }

    @discardableResult
    func request(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil) async throws -> TestResponse {
        var headers = headers
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        if !cookieHeader.isEmpty, headers[.cookie] == nil { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for line in response.headers[values: .setCookie] {
            guard let pair = line.split(separator: ";").first, let eq = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<eq]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[pair.index(after: eq)...])
            let expired = line.lowercased().contains("max-age=0")
            setCookie(name, expired || value.isEmpty ? nil : value)
        }
        return response
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await request(.get, uri, headers: headers)
    }

    /// Posts a urlencoded form, adding the CSRF token unless the test supplies (or removes) one.
    @discardableResult
    func postForm(_ uri: String, _ fields: [String: String], csrf: Bool = true, headers: HTTPFields = [:]) async throws -> TestResponse {
        if csrfToken == nil { _ = try await get("/signin") }
        var fields = fields
        if csrf, fields["csrfToken"] == nil { fields["csrfToken"] = csrfToken }
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await request(.post, uri, headers: headers, body: Self.encode(fields))
    }

    /// Sends JSON to the API, with an optional Bearer token.
    @discardableResult
    func json(_ method: HTTPRequest.Method, _ uri: String, _ body: Any? = nil, token: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        headers[.accept] = "application/json"
        if let token { headers[.authorization] = "Bearer \(token)" }
        let text = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        return try await request(method, uri, headers: headers, body: text)
    }

    /// Signs up through the web form (which also signs in).
    @discardableResult
    func signUp(name: String = "Ada Lovelace", email: String, password: String = "correct horse battery staple") async throws -> TestResponse {
        try await postForm("/signup", ["name": name, "email": email, "password": password])
    }

    @discardableResult
    func signIn(email: String, password: String = "correct horse battery staple", headers: HTTPFields = [:]) async throws -> TestResponse {
        try await postForm("/signin", ["email": email, "password": password], headers: headers)
    }

    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    var location: String? { headers[.location] }
}

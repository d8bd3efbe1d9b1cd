import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A real OpenID provider (oidc-provider-mock, through `tests/support/oidc_provider.py`) on loopback, with an HTTP
/// client that does not follow redirects, to play the browser at its login form.
public struct MockProvider: Sendable {
    public let issuer: String
    public let http: HTTPClient

    /// Sets the claims the mock puts in ID tokens for `sub` (PUT /users/<sub>).
    public func defineUser(_ sub: String, claims: [String: any Sendable]) async throws {
        var request = HTTPClientRequest(url: "\(issuer)/users/\(sub)")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: claims)))
        let response = try await http.execute(request, timeout: .seconds(10))
        guard response.status.code == 204 else { throw TestSetupError("PUT /users/\(sub) answered \(response.status)") }
    }

    /// Submits the mock's login form as a person would ("sub" typed and "Authorize" pressed, or "Deny") and returns
    /// the address it sends the browser back to.
    public func submitLoginForm(authorizationURL: String, sub: String?, deny: Bool = false) async throws -> String {
        let page = try await http.execute(HTTPClientRequest(url: authorizationURL), timeout: .seconds(10))
        let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
        guard page.status.code == 200, html.contains("name=\"sub\"") else {
            throw TestSetupError("the login form answered \(page.status) without a sub field: \(html.prefix(300))")
        }
        var request = HTTPClientRequest(url: authorizationURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: deny ? "action=deny" : "sub=\(sub ?? "")"))
        let response = try await http.execute(request, timeout: .seconds(10))
        guard let location = response.headers.first(name: "Location") else {
            throw TestSetupError("the login form answered \(response.status), not a redirect")
        }
        return location
    }

    /// The query items of the address the login form sent the browser back to.
    public func submitLoginFormQuery(authorizationURL: String, sub: String?, deny: Bool = false) async throws -> [String: String] {
        let location = try await submitLoginForm(authorizationURL: authorizationURL, sub: sub, deny: deny)
        let items = URLComponents(string: location)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// The provider's published key ids.
    public func publishedKeyIDs() async throws -> [String] {
        let response = try await http.execute(HTTPClientRequest(url: "\(issuer)/jwks"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return (json?["keys"] as? [[String: Any]] ?? []).compactMap { $0["kid"] as? String }
    }
}

/// Starts the provider for the duration of `body`, then stops it. Fails (never skips) when python3 or
/// oidc-provider-mock is missing, with the script's own explanation.
public func withMockProvider<T>(userClaims: [String] = [], _ body: (MockProvider) async throws -> T) async throws -> T {
    let script = try await SupportScript.start(
        "oidc_provider.py", ["--port", "0", "--exit-on-stdin-eof", "--max-seconds", "900"] + userClaims.flatMap { ["--user-claims", $0] },
        timeout: .seconds(90))
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
    do {
        let result = try await body(MockProvider(issuer: script.ready, http: http))
        try await http.shutdown()
        await script.stop()
        return result
    } catch {
        try? await http.shutdown()
        await script.stop()
        throw error
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// oidc-provider-mock running on loopback (started through tests/support/oidc_provider.py),
/// plus an HTTP client that does not follow redirects, to play the browser.
struct MockProvider: Sendable {
    let issuer: String
    let http: HTTPClient

    /// Sets the claims the mock puts in ID tokens for `sub` (PUT /users/<sub>).
    func defineUser(_ sub: String, claims: [String: any Sendable]) async throws {
        var request = HTTPClientRequest(url: "\(issuer)/users/\(sub)")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: claims)))
        let response = try await http.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 204, "PUT /users/\(sub) answered \(response.status)")
    }

    /// Submits the mock's login form as a person would ("sub" typed, "Authorize" pressed, or "Deny"),
    /// and returns the query of the redirect back to us.
    func submitLoginForm(authorizationURL: String, sub: String?, deny: Bool = false) async throws -> [String: String] {
        // The form is served at the authorization URL and posts back to it.
        let page = try await http.execute(HTTPClientRequest(url: authorizationURL), timeout: .seconds(10))
        let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
        #expect(page.status.code == 200, "login form answered \(page.status): \(html)")
        #expect(html.contains("name=\"sub\""), "the login form has no sub field")

        var request = HTTPClientRequest(url: authorizationURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = deny ? "action=deny" : "sub=\(sub ?? "")"
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await http.execute(request, timeout: .seconds(10))
        let location = try #require(
            response.headers.first(name: "Location"), "the login form answered \(response.status), not a redirect")
        let items = URLComponents(string: location)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// The provider's published key ids.
    func publishedKeyIDs() async throws -> [String] {
        let response = try await http.execute(HTTPClientRequest(url: "\(issuer)/jwks"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        let keys = json?["keys"] as? [[String: Any]] ?? []
        return keys.compactMap { $0["kid"] as? String }
    }
}

/// Starts the provider for the duration of `body`, then stops it.
/// Fails (never skips) when python3 or oidc-provider-mock is missing, with the script's own explanation.
func withMockProvider<T>(
    userClaims: [String] = [],
    _ body: (MockProvider) async throws -> T
) async throws -> T {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
        ["python3", providerScriptPath(), "--port", "0", "--exit-on-stdin-eof", "--max-seconds", "900"]
        + userClaims.flatMap { ["--user-claims", $0] }
    let stdin = Pipe(), stdout = Pipe()
    let stderrURL = FileManager.default.temporaryDirectory.appendingPathComponent("oidc-provider-\(UUID()).log")
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    let stderr = try FileHandle(forWritingTo: stderrURL)
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr

    let output = Mutex("")
    stdout.fileHandleForReading.readabilityHandler = { handle in
        let chunk = String(decoding: handle.availableData, as: UTF8.self)
        output.withLock { $0 += chunk }
    }
    defer {
        stdout.fileHandleForReading.readabilityHandler = nil
        try? FileManager.default.removeItem(at: stderrURL)
    }
    func stderrText() -> String {
        (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
    }

    try process.run()
    var issuer: String?
    let deadline = Date() + 90
    while issuer == nil {
        let line = output.withLock { text in text.split(separator: "\n").first { $0.hasPrefix("READY ") } }
        if let line {
            issuer = String(line.dropFirst("READY ".count))
        } else if !process.isRunning {
            throw MockProviderError(
                "oidc_provider.py exited with status \(process.terminationStatus) before READY (is python3 with "
                    + "oidc-provider-mock installed?): \(stderrText())")
        } else if Date() > deadline {
            await stop(process, stdin: stdin)
            throw MockProviderError("oidc_provider.py printed no READY within 90 s: \(stderrText())")
        } else {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    let http = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow)
    )
    do {
        let result = try await body(MockProvider(issuer: issuer!, http: http))
        try await http.shutdown()
        await stop(process, stdin: stdin)
        return result
    } catch {
        try? await http.shutdown()
        await stop(process, stdin: stdin)
        throw error
    }
}

/// SIGTERM, then SIGKILL if it lingers.
private func stop(_ process: Process, stdin: Pipe) async {
    try? stdin.fileHandleForWriting.close()
    if process.isRunning { process.terminate() }
    for _ in 0..<100 where process.isRunning {
        try? await Task.sleep(for: .milliseconds(50))
    }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
}

/// tests/support/oidc_provider.py in this package (or $ITHACA_OIDC_PROVIDER_SCRIPT).
private func providerScriptPath() -> String {
    if let path = ProcessInfo.processInfo.environment["ITHACA_OIDC_PROVIDER_SCRIPT"] { return path }
    return URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // IthacaOIDCTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("tests/support/oidc_provider.py").path
}

struct MockProviderError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// An HTTP request to the provider: discovery, JWKS or the token endpoint.
public struct OIDCHTTPRequest: Sendable, Equatable {
    /// The two methods the flow needs.
    public enum Method: String, Sendable { case get = "GET", post = "POST" }
    public var method: Method
    public var url: String
    public var headers: [String: String]
    public var body: Data?

    public init(method: Method, url: String, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// The provider's answer: status and (size-limited) body.
public struct OIDCHTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// The seam between `OIDCClient` and the network, so tests can serve discovery and JWKS from memory.
public protocol OIDCHTTPTransport: Sendable {
    func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse
}

/// `OIDCHTTPTransport` over AsyncHTTPClient, with a timeout and a body-size cap.
public struct AsyncHTTPClientTransport: OIDCHTTPTransport {
    public let httpClient: HTTPClient
    public let timeout: TimeAmount
    /// Discovery documents and JWKS are a few kilobytes; refuse anything absurd.
    public let maxBodyBytes: Int

    public init(httpClient: HTTPClient, timeout: TimeAmount = .seconds(10), maxBodyBytes: Int = 1 << 20) {
        self.httpClient = httpClient
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }

    public func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method == .get ? .GET : .POST
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await httpClient.execute(outgoing, timeout: timeout)
        let buffer = try await response.body.collect(upTo: maxBodyBytes)
        return OIDCHTTPResponse(status: Int(response.status.code), body: Data(buffer.readableBytesView))
    }
}

import Foundation
import IthacaOIDC
import Synchronization

/// An in-memory provider behind `OIDCHTTPTransport`: discovery and a JWKS the test controls,
/// and a token endpoint that records requests and answers whatever the test set.
final class StaticProvider: OIDCHTTPTransport, Sendable {
    let issuer: String
    private struct State {
        var discoveryIssuer: String
        var authMethods: [String]?
        var jwks: [[String: String]] = []
        var tokenResponse = OIDCHTTPResponse(status: 500, body: Data())
        var requests: [OIDCHTTPRequest] = []
    }
    private let state: Mutex<State>

    init(issuer: String = "https://idp.example.test", discoveryIssuer: String? = nil, authMethods: [String]? = nil) {
        self.issuer = issuer
        state = Mutex(State(discoveryIssuer: discoveryIssuer ?? issuer, authMethods: authMethods))
    }

    func publish(_ keys: [[String: String]]) {
        state.withLock { $0.jwks = keys }
    }

    func answerToken(status: Int, json: [String: String]) {
        let body = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
        state.withLock { $0.tokenResponse = OIDCHTTPResponse(status: status, body: body) }
    }

    var requests: [OIDCHTTPRequest] { state.withLock { $0.requests } }

    func count(of path: String) -> Int {
        requests.filter { $0.url.hasSuffix(path) }.count
    }

    func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse {
        let snapshot = state.withLock { state in
            state.requests.append(request)
            return state
        }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        switch request.url {
        case base + "/.well-known/openid-configuration":
            var document: [String: Any] = [
                "issuer": snapshot.discoveryIssuer,
                "authorization_endpoint": base + "/authorize",
                "token_endpoint": base + "/token",
                "jwks_uri": base + "/jwks",
            ]
            document["token_endpoint_auth_methods_supported"] = snapshot.authMethods
            return OIDCHTTPResponse(status: 200, body: try JSONSerialization.data(withJSONObject: document))
        case base + "/jwks":
            return OIDCHTTPResponse(
                status: 200, body: try JSONSerialization.data(withJSONObject: ["keys": snapshot.jwks]))
        case base + "/token":
            return snapshot.tokenResponse
        default:
            return OIDCHTTPResponse(status: 404, body: Data())
        }
    }
}

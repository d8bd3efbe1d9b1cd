import Foundation

/// The token request of the authorization-code grant (RFC 6749 §4.1.3, RFC 7636 §4.5).
enum OIDCTokenExchange {
    enum ClientAuthentication: Equatable { case basic, post, none }

    /// `client_secret_basic` when allowed (it is the default when the provider lists nothing),
    /// else `client_secret_post`; a client without a secret sends only its id.
    static func authentication(for metadata: OIDCProviderMetadata, settings: OIDCSettings) -> ClientAuthentication {
        guard settings.clientSecret != nil else { return .none }
        let supported = metadata.tokenEndpointAuthMethodsSupported ?? ["client_secret_basic"]
        if supported.contains("client_secret_basic") { return .basic }
        return .post
    }

    /// Exchanges the code and returns the raw `id_token`.
    static func exchange(
        code: String,
        codeVerifier: String,
        metadata: OIDCProviderMetadata,
        settings: OIDCSettings,
        transport: any OIDCHTTPTransport
    ) async throws(OIDCError) -> String {
        var fields = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", settings.redirectURI),
            ("code_verifier", codeVerifier),
        ]
        var headers = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        switch authentication(for: metadata, settings: settings) {
        case .basic:
            // RFC 6749 §2.3.1: id and secret are form-encoded before being joined and base64-encoded.
            let pair = FormEncoding.escape(settings.clientID) + ":" + FormEncoding.escape(settings.clientSecret ?? "")
            headers["Authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
        case .post:
            fields += [("client_id", settings.clientID), ("client_secret", settings.clientSecret ?? "")]
        case .none:
            fields.append(("client_id", settings.clientID))
        }

        let response: OIDCHTTPResponse
        do {
            response = try await transport.send(
                OIDCHTTPRequest(
                    method: .post, url: metadata.tokenEndpoint, headers: headers,
                    body: Data(FormEncoding.encode(fields).utf8)))
        } catch {
            throw .tokenExchangeFailed("POST \(metadata.tokenEndpoint) failed: \(error)")
        }

        guard response.status == 200 else {
            let failure = try? JSONDecoder().decode(ErrorBody.self, from: response.body)
            let detail = "HTTP \(response.status) \(failure?.error ?? "")\(failure?.errorDescription.map { ": \($0)" } ?? "")"
            // invalid_grant: the code is used, expired, revoked, or was issued to another client or redirect URI.
            if failure?.error == "invalid_grant" { throw .providerRejectedCode(detail) }
            throw .tokenExchangeFailed(detail)
        }
        guard let body = try? JSONDecoder().decode(SuccessBody.self, from: response.body) else {
            throw .tokenExchangeFailed("the token response is not JSON")
        }
        guard let idToken = body.idToken, !idToken.isEmpty else {
            throw .tokenExchangeFailed("the token response has no id_token (is the openid scope granted?)")
        }
        return idToken
    }

    private struct SuccessBody: Decodable {
        let idToken: String?
        enum CodingKeys: String, CodingKey { case idToken = "id_token" }
    }

    private struct ErrorBody: Decodable {
        let error: String
        let errorDescription: String?
        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }
}

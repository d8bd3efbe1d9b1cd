import Foundation

/// The parts of a provider's discovery document (OpenID Connect Discovery §3) this client uses.
public struct OIDCProviderMetadata: Codable, Sendable, Equatable {
    public let issuer: String
    public let authorizationEndpoint: String
    public let tokenEndpoint: String
    public let jwksURI: String
    public let userinfoEndpoint: String?
    public let tokenEndpointAuthMethodsSupported: [String]?
    public let idTokenSigningAlgValuesSupported: [String]?
    public let codeChallengeMethodsSupported: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case userinfoEndpoint = "userinfo_endpoint"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
    }

    public init(
        issuer: String,
        authorizationEndpoint: String,
        tokenEndpoint: String,
        jwksURI: String,
        userinfoEndpoint: String? = nil,
        tokenEndpointAuthMethodsSupported: [String]? = nil,
        idTokenSigningAlgValuesSupported: [String]? = nil,
        codeChallengeMethodsSupported: [String]? = nil
    ) {
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.jwksURI = jwksURI
        self.userinfoEndpoint = userinfoEndpoint
        self.tokenEndpointAuthMethodsSupported = tokenEndpointAuthMethodsSupported
        self.idTokenSigningAlgValuesSupported = idTokenSigningAlgValuesSupported
        self.codeChallengeMethodsSupported = codeChallengeMethodsSupported
    }

    /// Decodes and checks a discovery document against the configured issuer.
    static func validated(from body: Data, settings: OIDCSettings) throws(OIDCError) -> OIDCProviderMetadata {
        let metadata: OIDCProviderMetadata
        do {
            metadata = try JSONDecoder().decode(OIDCProviderMetadata.self, from: body)
        } catch {
            throw .discoveryFailed("the discovery document is not valid JSON with issuer and endpoints: \(error)")
        }
        // Discovery §4.3: the document must name the issuer we asked, or someone is impersonating it.
        guard OIDCSettings.normalizedIssuer(metadata.issuer) == OIDCSettings.normalizedIssuer(settings.issuer) else {
            throw .discoveryFailed("the discovery document names issuer \"\(metadata.issuer)\", not \"\(settings.issuer)\"")
        }
        for (name, url) in [
            ("authorization_endpoint", metadata.authorizationEndpoint),
            ("token_endpoint", metadata.tokenEndpoint), ("jwks_uri", metadata.jwksURI),
        ] {
            // Plain http only on loopback, as for the issuer: the token request carries the client secret.
            guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
                let scheme = components.scheme?.lowercased(),
                scheme == "https" || (scheme == "http" && OIDCSettings.isLoopback(host: host))
            else {
                throw .discoveryFailed("\(name) \"\(url)\" is not an absolute https URL")
            }
        }
        return metadata
    }
}

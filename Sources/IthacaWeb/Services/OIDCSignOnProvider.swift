import AsyncHTTPClient
import Foundation
import IthacaOIDC

/// The live single sign-on provider: IthacaOIDC's relying party (discovery, PKCE, token exchange, ID-token checks)
/// over the process-wide HTTP client.
struct OIDCSignOnProvider: SignOnProvider {
    let client: OIDCClient

    init(settings: OIDCSettings) {
        self.client = OIDCClient(settings: settings, httpClient: HTTPClient.shared)
    }

    var issuer: String { client.settings.issuer }

    func start() async throws -> SignOnStart {
        let start = try await client.start()
        return SignOnStart(state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier, authorizationURL: start.authorizationURL)
    }

    func finish(code: String, codeVerifier: String, expectedNonce: String) async throws -> SignOnIdentity {
        let identity = try await client.finish(code: code, codeVerifier: codeVerifier, expectedNonce: expectedNonce)
        return SignOnIdentity(
            issuer: issuer, subject: identity.subject, email: identity.email, emailVerified: identity.emailVerified, name: identity.name)
    }
}

extension SingleSignOnConfiguration {
    /// The relying party's settings; throws a one-sentence error for a bad issuer, client id or redirect address.
    func settings(redirectURI: String) throws -> OIDCSettings {
        try OIDCSettings(issuer: issuer, clientID: clientId, clientSecret: clientSecret, redirectURI: redirectURI, displayName: displayName)
    }

    /// Checks the configuration at start-up, so a mistake stops the server with one clear line.
    public func validate(publicBase configuration: AppConfiguration) throws {
        _ = try settings(redirectURI: configuration.absoluteURL(SiteRoute.singleSignOnCallback))
    }
}

/// Why a sign-on failed, for the page that says so.
enum SignOnErrors {
    static func message(_ error: any Error, provider: String) -> String {
        if let error = error as? OIDCError { return error.message }
        return "\(provider) could not be reached to finish signing you in. Please try again in a moment."
    }
}

import AsyncHTTPClient
import Foundation

/// The relying party for one OpenID provider: starts sign-ins and turns callbacks into verified identities.
public final class OIDCClient: Sendable {
    public let settings: OIDCSettings
    private let transport: any OIDCHTTPTransport
    private let clock: @Sendable () -> Date
    private let cache: OIDCProviderCache

    /// A client that talks to the provider with `httpClient` (owned and shut down by the caller).
    public convenience init(
        settings: OIDCSettings,
        httpClient: HTTPClient,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.init(settings: settings, transport: AsyncHTTPClientTransport(httpClient: httpClient), clock: clock)
    }

    /// A client over any transport (tests serve discovery and keys from memory this way).
    public init(
        settings: OIDCSettings,
        transport: any OIDCHTTPTransport,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.settings = settings
        self.transport = transport
        self.clock = clock
        self.cache = OIDCProviderCache(settings: settings, transport: transport, clock: clock)
    }

    /// The provider's discovery document (fetched once, then cached); useful as a start-up health check.
    public func providerMetadata() async throws(OIDCError) -> OIDCProviderMetadata {
        try await cache.providerMetadata()
    }

    /// Begins a sign-in: store `state` (or its digest), `nonce` and `codeVerifier`, then redirect to `authorizationURL`.
    public func start() async throws(OIDCError) -> OIDCLoginStart {
        let metadata = try await cache.providerMetadata()
        return OIDCLoginStart(authorizationEndpoint: metadata.authorizationEndpoint, settings: settings)
    }

    /// Completes a sign-in: exchanges `code` at the token endpoint and verifies the returned ID token.
    /// The caller must already have matched the callback's `state` to a stored attempt.
    public func finish(code: String, codeVerifier: String, expectedNonce: String) async throws(OIDCError) -> OIDCIdentity {
        let metadata = try await cache.providerMetadata()
        let idToken = try await OIDCTokenExchange.exchange(
            code: code,
            codeVerifier: codeVerifier,
            metadata: metadata,
            settings: settings,
            transport: transport
        )
        return try await verifyIDToken(idToken, expectedNonce: expectedNonce)
    }

    /// Verifies an ID token's signature against the provider's JWKS and its claims against our settings.
    public func verifyIDToken(_ token: String, expectedNonce: String) async throws(OIDCError) -> OIDCIdentity {
        let parsed = try OIDCIDToken(token)
        let metadata = try await cache.providerMetadata()
        let alg = parsed.header.alg, kid = parsed.header.kid

        var keySet = try await cache.keys()
        if let kid, !keySet.contains(kid: kid) {
            // Perhaps the provider rotated its keys since we fetched them; look again, at most every so often.
            if let fresh = try await cache.refreshedKeys() { keySet = fresh }
            guard keySet.contains(kid: kid) else {
                throw .invalidSignature("the provider publishes no key with kid \"\(kid)\"")
            }
        }
        var verified = await OIDCSignatureVerifier.verify(
            token, alg: alg, candidates: keySet.candidates(kid: kid, alg: alg))
        if !verified, kid == nil, let fresh = try await cache.refreshedKeys() {
            // Without a kid a rotation cannot be seen from the token, so one (rate-limited) refetch is allowed too.
            verified = await OIDCSignatureVerifier.verify(
                token, alg: alg, candidates: fresh.candidates(kid: nil, alg: alg))
        }
        guard verified else {
            throw .invalidSignature("no published \(alg) key\(kid.map { " with kid \"\($0)\"" } ?? "") verifies the signature")
        }

        let claims = try OIDCIDTokenClaims.decode(parsed.payload)
        return try claims.validate(
            issuer: metadata.issuer,
            clientID: settings.clientID,
            expectedNonce: expectedNonce,
            now: clock(),
            clockSkew: settings.clockSkew
        )
    }

    /// How many times the JWKS has been downloaded (exposed for tests of the refresh rate limit).
    public var keyDownloadCount: Int {
        get async { await cache.keysFetchCount }
    }
}

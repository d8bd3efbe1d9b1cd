import Foundation

/// Cached discovery document and JWKS for one provider, with concurrent fetches coalesced
/// and key refreshes rate-limited.
actor OIDCProviderCache {
    private let settings: OIDCSettings
    private let transport: any OIDCHTTPTransport
    private let clock: @Sendable () -> Date

    private var metadata: OIDCProviderMetadata?
    private var metadataTask: Task<OIDCProviderMetadata, any Error>?
    private var keySet: OIDCKeySet?
    private var keysTask: Task<OIDCKeySet, any Error>?
    private var lastKeysFetchStarted: Date?
    /// How many times the JWKS was requested (for tests of the refresh rate limit).
    private(set) var keysFetchCount = 0

    init(settings: OIDCSettings, transport: any OIDCHTTPTransport, clock: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.transport = transport
        self.clock = clock
    }

    /// The discovery document, fetched once and kept (a failed fetch is retried on the next call).
    func providerMetadata() async throws(OIDCError) -> OIDCProviderMetadata {
        if let metadata { return metadata }
        let task: Task<OIDCProviderMetadata, any Error>
        if let running = metadataTask {
            task = running
        } else {
            task = Task { [settings, transport] in try await Self.fetchMetadata(settings: settings, transport: transport) }
            metadataTask = task
        }
        do {
            let fetched = try await task.value
            metadata = fetched
            metadataTask = nil
            return fetched
        } catch {
            metadataTask = nil
            throw error as? OIDCError ?? .discoveryFailed("\(error)")
        }
    }

    /// The cached JWKS, fetched on first use.
    func keys() async throws(OIDCError) -> OIDCKeySet {
        if let keySet { return keySet }
        return try await fetchKeys()
    }

    /// A fresh JWKS, or nil when the last download started less than `minimumKeyRefreshInterval` ago.
    func refreshedKeys() async throws(OIDCError) -> OIDCKeySet? {
        if keysTask == nil, let last = lastKeysFetchStarted,
            clock().timeIntervalSince(last) < settings.minimumKeyRefreshInterval
        {
            return nil
        }
        return try await fetchKeys()
    }

    private func fetchKeys() async throws(OIDCError) -> OIDCKeySet {
        let task: Task<OIDCKeySet, any Error>
        if let running = keysTask {
            task = running
        } else {
            let jwksURI = try await providerMetadata().jwksURI
            if let running = keysTask {
                task = running  // another caller started while we awaited the metadata
            } else {
                lastKeysFetchStarted = clock()
                keysFetchCount += 1
                task = Task { [transport] in try await Self.fetchKeys(jwksURI: jwksURI, transport: transport) }
                keysTask = task
            }
        }
        do {
            let fetched = try await task.value
            keySet = fetched
            keysTask = nil
            return fetched
        } catch {
            keysTask = nil
            throw error as? OIDCError ?? .keysUnavailable("\(error)")
        }
    }

    private static func fetchMetadata(
        settings: OIDCSettings,
        transport: any OIDCHTTPTransport
    ) async throws -> OIDCProviderMetadata {
        let response: OIDCHTTPResponse
        do {
            response = try await transport.send(
                OIDCHTTPRequest(method: .get, url: settings.discoveryURL, headers: ["Accept": "application/json"]))
        } catch {
            throw OIDCError.discoveryFailed("GET \(settings.discoveryURL) failed: \(error)")
        }
        guard response.status == 200 else {
            throw OIDCError.discoveryFailed("GET \(settings.discoveryURL) answered HTTP \(response.status)")
        }
        return try OIDCProviderMetadata.validated(from: response.body, settings: settings)
    }

    private static func fetchKeys(jwksURI: String, transport: any OIDCHTTPTransport) async throws -> OIDCKeySet {
        let response: OIDCHTTPResponse
        do {
            response = try await transport.send(
                OIDCHTTPRequest(method: .get, url: jwksURI, headers: ["Accept": "application/json"]))
        } catch {
            throw OIDCError.keysUnavailable("GET \(jwksURI) failed: \(error)")
        }
        guard response.status == 200 else {
            throw OIDCError.keysUnavailable("GET \(jwksURI) answered HTTP \(response.status)")
        }
        return try OIDCKeySet(jwksJSON: response.body)
    }
}

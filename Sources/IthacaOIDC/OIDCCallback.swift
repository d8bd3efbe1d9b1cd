/// The query of the provider's redirect back to us, checked for an error and the presence of `code` and `state`.
public struct OIDCCallback: Sendable, Equatable {
    public let code: String
    public let state: String

    /// Reads the callback's `code`, `state`, `error` and `error_description` query parameters.
    /// Throws `.providerDenied` when the provider sent an error, `.stateMismatch` when `state` is missing.
    public init(code: String?, state: String?, error: String?, errorDescription: String? = nil) throws(OIDCError) {
        if let error, !error.isEmpty {
            throw .providerDenied(error + (errorDescription.map { ": \($0)" } ?? ""))
        }
        guard let state, !state.isEmpty else { throw .stateMismatch }
        guard let code, !code.isEmpty else { throw .providerDenied("the callback carries no code") }
        self.code = code
        self.state = state
    }

    /// Whether the callback's `state` is the stored one (compared in constant time); else treat it as `.stateMismatch`.
    public func matches(expectedState: String) -> Bool {
        constantTimeEquals(state, expectedState)
    }

    /// The SHA-256 hex digest of `state`, for looking up an attempt stored by digest.
    public var stateDigest: String { OIDCLoginStart.stateDigest(state) }
}

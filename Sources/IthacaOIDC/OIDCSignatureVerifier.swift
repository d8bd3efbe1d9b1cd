import JWTKit

/// Checks a compact JWS signature against candidate JWKs with jwt-kit, trusting nothing else in the token.
enum OIDCSignatureVerifier {
    /// True when one of `candidates` verifies the signature of `token` under `alg`.
    static func verify(_ token: String, alg: String, candidates: [OIDCKeySet.Key]) async -> Bool {
        guard let algorithm = JWK.Algorithm(rawValue: alg) else { return false }
        for candidate in candidates {
            // Pin the key to the header's algorithm (already checked against the allow-list and the key type),
            // and give it a fixed id so jwt-kit uses exactly this key.
            var jwk = candidate.jwk
            jwk.algorithm = algorithm
            jwk.keyIdentifier = JWKIdentifier(string: "candidate")
            let collection = JWTKeyCollection()
            do {
                try await collection.add(jwk: jwk)
                _ = try await collection.verify(token, as: SignatureOnly.self)
                return true
            } catch {
                continue
            }
        }
        return false
    }

    /// A payload that accepts any claims: claims are checked separately, with our clock and our errors.
    private struct SignatureOnly: JWTPayload {
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}

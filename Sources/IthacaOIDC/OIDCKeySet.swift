import Foundation
import JWTKit

/// The provider's published signing keys (its JWKS), parsed leniently: a key we cannot use is skipped, not fatal.
struct OIDCKeySet: Sendable {
    /// One usable verification key and the id the provider gave it.
    struct Key: Sendable {
        let kid: String?
        let jwk: JWK
    }

    let keys: [Key]

    init(keys: [Key]) {
        self.keys = keys
    }

    /// Parses a JWKS document, dropping encryption keys, key types jwt-kit cannot read and any private parts.
    init(jwksJSON data: Data) throws(OIDCError) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw .keysUnavailable("the JWKS is not a JSON object with a \"keys\" array: \(error)")
        }
        self.keys = document.keys.compactMap { entry in
            guard var jwk = entry.jwk, entry.use != "enc" else { return nil }
            // Only the public half is needed; never let a mis-published private key be used.
            jwk.privateExponent = nil
            jwk.prime1 = nil
            jwk.prime2 = nil
            return Key(kid: entry.kid, jwk: jwk)
        }
    }

    /// Whether the provider publishes a key with this id.
    func contains(kid: String) -> Bool {
        keys.contains { $0.kid == kid }
    }

    /// Keys that may have signed a token with this header: same `kid` (any key when the token has none),
    /// a key type and curve that fit `alg`, and no conflicting `alg` on the key.
    func candidates(kid: String?, alg: String) -> [Key] {
        keys.filter { key in
            if let kid, key.kid != kid { return false }
            if let keyAlg = key.jwk.algorithm?.rawValue, keyAlg != alg { return false }
            switch alg.prefix(2) {
            case "RS", "PS":
                return key.jwk.keyType == .rsa
            case "ES":
                let curve = ["ES256": "P-256", "ES384": "P-384", "ES512": "P-521"][alg]
                return key.jwk.keyType == .ecdsa && key.jwk.curve?.rawValue == curve
            default:
                return false
            }
        }
    }

    private struct Document: Decodable {
        let keys: [Entry]
    }

    /// One JWKS entry: `use` and `kid` read directly, the key itself only if jwt-kit understands it.
    private struct Entry: Decodable {
        let use: String?
        let kid: String?
        let jwk: JWK?

        private enum CodingKeys: String, CodingKey { case use, kid }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.use = try? container.decodeIfPresent(String.self, forKey: .use)
            self.kid = try? container.decodeIfPresent(String.self, forKey: .kid)
            self.jwk = try? JWK(from: decoder)
        }
    }
}

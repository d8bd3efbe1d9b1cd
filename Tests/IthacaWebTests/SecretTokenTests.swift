import Crypto
import Foundation
@testable import IthacaWeb
import Testing

/// Secrets and their hashes are written by hand (they run on every request): they must be exactly what Foundation
/// wrote before, or every stored session, token and invitation hash would stop matching.
@Suite struct SecretTokenTests {
    @Test func base64URLIsFoundationsBase64WithURLLettersAndNoPadding() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(SecretToken.base64URL(bytes) == expected, "\(bytes)")
        }
        #expect(SecretToken.base64URL([0xFB, 0xFF, 0xBF]) == "-_-_")
    }

    @Test func hashIsLowerCaseHexSHA256() {
        for secret in ["", "a", "ith_abc", String(repeating: "ž", count: 300)] {
            let expected = SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(SecretToken.hash(secret) == expected)
        }
    }

    @Test func secretsAre32RandomBytesAndDiffer() {
        let secrets = (0..<500).map { _ in SecretToken.make(prefix: "ith_") }
        #expect(Set(secrets).count == 500)
        #expect(secrets.allSatisfy { $0.hasPrefix("ith_") && $0.count == 4 + 43 })
        // Every one of the 64 letters turns up: the bytes are not drawn from a narrow range.
        #expect(Set(secrets.flatMap { $0.dropFirst(4) }).count == 64)
    }
}

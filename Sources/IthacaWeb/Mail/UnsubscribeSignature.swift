import Crypto
import Foundation

/// The signature in a one-click unsubscribe link: HMAC-SHA256 over the person and the kind of email.
enum UnsubscribeSignature {
    static func sign(person: UUID, kind: String, key: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(person.uuidString.lowercased()):\(kind)".utf8), using: SymmetricKey(data: key))
        return SecretToken.base64URL(Array(mac))
    }

    static func verify(person: UUID, kind: String, signature: String, key: [UInt8]) -> Bool {
        constantTimeEquals(sign(person: person, kind: kind, key: key), signature)
    }
}

import Crypto

/// Random secrets for cookies and API tokens, and their stored hashes.
/// Both run on every request (a CSRF token for each page, the hash of each cookie or token), so they are written
/// without Foundation's formatting: `String(format:)` per byte and three `replacingOccurrences` cost more than the
/// health check's database round trip.
enum SecretToken {
    /// 32 random bytes, base64url without padding (cookie- and header-safe).
    static func make(prefix: String = "") -> String {
        // Four 64-bit draws: `UInt8.random` asks the kernel once per byte.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return prefix + base64URL(bytes)
    }

    /// What the database stores: SHA-256, hex. A leaked table cannot be replayed as cookies or tokens.
    static func hash(_ secret: String) -> String {
        let digest = SHA256.hash(data: Array(secret.utf8))
        return String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { out in
            var position = 0
            for byte in digest {
                out[position] = hexDigits[Int(byte >> 4)]
                out[position + 1] = hexDigits[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// RFC 4648 §5: `-` and `_` instead of `+` and `/`, no `=` padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: (bytes.count * 4 + 2) / 3) { out in
            var position = 0
            var index = 0
            while index < bytes.count {
                let remaining = bytes.count - index
                let chunk = UInt32(bytes[index]) << 16
                    | (remaining > 1 ? UInt32(bytes[index + 1]) << 8 : 0)
                    | (remaining > 2 ? UInt32(bytes[index + 2]) : 0)
                for sextet in 0..<min(4, remaining + 1) {
                    out[position] = base64URLDigits[Int((chunk >> (18 - 6 * UInt32(sextet))) & 0x3F)]
                    position += 1
                }
                index += 3
            }
            return position
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let base64URLDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
}

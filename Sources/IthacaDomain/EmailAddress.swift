import Foundation

/// Cleans up and checks email addresses as people type them.
public enum EmailAddress {
    /// The longest address mail systems accept (RFC 5321 path limit, in bytes).
    public static let maximumLength = 254

    /// The address trimmed and lowercased, or a validation error for `field` if it doesn't look like an email address.
    public static func normalized(_ raw: String, field: String = "email") throws(IthacaError) -> String {
        let address = asciiTrimmedLowercased(raw) ?? raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if address.isEmpty {
            throw .invalid(field, "Enter your email address.")
        }
        if address.utf8.count > maximumLength {
            throw .invalid(field, "That email address is too long. Use one with at most \(maximumLength) characters.")
        }
        guard isPlausible(address) else {
            throw .invalid(field, "Enter an email address like name@example.com.")
        }
        return address
    }

    // Deliberately loose: the only real test of an address is sending mail to it,
    // so this catches typos without refusing unusual but valid addresses.
    private static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0]
        let domain = parts[1]
        guard !local.isEmpty, domain.contains(".") else { return false }
        guard !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return false }
        if address.utf8.allSatisfy({ $0 < 0x80 }) { return address.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F } }
        return address.unicodeScalars.allSatisfy { !forbidden.contains($0) }
    }

    /// The common case done on bytes (imports check 100,000 addresses): nil unless `raw` is all ASCII. Trims what
    /// Foundation's whitespacesAndNewlines holds in ASCII (tab to carriage return, space).
    private static func asciiTrimmedLowercased(_ raw: String) -> String? {
        let bytes = Array(raw.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last].map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    // Built once: building the set cost more than the rest of the check.
    private static let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
}

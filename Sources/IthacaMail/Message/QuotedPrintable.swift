import Foundation

/// Quoted-printable body encoding (RFC 2045 §6.7) of UTF-8 text, with CRLF line ends.
///
/// Chosen for text and HTML because mostly-ASCII mail stays readable in the raw source
/// while any byte survives 7-bit transports. Encoded lines are at most 76 characters.
enum QuotedPrintable {
    static let maximumLineLength = 76

    static func encode(_ text: String) -> String {
        // Any of CRLF, CR or LF ends a line; the output uses CRLF only.
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalised.split(separator: "\n", omittingEmptySubsequences: false)
            .map { encodeLine(Array($0.utf8)) }
            .joined(separator: "\r\n")
    }

    /// One logical line, split with soft breaks ("=" at line end) so no piece exceeds 76.
    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let token = tokenFor(byte, isLast: isLast, atLineStart: index == 0, next: bytes[safe: index + 1])
            // Keep room for the "=" of a soft break, except where this token ends the line.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if current.utf8.count + token.utf8.count > limit {
                lines.append(current + "=")
                current = ""
            }
            current += token
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    private static func tokenFor(_ byte: UInt8, isLast: Bool, atLineStart: Bool, next: UInt8?) -> String {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            // Trailing whitespace is stripped by some transports, so it is encoded.
            return isLast ? escape(byte) : String(UnicodeScalar(byte))
        case UInt8(ascii: "="):
            return escape(byte)
        case UInt8(ascii: "F") where atLineStart && next == UInt8(ascii: "r"):
            // "From " at a line start gets ">" added by some mbox-based servers.
            return escape(byte)
        case 33...126:
            return String(UnicodeScalar(byte))
        default:
            return escape(byte)
        }
    }

    private static func escape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

import Foundation

/// Writes header fields that any reader parses back exactly: RFC 2047 encoded-words for
/// non-ASCII text, quoting for display names, and folding so lines stay within 78 characters
/// where there is a space to fold at (and always within 998).
enum HeaderEncoding {
    static let preferredLineLength = 78
    static let maximumLineLength = 998
    /// UTF-8 bytes per encoded-word: 36 bytes make 48 base64 characters, 60 with the
    /// `=?UTF-8?B?` … `?=` wrapper, which fits after "Subject: " on the first line.
    static let encodedWordBytes = 36

    /// "Name: value" for unstructured text such as Subject. `protectMarkers` also encodes
    /// ASCII text containing "=?", which a reader would otherwise try to decode.
    static func unstructured(name: String, value: String, protectMarkers: Bool) -> String {
        fold(name: name, tokens: textTokens(value, protectMarkers: protectMarkers))
    }

    /// "To: Ada <ada@example.org>, =?UTF-8?B?…?= <bo@example.org>"
    static func mailboxes(name: String, _ addresses: [MailAddress]) -> String {
        var tokens: [String] = []
        for (index, address) in addresses.enumerated() {
            var mailbox: [String]
            if let displayName = address.name, !displayName.isEmpty {
                mailbox = phraseTokens(displayName) + ["<\(address.address)>"]
            } else {
                mailbox = [address.address]
            }
            if index < addresses.count - 1 { mailbox[mailbox.count - 1] += "," }
            tokens += mailbox
        }
        return fold(name: name, tokens: tokens)
    }

    /// True when the header can be written without breaking the 998-character limit.
    static func fitsInLine(name: String, value: String) -> Bool {
        !value.allSatisfy(\.isASCII)
            || value.split(separator: " ").allSatisfy { name.utf8.count + 2 + $0.utf8.count <= maximumLineLength }
    }

    // MARK: - Tokens

    /// Words of unstructured text, or encoded-words when the text is not plain ASCII.
    private static func textTokens(_ text: String, protectMarkers: Bool) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let tooLong = words.contains { $0.utf8.count > maximumLineLength - 100 }
        if text.allSatisfy(\.isASCII) && !tooLong && !(protectMarkers && text.contains("=?")) {
            return text.isEmpty ? [] : words
        }
        return encodedWords(text)
    }

    /// A display name as atoms, a quoted string, or encoded-words.
    private static func phraseTokens(_ name: String) -> [String] {
        let atomCharacters = Set("!#$%&'*+-/=?^_`{|}~")
        let isAtomText = name.allSatisfy { $0 == " " || ($0.isASCII && ($0.isLetter || $0.isNumber || atomCharacters.contains($0))) }
        let tooLong = name.split(separator: " ").contains { $0.utf8.count > maximumLineLength - 100 }
        if !name.allSatisfy(\.isASCII) || name.contains("=?") || tooLong {
            return encodedWords(name)
        }
        if isAtomText && !name.contains("  ") {
            return name.split(separator: " ").map(String.init)
        }
        // Quoted string; folding at its spaces is allowed and unfolds back to the same text.
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ("\"" + escaped + "\"").split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    }

    /// `=?UTF-8?B?…?=` words of at most `encodedWordBytes` bytes each, never splitting a
    /// character (unless one character alone is larger, then between its scalars).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
            chunk = []
        }
        for character in text {
            let pieces = character.utf8.count <= encodedWordBytes
                ? [Array(character.utf8)] : character.unicodeScalars.map { Array(String($0).utf8) }
            for piece in pieces {
                if chunk.count + piece.count > encodedWordBytes { flush() }
                chunk += piece
            }
        }
        flush()
        return words
    }

    // MARK: - Folding

    /// Joins tokens with single spaces, starting a new line (CRLF + space) before a token
    /// that would pass 78 characters. Never folds right after "Name:" or before an empty token,
    /// which would leave a line of only whitespace.
    static func fold(name: String, tokens: [String]) -> String {
        var output = name + ":"
        var lineLength = output.utf8.count
        let minimumLength = lineLength
        for token in tokens {
            let width = 1 + token.utf8.count
            if lineLength + width > preferredLineLength && lineLength > minimumLength && !token.isEmpty {
                output += "\r\n " + token
                lineLength = width
            } else {
                output += " " + token
                lineLength += width
            }
        }
        return output + "\r\n"
    }
}

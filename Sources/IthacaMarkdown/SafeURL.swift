/// Decides whether a URL from user Markdown may become an `href` or `src`.
///
/// The check runs on the URL exactly as a browser will see it once the attribute is decoded:
/// entities decoded, control characters and line breaks removed, surrounding spaces trimmed.
/// What is checked is what is written out, re-escaped, so no obfuscation can differ between the two.
enum SafeURL {
    static let linkSchemes: Set<String> = ["http", "https", "mailto"]
    static let imageSchemes: Set<String> = ["https"]

    /// The URL to write into the attribute (before attribute escaping), or nil if it must be dropped.
    static func sanitise(_ raw: String, schemes: Set<String>, allowRelative: Bool) -> String? {
        let url = clean(Entities.decode(raw))
        guard !url.isEmpty, url.utf8.count <= 2_048, isAllowed(url, schemes: schemes, allowRelative: allowRelative)
        else { return nil }

        // Double-encoded tricks are literal text to a browser, but refuse them anyway: nothing legitimate needs them.
        var decoded = url
        for _ in 0..<3 {
            let again = clean(Entities.decode(decoded))
            guard again != decoded else { break }
            guard isAllowed(again, schemes: schemes, allowRelative: allowRelative) else { return nil }
            decoded = again
        }
        return url
    }

    /// Spaces, quotes and angle brackets written as `%20`, `%22`, … (as a browser would send them anyway),
    /// so an attribute value never reads like markup.
    static func percentEncodingDelimiters(_ url: String) -> String {
        var result = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ", "\"", "'", "<", ">", "`": result += "%" + String(scalar.value, radix: 16, uppercase: true)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Browsers strip leading and trailing C0 controls and spaces, and remove tabs and line breaks anywhere.
    private static func clean(_ url: String) -> String {
        let kept = url.unicodeScalars.filter { $0.value > 0x1F && $0.value != 0x7F }
        let trimmed = kept.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()
        return String(String.UnicodeScalarView(trimmed))
    }

    private static func isAllowed(_ url: String, schemes: Set<String>, allowRelative: Bool) -> Bool {
        let scalars = Array(url.unicodeScalars)
        let colon = scalars.firstIndex(of: ":")
        let delimiter = scalars.firstIndex(where: { "/?#\\".unicodeScalars.contains($0) })

        if let colon, delimiter.map({ colon < $0 }) ?? true {
            // Anything before the first `:` (that is not inside a path) is read as a scheme: it must be a known one.
            let scheme = String(String.UnicodeScalarView(scalars[..<colon])).lowercased()
            return schemes.contains(scheme)
        }
        return allowRelative
    }
}

/// Decodes character references the way a browser does inside an attribute value.
enum Entities {
    /// Named references that can spell out punctuation in a URL; others stay as they are (and so stay literal
    /// once the result is re-escaped).
    private static let named: [String: String] = [
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">", "quot": "\"", "QUOT": "\"",
        "apos": "'", "nbsp": "\u{A0}", "colon": ":", "Tab": "\t", "NewLine": "\n", "sol": "/", "bsol": "\\",
        "lpar": "(", "rpar": ")", "period": ".", "comma": ",", "excl": "!", "num": "#", "percnt": "%",
        "semi": ";", "equals": "=", "quest": "?", "commat": "@", "lowbar": "_", "plus": "+", "ast": "*",
        "midast": "*", "dollar": "$", "grave": "`", "Hat": "^", "verbar": "|", "vert": "|", "lsqb": "[",
        "lbrack": "[", "rsqb": "]", "rbrack": "]", "lcub": "{", "lbrace": "{", "rcub": "}", "rbrace": "}",
        "hyphen": "\u{2010}", "dash": "\u{2010}", "ZeroWidthSpace": "\u{200B}",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0

        while index < scalars.count {
            guard scalars[index] == "&", let (replacement, end) = reference(in: scalars, at: index) else {
                result.append(scalars[index])
                index += 1
                continue
            }
            result.append(contentsOf: replacement.unicodeScalars)
            index = end
        }
        return String(result)
    }

    /// The decoded text and the index after the reference starting at `start` (an `&`).
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var cursor = start + 1
        guard cursor < scalars.count else { return nil }

        if scalars[cursor] == "#" {
            cursor += 1
            let isHex = cursor < scalars.count && (scalars[cursor] == "x" || scalars[cursor] == "X")
            if isHex { cursor += 1 }
            let digitsStart = cursor
            var value: UInt32 = 0
            while cursor < scalars.count, let digit = digitValue(scalars[cursor], hex: isHex) {
                value = min(value &* (isHex ? 16 : 10) &+ digit, 0x11_0000)
                cursor += 1
            }
            guard cursor > digitsStart else { return nil }
            if cursor < scalars.count, scalars[cursor] == ";" { cursor += 1 }
            let scalar = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
            return (String(Character(scalar)), cursor)
        }

        let nameStart = cursor
        while cursor < scalars.count, scalars[cursor].isASCII, scalars[cursor].properties.isAlphabetic || ("0"..."9").contains(scalars[cursor]) {
            cursor += 1
        }
        guard cursor < scalars.count, scalars[cursor] == ";" else { return nil }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<cursor]))
        guard let replacement = named[name] else { return nil }
        return (replacement, cursor + 1)
    }

    private static func digitValue(_ scalar: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f" where hex: scalar.value - 0x61 + 10
        case "A"..."F" where hex: scalar.value - 0x41 + 10
        default: nil
        }
    }
}

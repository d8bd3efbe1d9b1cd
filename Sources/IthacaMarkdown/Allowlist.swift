/// The last line of defence: lets through only the tags and attributes the renderer itself produces.
///
/// By this point every `<` in the HTML was written by Ink or by `Rewriter`, so a tag that does not parse
/// or is not on the list can only be a bug; it is shown as text rather than trusted.
enum Allowlist {
    static let tags: [String: Set<String>] = [
        "p": [], "br": [], "hr": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
        "em": [], "strong": [], "s": [], "code": ["class"], "pre": [], "blockquote": [],
        "ul": [], "ol": ["start"], "li": [],
        "table": [], "thead": [], "tbody": [], "tr": [], "th": ["align"], "td": ["align"],
        "a": ["href", "rel"], "img": ["src", "alt", "loading"],
    ]

    static func filter(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        var index = 0

        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                if let end = allowedTag(in: bytes, at: index) {
                    output += bytes[index..<end]
                    index = end
                    continue
                }
                output += "&lt;".utf8
            case UInt8(ascii: ">"):
                output += "&gt;".utf8
            default:
                output.append(bytes[index])
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The index just past an allowed tag starting at `start`, or nil.
    private static func allowedTag(in bytes: [UInt8], at start: Int) -> Int? {
        var cursor = start + 1
        func peek() -> UInt8? { cursor < bytes.count ? bytes[cursor] : nil }
        func isNameByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }

        let isClosing = peek() == UInt8(ascii: "/")
        if isClosing { cursor += 1 }
        let nameStart = cursor
        while let byte = peek(), isNameByte(byte) { cursor += 1 }
        let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
        guard let allowedAttributes = tags[name] else { return nil }

        var attributes: [(String, String)] = []
        while true {
            guard let byte = peek() else { return nil }
            if byte == UInt8(ascii: ">") { cursor += 1; break }
            if byte == UInt8(ascii: "/"), !isClosing, cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: ">") {
                cursor += 2
                break
            }
            guard byte == UInt8(ascii: " "), !isClosing else { return nil }
            cursor += 1
            let attributeStart = cursor
            while let byte = peek(), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { cursor += 1 }
            let attribute = String(decoding: bytes[attributeStart..<cursor], as: UTF8.self)
            guard allowedAttributes.contains(attribute), peek() == UInt8(ascii: "=") else { return nil }
            cursor += 1
            guard peek() == UInt8(ascii: "\"") else { return nil }
            cursor += 1
            let valueStart = cursor
            while let byte = peek(), byte != UInt8(ascii: "\"") {
                guard byte != UInt8(ascii: "<"), byte != UInt8(ascii: ">") else { return nil }
                cursor += 1
            }
            guard peek() == UInt8(ascii: "\"") else { return nil }
            attributes.append((attribute, String(decoding: bytes[valueStart..<cursor], as: UTF8.self)))
            cursor += 1
        }

        for (attribute, value) in attributes {
            switch (name, attribute) {
            case ("a", "href"):
                guard SafeURL.sanitise(value, schemes: SafeURL.linkSchemes, allowRelative: true) != nil else { return nil }
            case ("img", "src"):
                guard SafeURL.sanitise(value, schemes: SafeURL.imageSchemes, allowRelative: false) != nil else { return nil }
            case ("a", "rel"):
                guard value == Rewriter.linkRel else { return nil }
            default:
                break
            }
        }
        return cursor
    }
}

/// Small helpers over HTML text that Ink produced (every `<` starts a tag written by the renderer).
enum HTMLText {
    /// Text with every tag removed; entities stay as they are.
    static func stripTags(_ html: String) -> String {
        var result = String.UnicodeScalarView()
        var inTag = false
        for scalar in html.unicodeScalars {
            switch scalar {
            case "<": inTag = true
            case ">" where inTag: inTag = false
            default: if !inTag { result.append(scalar) }
            }
        }
        return String(result)
    }

    /// Removes `<a …>` and `</a>` so a link inside a link's text does not nest anchors.
    static func removeAnchors(_ html: String) -> String {
        var result = ""
        var rest = Substring(html)
        while let open = [rest.firstRange(of: "<a "), rest.firstRange(of: "</a>")].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) {
            result += rest[..<open.lowerBound]
            rest = rest[open.lowerBound...]
            guard let close = rest.firstIndex(of: ">") else { return result }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Escapes plain text for an element's content.
    static func escapeText(_ text: String) -> String {
        escape(text, ampersand: true)
    }

    /// Escapes a decoded value for a double-quoted attribute.
    static func escapeAttribute(_ value: String) -> String {
        escape(value, ampersand: true)
    }

    /// Escapes text that is already HTML (entities intact) for a double-quoted attribute.
    static func escapeAttributeKeepingEntities(_ html: String) -> String {
        escape(html, ampersand: false)
    }

    private static func escape(_ value: String, ampersand: Bool) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&" where ampersand: result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

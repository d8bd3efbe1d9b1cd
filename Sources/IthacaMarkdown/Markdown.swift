import Ink

/// Markdown written by people (bios, questions, answers), rendered to HTML that is safe to embed in a page.
///
/// Ink passes raw HTML through and copies link and image URLs verbatim, so rendering happens in three steps:
/// 1. `Neutraliser` replaces every `<`, `"`, stray `&` and (outside blockquote markers) `>` in the source with
///    private-use placeholders, so Ink never sees markup, yet code spans still show `<tag>` literally.
/// 2. Ink renders, with modifiers that rebuild every link, image and code block from parts whose boundaries are
///    unambiguous (no placeholder-free `"` can occur inside them).
/// 3. `Emphasis` pairs `*` and `_` as CommonMark does (Ink's own pairing is looser), placeholders become entities,
///    then `Allowlist` lets through only the tags and attributes Ink emits.
public enum Markdown {
    /// The longest source rendered; the rest is cut off so a hostile text cannot make rendering slow.
    public static let maximumLength = 20_000

    /// Renders user Markdown to HTML that is safe to embed: no raw HTML, only safe links.
    ///
    /// Links keep only `http:`, `https:`, `mailto:` and relative targets and carry `rel="nofollow ugc noopener"`;
    /// any other link becomes its plain text. Images keep only `https:` sources; others become their alt text.
    public static func safeHTML(_ source: String) -> String {
        let prepared = Neutraliser.prepare(String(source.prefix(maximumLength)))
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .links) { Rewriter.link($0.html) },
            Modifier(target: .images) { Rewriter.image($0.html) },
            Modifier(target: .codeBlocks) { Rewriter.codeBlock($0.html) },
        ])
        let rendered = parser.html(from: prepared)
        // Reference links can repeat one long URL many times; past this size, show the text without markup.
        guard rendered.utf8.count <= maximumOutputLength else { return plainParagraphs(prepared) }
        return Allowlist.filter(Placeholder.toEntities(Emphasis.apply(rendered)))
    }

    /// Rendered HTML larger than this is replaced by plain paragraphs.
    public static let maximumOutputLength = 250_000

    /// Plain text escaped for HTML content or a double-quoted attribute (&, <, >, " and ').
    public static func escapeHTML(_ text: String) -> String {
        HTMLText.escapeText(text)
    }

    /// The source as escaped paragraphs, for text that would render too large.
    static func plainParagraphs(_ prepared: String) -> String {
        let text = HTMLText.escapeText(Placeholder.toCharacters(prepared))
        return text.split(separator: "\n\n").map { "<p>\($0)</p>" }.joined()
    }
}

/// Private-use characters standing in for the characters that could form markup, while Ink renders.
enum Placeholder {
    static let lessThan: Unicode.Scalar = "\u{E000}"
    static let ampersand: Unicode.Scalar = "\u{E001}"
    static let quote: Unicode.Scalar = "\u{E002}"
    static let greaterThan: Unicode.Scalar = "\u{E003}"
    static let openBracket: Unicode.Scalar = "\u{E004}"
    static let pipe: Unicode.Scalar = "\u{E005}"
    static let exclamationMark: Unicode.Scalar = "\u{E006}"
    /// `*` and `_` that may be emphasis, kept from Ink and paired by `Emphasis`.
    static let asterisk: Unicode.Scalar = "\u{E007}"
    static let underscore: Unicode.Scalar = "\u{E008}"
    /// `\*` and `\_`: always the character itself (with its backslash inside code).
    static let escapedAsterisk: Unicode.Scalar = "\u{E009}"
    static let escapedUnderscore: Unicode.Scalar = "\u{E00A}"

    /// Input may not contain these itself, or it could forge a placeholder.
    static func isReserved(_ scalar: Unicode.Scalar) -> Bool {
        (0xE000...0xE00F).contains(scalar.value)
    }

    /// For rendered HTML: each placeholder becomes the entity that displays the original character.
    static func toEntities(_ html: String) -> String {
        map(html) { scalar in
            switch scalar {
            case lessThan: "&lt;"
            case ampersand: "&amp;"
            case quote: "&quot;"
            case greaterThan: "&gt;"
            case openBracket: "["
            case pipe: "|"
            case exclamationMark: "!"
            case asterisk, escapedAsterisk: "*"
            case underscore, escapedUnderscore: "_"
            default: nil
            }
        }
    }

    /// For URLs taken out of rendered HTML: each placeholder becomes the original character.
    static func toCharacters(_ text: String) -> String {
        map(text) { scalar in
            switch scalar {
            case lessThan: "<"
            case ampersand: "&"
            case quote: "\""
            case greaterThan: ">"
            case openBracket: "["
            case pipe: "|"
            case exclamationMark: "!"
            case asterisk, escapedAsterisk: "*"
            case underscore, escapedUnderscore: "_"
            default: nil
            }
        }
    }

    private static func map(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) {
                result += replaced
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

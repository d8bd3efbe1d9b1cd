/// Rebuilds the HTML Ink made for links, images and code blocks, keeping only safe targets.
///
/// Ink writes `<a href="URL">TEXT</a>`, `<img src="URL" alt="TEXT"/>` and
/// `<pre><code class="language-NAME">`. Because the source had every `"` replaced by a placeholder,
/// the first `"` after `href="` (or `src="`) is where the URL ends.
enum Rewriter {
    static let linkRel = "nofollow ugc noopener"

    static func link(_ html: String) -> String {
        guard let rest = html.utf8.dropPrefix("<a href=\""),
              let quote = rest.firstIndex(of: UInt8(ascii: "\"")),
              let body = rest[quote...].dropPrefix("\">"),
              let text = body.dropSuffix("</a>")
        else { return HTMLText.stripTags(html) }

        let label = HTMLText.removeAnchors(String(decoding: text, as: UTF8.self))
        let rawURL = destination(String(decoding: rest[..<quote], as: UTF8.self))
        guard let url = SafeURL.sanitise(rawURL, schemes: SafeURL.linkSchemes, allowRelative: true)
        else { return label }
        return "<a href=\"\(HTMLText.escapeAttribute(SafeURL.percentEncodingDelimiters(url)))\" rel=\"\(linkRel)\">\(label)</a>"
    }

    static func image(_ html: String) -> String {
        guard let rest = html.utf8.dropPrefix("<img src=\""),
              let quote = rest.firstIndex(of: UInt8(ascii: "\""))
        else { return HTMLText.stripTags(html) }

        let tail = rest[rest.index(after: quote)...]
        let altHTML: String
        if tail.elementsEqual("/>".utf8) {
            altHTML = ""
        } else if let inner = tail.dropPrefix(" alt=\"")?.dropSuffix("\"/>") {
            altHTML = String(decoding: inner, as: UTF8.self)
        } else {
            return HTMLText.stripTags(html)
        }

        let altText = HTMLText.stripTags(altHTML)
        let rawURL = destination(String(decoding: rest[..<quote], as: UTF8.self))
        guard let url = SafeURL.sanitise(rawURL, schemes: SafeURL.imageSchemes, allowRelative: false)
        else { return altText }
        let alt = HTMLText.escapeAttributeKeepingEntities(altText)
        return "<img src=\"\(HTMLText.escapeAttribute(SafeURL.percentEncodingDelimiters(url)))\" alt=\"\(alt)\" loading=\"lazy\">"
    }

    /// The URL as written: up to the first space, as in CommonMark, which also drops a Markdown title
    /// (`(url "title")`) that Ink would keep as part of the URL. Tabs are removed later, as browsers do.
    private static func destination(_ inkURL: String) -> String {
        let url = Placeholder.toCharacters(inkURL).drop(while: { $0 == " " })
        return String(url.prefix(while: { $0 != " " }))
    }

    /// The language name becomes a plain class token, whatever the fence line said.
    static func codeBlock(_ html: String) -> String {
        let opening = "<pre><code class=\"language-"
        guard let rest = html.utf8.dropPrefix(opening),
              let quote = rest.firstIndex(of: UInt8(ascii: "\"")),
              let body = rest[quote...].dropPrefix("\">")
        else { return html }

        let language = String(decoding: rest[..<quote], as: UTF8.self).unicodeScalars
            .filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-_#.".unicodeScalars.contains($0)) }
            .prefix(32)
        let code = String(decoding: body, as: UTF8.self)
        guard !language.isEmpty else { return "<pre><code>" + code }
        return "<pre><code class=\"language-\(String(String.UnicodeScalarView(language)))\">" + code
    }
}

extension Collection where Element == UInt8 {
    func dropPrefix(_ prefix: String) -> SubSequence? {
        starts(with: prefix.utf8) ? dropFirst(prefix.utf8.count) : nil
    }
}

extension BidirectionalCollection where Element == UInt8 {
    func dropSuffix(_ suffix: String) -> SubSequence? {
        reversed().starts(with: suffix.utf8.reversed()) ? dropLast(suffix.utf8.count) : nil
    }
}

import Testing
import IthacaMarkdown

/// What every rendering must satisfy, checked by a parser independent of the renderer.
private func expectSafe(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let allowed: [String: Set<String>] = [
        "p": [], "br": [], "hr": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
        "em": [], "strong": [], "s": [], "code": ["class"], "pre": [], "blockquote": [],
        "ul": [], "ol": ["start"], "li": [], "table": [], "thead": [], "tbody": [], "tr": [],
        "th": ["align"], "td": ["align"], "a": ["href", "rel"], "img": ["src", "alt", "loading"],
    ]
    for tag in tags(in: html) {
        #expect(allowed[tag.name] != nil, "tag <\(tag.name)> in \(html)", sourceLocation: sourceLocation)
        for (attribute, value) in tag.attributes {
            #expect(allowed[tag.name]?.contains(attribute) == true, "attribute \(attribute) in \(html)", sourceLocation: sourceLocation)
            #expect(!attribute.hasPrefix("on") && attribute != "style", sourceLocation: sourceLocation)
            if attribute == "href" {
                #expect(isSafeLink(value), "href \(value)", sourceLocation: sourceLocation)
            }
            if attribute == "src" {
                #expect(value.hasPrefix("https://"), "src \(value)", sourceLocation: sourceLocation)
            }
        }
        if tag.name == "a", !tag.isClosing {
            #expect(tag.attributes.contains { $0 == ("rel", "nofollow ugc noopener") }, sourceLocation: sourceLocation)
        }
    }
    #expect(!html.lowercased().contains("<script"), sourceLocation: sourceLocation)
}

private func isSafeLink(_ href: String) -> Bool {
    let lower = href.lowercased()
    if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return true }
    guard let colon = lower.firstIndex(of: ":") else { return true }
    // Relative: a path, query or fragment comes before any colon.
    return lower[..<colon].contains { "/?#".contains($0) }
}

private struct Tag {
    var name: String
    var isClosing: Bool
    var attributes: [(String, String)]
}

/// Splits HTML into tags; a `<` that does not start a well-formed tag fails the test.
private func tags(in html: String) -> [Tag] {
    var result: [Tag] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
        guard let close = rest[open...].firstIndex(of: ">") else {
            Issue.record("unclosed < in \(html)")
            return result
        }
        var body = rest[rest.index(after: open)..<close]
        rest = rest[rest.index(after: close)...]
        let isClosing = body.first == "/"
        if isClosing { body = body.dropFirst() }
        if body.last == "/" { body = body.dropLast() }
        let name = String(body.prefix { $0.isLetter || $0.isNumber })
        var attributes: [(String, String)] = []
        var remainder = body.dropFirst(name.count)
        while let equals = remainder.firstIndex(of: "=") {
            let attribute = remainder[..<equals].trimmingPrefix(" ")
            let afterQuote = remainder.index(equals, offsetBy: 2)
            guard remainder[remainder.index(after: equals)] == "\"", let end = remainder[afterQuote...].firstIndex(of: "\"") else {
                Issue.record("unquoted attribute in \(html)")
                break
            }
            attributes.append((String(attribute), String(remainder[afterQuote..<end])))
            remainder = remainder[remainder.index(after: end)...]
        }
        if !remainder.allSatisfy({ $0 == " " }) { Issue.record("stray text in tag: \(remainder) in \(html)") }
        result.append(Tag(name: name, isClosing: isClosing, attributes: attributes))
    }
    return result
}

private func render(_ source: String) -> String {
    let html = Markdown.safeHTML(source)
    expectSafe(html)
    return html
}

// MARK: - Formatting

@Test func headingsRenderAtEachLevel() {
    #expect(render("# Title") == "<h1>Title</h1>")
    #expect(render("### Three *ways*") == "<h3>Three <em>ways</em></h3>")
}

@Test func emphasisStrongAndStrikethrough() {
    #expect(render("Some **bold**, _italic_ and ~~gone~~.") == "<p>Some <strong>bold</strong>, <em>italic</em> and <s>gone</s>.</p>")
}

@Test func listsNestAndNumber() {
    #expect(render("- one\n- two\n  - nested") == "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>")
    #expect(render("3. third\n4. fourth") == #"<ol start="3"><li>third</li><li>fourth</li></ol>"#)
}

@Test func blockquotesStillWork() {
    #expect(render("> wise words\n> more") == "<blockquote><p>wise words more</p></blockquote>")
}

@Test func tablesKeepAlignmentButNoStyle() {
    let html = render("| a | b |\n|:--|--:|\n| 1 | 2 |")
    #expect(html.contains(#"<th align="left">a</th>"#))
    #expect(!html.contains("style"))
}

@Test func lineBreaksAndRules() {
    #expect(render("one  \ntwo") == "<p>one<br>two</p>")
    #expect(render("a\n\n***\n\nb") == "<p>a</p><hr><p>b</p>")
}

@Test func leadingDashesAreNotSwallowedAsMetadata() {
    #expect(render("---\ntitle: hidden\n---\nvisible").contains("title: hidden"))
}

// MARK: - Text that looks like HTML

@Test func comparisonsAndAmpersandsShowOnceEscaped() {
    #expect(render("a < b && c > d") == "<p>a &lt; b &amp;&amp; c &gt; d</p>")
    #expect(render("AT&T and 5 &lt; 6") == "<p>AT&amp;T and 5 &lt; 6</p>")
}

@Test func rawHTMLIsShownNotInterpreted() {
    #expect(render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    #expect(render("<img src=x onerror=alert(1)>") == "<p>&lt;img src=x onerror=alert(1)&gt;</p>")
    #expect(render("<b onmouseover=\"x()\">hi</b>") == "<p>&lt;b onmouseover=&quot;x()&quot;&gt;hi&lt;/b&gt;</p>")
    #expect(render("<p>para</p>\n<div style=\"color:red\">x</div>").contains("&lt;div style=&quot;color:red&quot;&gt;"))
    #expect(render("<!-- comment --> <svg onload=alert(1)>").hasPrefix("<p>&lt;!-- comment --&gt;"))
}

@Test func entitiesCannotSmuggleTags() {
    // Entities stay entities: they display as `<b>`, never become a tag.
    #expect(render("&lt;b&gt;bold&lt;/b&gt;") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>")
    #expect(render("&#60;script&#62;") == "<p>&#60;script&#62;</p>")
    #expect(render("&amp;lt;b&amp;gt;") == "<p>&amp;lt;b&amp;gt;</p>")
}

@Test func codeSpansShowTagsLiterally() {
    #expect(render("Use `<script>` and `a && b`") == "<p>Use <code>&lt;script&gt;</code> and <code>a &amp;&amp; b</code></p>")
    #expect(render("`&lt;`") == "<p><code>&amp;lt;</code></p>")
}

@Test func codeBlocksShowTagsLiterallyAndSanitiseTheLanguage() {
    #expect(render("```html\n<div class=\"x\">&amp;</div>\n```")
        == "<pre><code class=\"language-html\">&lt;div class=&quot;x&quot;&gt;&amp;amp;&lt;/div&gt;\n</code></pre>")
    #expect(render("```js\" onclick=\"alert(1)\nx\n```") == "<pre><code class=\"language-jsonclickalert1\">x\n</code></pre>")
    #expect(render("```\n> not a quote\n```") == "<pre><code>&gt; not a quote\n</code></pre>")
}

// MARK: - Links

@Test func safeLinksGetRelAttributes() {
    #expect(render("[site](https://example.org/a?b=1&c=2)")
        == #"<p><a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">site</a></p>"#)
    #expect(render("[plain](http://example.org)").contains(#"href="http://example.org""#))
    #expect(render("[me](mailto:ada@example.org)").contains(#"href="mailto:ada@example.org""#))
    #expect(render("[profile](/people/3)").contains(#"href="/people/3""#))
    #expect(render("[below](#goals)").contains(##"href="#goals""##))
    #expect(render("[SHOUT](HTTPS://EXAMPLE.ORG)").contains(#"href="HTTPS://EXAMPLE.ORG""#))
}

@Test func referenceLinksAreCheckedToo() {
    #expect(render("[ok][1]\n\n[1]: https://example.org").contains(#"<a href="https://example.org""#))
    #expect(render("[bad][1]\n\n[1]: javascript:alert(1)") == "<p>bad</p>")
}

@Test(arguments: [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#106avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "java\tscript:alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "&#x20;javascript:alert(1)",
    "\u{1}javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "livescript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&amp;#106;avascript:alert(1)",
])
func unsafeLinksLoseTheirAnchor(url: String) {
    let html = render("[click me](\(url))")
    #expect(html == "<p>click me</p>", "\(url) → \(html)")
}

@Test func quotesInALinkURLCannotBreakOutOfTheAttribute() {
    let html = render("[x](http://a.example/\"><script>alert(1)</script>)")
    #expect(html.hasPrefix(#"<p><a href="http://a.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E" rel="nofollow ugc noopener">x</a>"#))
    let title = render("[x](https://a.example/\" onmouseover=\"alert(1))")
    #expect(title == #"<p><a href="https://a.example/%22" rel="nofollow ugc noopener">x</a></p>"#)
}

@Test func markupInLinkTextIsText() {
    #expect(render("[x\"><script>alert(1)</script>](https://a.example)")
        == #"<p><a href="https://a.example" rel="nofollow ugc noopener">x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a></p>"#)
}

@Test func markdownTitlesAreDropped() {
    #expect(render("[x](https://a.example \"Title\")") == #"<p><a href="https://a.example" rel="nofollow ugc noopener">x</a></p>"#)
}

@Test func autolinksAreShownAsText() {
    // Ink 0.6 has no autolinks; angle brackets are shown, never parsed.
    #expect(render("<https://example.org>") == "<p>&lt;https://example.org&gt;</p>")
    #expect(render("<javascript:alert(1)>") == "<p>&lt;javascript:alert(1)&gt;</p>")
}

@Test func nestedLinksDoNotNestAnchors() {
    #expect(render("[[inner](https://a.example)](https://b.example)")
        == #"<p><a href="https://b.example" rel="nofollow ugc noopener">inner</a></p>"#)
}

// MARK: - Images

@Test func httpsImagesAreKept() {
    #expect(render("![A cat](https://img.example/cat.png)") == #"<img src="https://img.example/cat.png" alt="A cat" loading="lazy">"#)
}

@Test(arguments: [
    "http://img.example/cat.png",
    "javascript:alert(1)",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "/local.png",
    "&#104;ttp://img.example/x.png",
])
func otherImagesBecomeTheirAltText(url: String) {
    #expect(render("Look: ![A cat](\(url))") == "<p>Look: A cat</p>")
}

@Test func quotesInImagesStayInsideAttributes() {
    #expect(render("![x\" onerror=\"alert(1)](https://a.example/i.png)")
        == #"<img src="https://a.example/i.png" alt="x&quot; onerror=&quot;alert(1)" loading="lazy">"#)
    #expect(render("![x](https://a.example/i.png\" onerror=\"alert(1))")
        == #"<img src="https://a.example/i.png%22" alt="x" loading="lazy">"#)
}

@Test func imagesInsideLinks() {
    #expect(render("[![logo](https://i.example/a.png)](https://b.example)")
        == #"<p><a href="https://b.example" rel="nofollow ugc noopener"><img src="https://i.example/a.png" alt="logo" loading="lazy"></a></p>"#)
}

// MARK: - Limits and robustness

@Test func inputIsCappedAtTwentyThousandCharacters() {
    let html = render(String(repeating: "a", count: 30_000))
    #expect(html == "<p>" + String(repeating: "a", count: Markdown.maximumLength) + "</p>")
}

@Test func placeholderCharactersInInputCannotForgeMarkup() {
    #expect(render("\u{E000}script\u{E003}") == "<p>\u{FFFD}script\u{FFFD}</p>")
}

@Test func pathologicalInputsStayBoundedAndSafe() {
    let inputs = [
        String(repeating: "[", count: 20_000),
        String(repeating: "![", count: 10_000),
        String(repeating: "[a](", count: 5_000),
        String(repeating: "|", count: 10_000) + String(repeating: "\n|", count: 5_000),
        "[1]: https://a.example/" + String(repeating: "a", count: 2_000) + "\n\n" + String(repeating: "[a][1]", count: 3_000),
        String(repeating: "*_~~`", count: 4_000),
        // emphasis runs that can open and close, of every length mod 3 (the delimiter algorithm stays linear)
        String(repeating: "a*", count: 10_000),
        String(repeating: "_a **b***c", count: 2_000),
        String(repeating: "*", count: 10_000) + "a" + String(repeating: "_", count: 9_999),
    ]
    for input in inputs {
        let html = render(input)
        #expect(html.utf8.count <= Markdown.maximumOutputLength)
    }
}

@Test func randomMarkdownIsAlwaysSafe() {
    // A small deterministic fuzzer over the characters that matter.
    let pieces = ["<", ">", "\"", "'", "&", "#", ";", "[", "]", "(", ")", "!", "`", "*", "_", "|", "-", "\n", " ", "\t",
                  "javascript:", "data:", "https://x.example/", "on", "error=", "&#106;", "&colon;", "<script>", "> ",
                  "```", "a", "é\u{301}", "\\", "1. ", "- ", "[x]: "]
    var state: UInt64 = 42
    func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: state >> 33)
    }
    for _ in 0..<1_500 {
        let source = (0..<(next() % 40)).map { _ in pieces[next() % pieces.count] }.joined()
        _ = render(source)
    }
}

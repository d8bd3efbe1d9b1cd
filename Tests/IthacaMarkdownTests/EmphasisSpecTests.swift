import Foundation
import Testing
import IthacaMarkdown

/// Emphasis as CommonMark pairs it: the examples of the spec's section "Emphasis and strong emphasis" (0.31.2,
/// examples 350–480) that use no raw HTML or autolinks, which Ithaca shows as text by design. Expected HTML is the
/// spec's, with Ithaca's link attributes and line breaks taken out before comparing.
struct EmphasisSpecTests {
    static let examples: [(source: String, html: String)] = [
        ("*foo bar*", "<p><em>foo bar</em></p>"),
        ("a * foo bar*", "<p>a * foo bar*</p>"),
        ("a*\"foo\"*", "<p>a*&quot;foo&quot;*</p>"),
        ("foo*bar*", "<p>foo<em>bar</em></p>"),
        ("5*6*78", "<p>5<em>6</em>78</p>"),
        ("_foo bar_", "<p><em>foo bar</em></p>"),
        ("_ foo bar_", "<p>_ foo bar_</p>"),
        ("a_\"foo\"_", "<p>a_&quot;foo&quot;_</p>"),
        ("foo_bar_", "<p>foo_bar_</p>"),
        ("5_6_78", "<p>5_6_78</p>"),
        ("пристаням_стремятся_", "<p>пристаням_стремятся_</p>"),
        ("aa_\"bb\"_cc", "<p>aa_&quot;bb&quot;_cc</p>"),
        ("foo-_(bar)_", "<p>foo-<em>(bar)</em></p>"),
        ("_foo*", "<p>_foo*</p>"),
        ("*foo bar *", "<p>*foo bar *</p>"),
        ("*(*foo)", "<p>*(*foo)</p>"),
        ("*(*foo*)*", "<p><em>(<em>foo</em>)</em></p>"),
        ("*foo*bar", "<p><em>foo</em>bar</p>"),
        ("_foo bar _", "<p>_foo bar _</p>"),
        ("_(_foo)", "<p>_(_foo)</p>"),
        ("_(_foo_)_", "<p><em>(<em>foo</em>)</em></p>"),
        ("_foo_bar", "<p>_foo_bar</p>"),
        ("_пристаням_стремятся", "<p>_пристаням_стремятся</p>"),
        ("_foo_bar_baz_", "<p><em>foo_bar_baz</em></p>"),
        ("_(bar)_.", "<p><em>(bar)</em>.</p>"),
        ("**foo bar**", "<p><strong>foo bar</strong></p>"),
        ("** foo bar**", "<p>** foo bar**</p>"),
        ("a**\"foo\"**", "<p>a**&quot;foo&quot;**</p>"),
        ("foo**bar**", "<p>foo<strong>bar</strong></p>"),
        ("__foo bar__", "<p><strong>foo bar</strong></p>"),
        ("__ foo bar__", "<p>__ foo bar__</p>"),
        ("a__\"foo\"__", "<p>a__&quot;foo&quot;__</p>"),
        ("foo__bar__", "<p>foo__bar__</p>"),
        ("5__6__78", "<p>5__6__78</p>"),
        ("__foo, __bar__, baz__", "<p><strong>foo, <strong>bar</strong>, baz</strong></p>"),
        ("foo-__(bar)__", "<p>foo-<strong>(bar)</strong></p>"),
        ("**foo bar **", "<p>**foo bar **</p>"),
        ("**(**foo)", "<p>**(**foo)</p>"),
        ("*(**foo**)*", "<p><em>(<strong>foo</strong>)</em></p>"),
        ("**foo \"*bar*\" foo**", "<p><strong>foo &quot;<em>bar</em>&quot; foo</strong></p>"),
        ("**foo**bar", "<p><strong>foo</strong>bar</p>"),
        ("__foo bar __", "<p>__foo bar __</p>"),
        ("__(__foo)", "<p>__(__foo)</p>"),
        ("_(__foo__)_", "<p><em>(<strong>foo</strong>)</em></p>"),
        ("__foo__bar", "<p>__foo__bar</p>"),
        ("__foo__bar__baz__", "<p><strong>foo__bar__baz</strong></p>"),
        ("__(bar)__.", "<p><strong>(bar)</strong>.</p>"),
        ("*foo [bar](/url)*", "<p><em>foo <a href=\"/url\">bar</a></em></p>"),
        ("_foo __bar__ baz_", "<p><em>foo <strong>bar</strong> baz</em></p>"),
        ("_foo _bar_ baz_", "<p><em>foo <em>bar</em> baz</em></p>"),
        ("__foo_ bar_", "<p><em><em>foo</em> bar</em></p>"),
        ("*foo *bar**", "<p><em>foo <em>bar</em></em></p>"),
        ("*foo **bar** baz*", "<p><em>foo <strong>bar</strong> baz</em></p>"),
        ("*foo**bar**baz*", "<p><em>foo<strong>bar</strong>baz</em></p>"),
        ("*foo**bar*", "<p><em>foo**bar</em></p>"),
        ("***foo** bar*", "<p><em><strong>foo</strong> bar</em></p>"),
        ("*foo **bar***", "<p><em>foo <strong>bar</strong></em></p>"),
        ("*foo**bar***", "<p><em>foo<strong>bar</strong></em></p>"),
        ("foo***bar***baz", "<p>foo<em><strong>bar</strong></em>baz</p>"),
        ("foo******bar*********baz", "<p>foo<strong><strong><strong>bar</strong></strong></strong>***baz</p>"),
        ("*foo **bar *baz* bim** bop*", "<p><em>foo <strong>bar <em>baz</em> bim</strong> bop</em></p>"),
        ("*foo [*bar*](/url)*", "<p><em>foo <a href=\"/url\"><em>bar</em></a></em></p>"),
        ("** is not an empty emphasis", "<p>** is not an empty emphasis</p>"),
        ("**** is not an empty strong emphasis", "<p>**** is not an empty strong emphasis</p>"),
        ("**foo [bar](/url)**", "<p><strong>foo <a href=\"/url\">bar</a></strong></p>"),
        ("__foo _bar_ baz__", "<p><strong>foo <em>bar</em> baz</strong></p>"),
        ("__foo __bar__ baz__", "<p><strong>foo <strong>bar</strong> baz</strong></p>"),
        ("____foo__ bar__", "<p><strong><strong>foo</strong> bar</strong></p>"),
        ("**foo **bar****", "<p><strong>foo <strong>bar</strong></strong></p>"),
        ("**foo *bar* baz**", "<p><strong>foo <em>bar</em> baz</strong></p>"),
        ("**foo*bar*baz**", "<p><strong>foo<em>bar</em>baz</strong></p>"),
        ("***foo* bar**", "<p><strong><em>foo</em> bar</strong></p>"),
        ("**foo *bar***", "<p><strong>foo <em>bar</em></strong></p>"),
        ("__ is not an empty emphasis", "<p>__ is not an empty emphasis</p>"),
        ("____ is not an empty strong emphasis", "<p>____ is not an empty strong emphasis</p>"),
        ("foo ***", "<p>foo ***</p>"),
        ("foo *\\**", "<p>foo <em>*</em></p>"),
        ("foo *_*", "<p>foo <em>_</em></p>"),
        ("foo *****", "<p>foo *****</p>"),
        ("foo **\\***", "<p>foo <strong>*</strong></p>"),
        ("foo **_**", "<p>foo <strong>_</strong></p>"),
        ("**foo*", "<p>*<em>foo</em></p>"),
        ("*foo**", "<p><em>foo</em>*</p>"),
        ("***foo**", "<p>*<strong>foo</strong></p>"),
        ("****foo*", "<p>***<em>foo</em></p>"),
        ("**foo***", "<p><strong>foo</strong>*</p>"),
        ("*foo****", "<p><em>foo</em>***</p>"),
        ("foo ___", "<p>foo ___</p>"),
        ("foo _\\__", "<p>foo <em>_</em></p>"),
        ("foo _*_", "<p>foo <em>*</em></p>"),
        ("foo _____", "<p>foo _____</p>"),
        ("foo __\\___", "<p>foo <strong>_</strong></p>"),
        ("foo __*__", "<p>foo <strong>*</strong></p>"),
        ("__foo_", "<p>_<em>foo</em></p>"),
        ("_foo__", "<p><em>foo</em>_</p>"),
        ("___foo__", "<p>_<strong>foo</strong></p>"),
        ("____foo_", "<p>___<em>foo</em></p>"),
        ("__foo___", "<p><strong>foo</strong>_</p>"),
        ("_foo____", "<p><em>foo</em>___</p>"),
        ("**foo**", "<p><strong>foo</strong></p>"),
        ("*_foo_*", "<p><em><em>foo</em></em></p>"),
        ("__foo__", "<p><strong>foo</strong></p>"),
        ("_*foo*_", "<p><em><em>foo</em></em></p>"),
        ("****foo****", "<p><strong><strong>foo</strong></strong></p>"),
        ("____foo____", "<p><strong><strong>foo</strong></strong></p>"),
        ("******foo******", "<p><strong><strong><strong>foo</strong></strong></strong></p>"),
        ("***foo***", "<p><em><strong>foo</strong></em></p>"),
        ("_____foo_____", "<p><em><strong><strong>foo</strong></strong></em></p>"),
        ("*foo _bar* baz_", "<p><em>foo _bar</em> baz_</p>"),
        ("*foo __bar *baz bim__ bam*", "<p><em>foo <strong>bar *baz bim</strong> bam</em></p>"),
        ("**foo **bar baz**", "<p>**foo <strong>bar baz</strong></p>"),
        ("*foo *bar baz*", "<p>*foo <em>bar baz</em></p>"),
        ("*[bar*](/url)", "<p>*<a href=\"/url\">bar*</a></p>"),
        ("_foo [bar_](/url)", "<p>_foo <a href=\"/url\">bar_</a></p>"),
        ("*a `*`*", "<p><em>a <code>*</code></em></p>"),
        ("_a `_`_", "<p><em>a <code>_</code></em></p>"),
    ]

    static func normalised(_ html: String) -> String {
        html.replacingOccurrences(of: " rel=\"nofollow ugc noopener\"", with: "").replacingOccurrences(of: "\n", with: "")
    }

    @Test func everyEmphasisExampleOfTheSpecRendersAsTheSpecSays() {
        var failures: [String] = []
        for example in Self.examples {
            let rendered = Self.normalised(Markdown.safeHTML(example.source))
            if rendered != example.html { failures.append("\(example.source)\n    got  \(rendered)\n    want \(example.html)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.examples.count) differ:\n\(failures.joined(separator: "\n"))")
    }

    @Test func underscoresPairWithUnderscoresAndAsterisksWithAsterisks() {
        #expect(Markdown.safeHTML("a __b** c") == "<p>a __b** c</p>")
        #expect(Markdown.safeHTML("a **b__ c") == "<p>a **b__ c</p>")
        #expect(Markdown.safeHTML("a _b* c") == "<p>a _b* c</p>")
        #expect(Markdown.safeHTML("see snake_case_name and __init__") == "<p>see snake_case_name and <strong>init</strong></p>")
    }

    @Test func bulletsRulesCodeAndLinksKeepTheirAsterisksAndUnderscores() {
        #expect(Markdown.safeHTML("* one *two*\n* three") == "<ul><li>one <em>two</em></li><li>three</li></ul>")
        #expect(Markdown.safeHTML("***").contains("<hr"))
        #expect(Markdown.safeHTML("`a_b*c*` and \\*not\\*") == "<p><code>a_b*c*</code> and *not*</p>")
        #expect(Markdown.safeHTML("```\nx = a_b * c_d\n```").contains("x = a_b * c_d"))
        let link = Markdown.safeHTML("[docs](https://example.com/a_b_c/*x*)")
        #expect(link.contains("href=\"https://example.com/a_b_c/*x*\""), "\(link)")
    }
}

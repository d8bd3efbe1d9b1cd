import Foundation
import IthacaTestSupport
import Testing
import IthacaDomain
@testable import IthacaWeb

@Suite struct LineageViewsTests {
    private let url: (UUID) -> String = { "/people/\($0.uuidString)?tab=lineage&x=1" }

    @Test func lineageSVGEscapesNamesAndLinksEveryPerson() {
        let graph = community(["<img src=x onerror=alert(1)>", "Bea"], [(0, 1)])
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 10)
        let svg = LineageSVG.render(drawing, personURL: url, highlight: personID(1))
        #expect(!svg.contains("<img"))
        #expect(svg.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(svg.components(separatedBy: "<a href=\"/people/").count == 3)
        #expect(svg.contains("?tab=lineage&amp;x=1"))
        #expect(svg.components(separatedBy: "lineage-highlight").count == 2)
        #expect(svg.contains("<path class=\"lineage-edge\""))
        #expect(svg.contains("<desc id=\"lineage-desc\">2 people over 2 generations; the longest chain is 2 people.</desc>"))
        #expect(!svg.contains("style="))
        #expect(!svg.lowercased().contains("nan"))
    }

    @Test func longNamesAreTruncatedWithFullNameKept() {
        let name = "Maximiliane Fitzgerald-Okonkwo"
        let drawing = LineageLayout.layered(graph: community([name], []), maxPeople: 10)
        let svg = LineageSVG.render(drawing, personURL: url, highlight: nil)
        #expect(svg.contains("<title>\(name)</title>"))
        #expect(svg.contains(">Maximiliane Fitzg…</text>"))
        #expect(LineageSVG.shortName("Short name") == "Short name")
    }

    @Test func descriptionMentionsOmittedPeople() {
        let graph = community(["A", "B", "C"], [(0, 1)])
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 2)
        #expect(LineageSVG.description(drawing) == "2 people over 2 generations; the longest chain is 2 people. 1 more person is not shown.")
    }

    @Test func outlineHTMLNestsAndMarksSeeAbove() {
        let graph = community(["A", "B", "C", "<D>"], [(0, 1), (0, 2), (1, 3), (2, 3)])
        let html = LineageOutlineHTML.render(LineageChains.outline(graph: graph), personURL: { "/p/\($0.uuidString)" })
        let d = personID(3).uuidString
        #expect(html.hasPrefix("<ul class=\"lineage-outline\"><li><a href=\"/p/\(personID(0).uuidString)\">A</a><ul>"))
        #expect(html.contains("<a href=\"/p/\(d)\">&lt;D&gt;</a></li>"))
        #expect(html.contains("<a href=\"/p/\(d)\">&lt;D&gt; (see above)</a></li>"))
        #expect(html.components(separatedBy: "<ul").count == html.components(separatedBy: "</ul>").count)
        #expect(LineageOutlineHTML.render([], personURL: { _ in "" }).isEmpty)
    }
}

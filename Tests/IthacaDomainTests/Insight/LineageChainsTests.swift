import Foundation
import IthacaTestSupport
import Testing
import IthacaDomain

@Suite struct LineageChainsTests {
    @Test func chainOfFourNestsAllTheWayDown() {
        let outline = LineageChains.outline(graph: community(["A", "B", "C", "D"], [(0, 1), (1, 2), (2, 3)]))
        #expect(outline.map(\.shape) == ["A(B(C(D)))"])
    }

    @Test func personReachedTwiceIsReferencedNotExpanded() {
        // Diamond A→B, A→C, B→D, C→D, D→E: D is expanded under B and referenced under C.
        let graph = community(["A", "B", "C", "D", "E"], [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)])
        #expect(LineageChains.outline(graph: graph).map(\.shape) == ["A(B(D(E)),C(D^))"])
    }

    @Test func cycleYieldsBothPeopleOnce() {
        let outline = LineageChains.outline(graph: community(["A", "B"], [(0, 1), (1, 0)]))
        #expect(outline.map(\.shape) == ["A(B)"])
    }

    @Test func rootsAreListedByNameAndLonePeopleIncluded() {
        let outline = LineageChains.outline(graph: community(["Zoe", "Ann", "Bo"], [(0, 2)]))
        #expect(outline.map(\.shape) == ["Ann", "Zoe(Bo)"])
    }

    @Test func outlineFollowsTheSameCutAsTheDrawing() {
        let graph = community(["A", "B", "C", "D", "E"], [(0, 1), (1, 2), (3, 4)])
        #expect(LineageChains.outline(graph: graph, maxPeople: 3).map(\.shape) == ["A(B(C))"])
    }
}

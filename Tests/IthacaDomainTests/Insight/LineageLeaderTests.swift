import Foundation
import IthacaTestSupport
import Testing
import IthacaDomain

@Suite struct LineageReachTests {
    @Test func diamondCountsTheSharedMenteeOnce() {
        let graph = community(["A", "B", "C", "D"], [(0, 1), (0, 2), (1, 3), (2, 3)])
        let ranking = LineageReachRanking.top(10, graph: graph)
        let first = ranking.first
        #expect(first?.name == "A")
        #expect(first?.direct == 2 && first?.downstream == 1 && first?.total == 3 && first?.generations == 2)
        // B and C tie on 1 and are ordered by name; D mentored nobody and is not ranked.
        #expect(ranking.map(\.name) == ["A", "B", "C"])
    }

    @Test func cycleEndsTheWalkAndNeverCountsSelf() {
        let graph = community(["A", "B", "C"], [(0, 1), (1, 2), (2, 0)])
        let ranking = LineageReachRanking.top(3, graph: graph)
        #expect(ranking.map(\.total) == [2, 2, 2])
        #expect(ranking.map(\.name) == ["A", "B", "C"])
    }

    @Test func topLimitsTheList() {
        let graph = community(["A", "B", "C", "D"], [(0, 1), (1, 2), (2, 3)])
        let ranking = LineageReachRanking.top(2, graph: graph)
        #expect(ranking.map(\.name) == ["A", "B"])
        #expect(ranking.first?.generations == 3)
        #expect(LineageReachRanking.top(0, graph: graph).isEmpty)
    }
}

import Foundation
import IthacaTestSupport
import Testing
@testable import IthacaDomain

@Suite struct LineageLayoutTests {
    @Test func chainOfFourGivesGenerationsZeroToThree() {
        let graph = community(["A", "B", "C", "D"], [(0, 1), (1, 2), (2, 3)])
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 100)
        #expect((0..<4).map { drawing.generation(of: personID($0)) } == [0, 1, 2, 3])
        #expect(drawing.generationCount == 4)
        #expect(drawing.edges.count == 3)
        #expect(drawing.nodes.allSatisfy { $0.x == 80 })
        #expect(drawing.node(personID(3))?.y == Double(3 * 90 + 45))
    }

    @Test func personWithTwoMentorsSitsBelowTheDeeperOne() {
        // A→B→C→D and A→D: D must be in generation 3, not 1.
        let graph = community(["A", "B", "C", "D"], [(0, 1), (1, 2), (2, 3), (0, 3)])
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 100)
        #expect(drawing.generation(of: personID(3)) == 3)
    }

    @Test func mentoringCycleTerminatesAndKeepsBothPeople() {
        let graph = community(["A", "B"], [(0, 1), (1, 0)])
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 100)
        #expect(drawing.nodes.count == 2)
        #expect(drawing.generation(of: personID(0)) == 0)
        #expect(drawing.generation(of: personID(1)) == 1)
        #expect(drawing.edges.filter(\.closesCycle).count == 1)
        #expect(drawing.edges.filter { !$0.closesCycle }.map(\.mentee) == [personID(1)])
    }

    @Test func longerCycleBelowARootKeepsTheRootOnTop() {
        // R→A→B→C→A: the cycle is entered from R, so C→A is the dropped edge.
        let graph = community(["R", "A", "B", "C"], [(0, 1), (1, 2), (2, 3), (3, 1)])
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 100)
        #expect((0..<4).map { drawing.generation(of: personID($0)) } == [0, 1, 2, 3])
        let dropped = drawing.edges.filter(\.closesCycle)
        #expect(dropped.map(\.mentor) == [personID(3)] && dropped.map(\.mentee) == [personID(1)])
    }

    @Test func selfEdgesDuplicatesAndUnknownEndsAreIgnored() {
        let graph = LineageGraph(
            people: [LineagePerson(id: personID(0), name: "A"), LineagePerson(id: personID(1), name: "B"),
                     LineagePerson(id: personID(1), name: "B again")],
            edges: [MentoringEdge(mentor: personID(0), mentee: personID(1)),
                    MentoringEdge(mentor: personID(0), mentee: personID(1)),
                    MentoringEdge(mentor: personID(0), mentee: personID(0)),
                    MentoringEdge(mentor: personID(0), mentee: personID(9))]
        )
        #expect(graph.count == 2)
        #expect(graph.edges.count == 1)
        #expect(graph.person(personID(1))?.name == "B")
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 10)
        #expect(drawing.edges.count == 1)
    }

    @Test func maxPeopleKeepsLargestLineageAndReportsOmitted() {
        // Lineage 1: A→B, A→C, B→D (4 people); lineage 2: E→F (2); lone G.
        let graph = community(["A", "B", "C", "D", "E", "F", "G"], [(0, 1), (0, 2), (1, 3), (4, 5)])
        let four = LineageLayout.layered(graph: graph, maxPeople: 4)
        #expect(Set(four.nodes.map(\.id)) == Set((0..<4).map(personID)))
        #expect(four.omittedPeople == 3)
        let five = LineageLayout.layered(graph: graph, maxPeople: 5)
        #expect(five.nodes.count == 5 && five.omittedPeople == 2)
        #expect(five.node(personID(4)) != nil && five.node(personID(5)) == nil)
    }

    @Test func cutLineageKeepsItsTopGenerationsFirst() {
        let graph = community(["A", "B", "C", "D"], [(0, 1), (0, 2), (1, 3)])
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 3)
        #expect(Set(drawing.nodes.map(\.id)) == [personID(0), personID(1), personID(2)])
        #expect(drawing.omittedPeople == 1)
        #expect(drawing.edges.count == 2)
    }

    @Test func menteesSitUnderTheirOwnMentors() {
        // Roots A and B; A's mentee is named Zed, B's is Abe: barycenters keep both under their mentor.
        let graph = community(["A", "B", "Zed", "Abe"], [(0, 2), (1, 3)])
        let drawing = LineageLayout.layered(graph: graph, maxPeople: 10)
        let zed = drawing.node(personID(2))?.x ?? 0
        let abe = drawing.node(personID(3))?.x ?? 0
        #expect(zed < abe)
        #expect(drawing.node(personID(0))?.x == zed)
    }

    @Test func layoutIgnoresInputOrder() {
        let names = ["Mo", "Li", "Kai", "Jo", "Ed"]
        let pairs = [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)]
        let forward = LineageLayout.layered(graph: community(names, pairs), maxPeople: 10)
        let shuffledGraph = LineageGraph(
            people: names.enumerated().reversed().map { LineagePerson(id: personID($0.offset), name: $0.element) },
            edges: pairs.reversed().map { MentoringEdge(mentor: personID($0.0), mentee: personID($0.1)) }
        )
        #expect(LineageLayout.layered(graph: shuffledGraph, maxPeople: 10) == forward)
    }

    @Test func emptyGraphGivesEmptyDrawing() {
        let drawing = LineageLayout.layered(graph: community([], []), maxPeople: 10)
        #expect(drawing.nodes.isEmpty && drawing.generationCount == 0 && drawing.omittedPeople == 0)
    }
}

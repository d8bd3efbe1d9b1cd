import Foundation
import IthacaDomain
import Testing

private func edge(_ mentor: UUID, _ mentee: UUID) -> MentoringEdge { MentoringEdge(mentor: mentor, mentee: mentee) }

@Test func threeDeepChainCountsEachGenerationDownstream() {
    // given ana → ben → cy → dee (each mentored the next)
    let (ana, ben, cy, dee) = (UUID(), UUID(), UUID(), UUID())
    let edges = [edge(ana, ben), edge(ben, cy), edge(cy, dee)]
    // then ana mentored ben directly and reached cy and dee downstream
    let reach = Lineage.reach(of: ana, edges: edges)
    #expect(reach == LineageReach(direct: [ben], downstream: [cy, dee]))
    #expect(reach.total == 3)
    // and further down the chain, reach shrinks
    #expect(Lineage.reach(of: cy, edges: edges) == LineageReach(direct: [dee], downstream: []))
    #expect(Lineage.reach(of: dee, edges: edges) == LineageReach(direct: [], downstream: []))
}

@Test func diamondCountsTheSharedMenteeOnce() {
    // given ana mentored ben and cy, who both mentored dee
    let (ana, ben, cy, dee) = (UUID(), UUID(), UUID(), UUID())
    let reach = Lineage.reach(of: ana, edges: [edge(ana, ben), edge(ana, cy), edge(ben, dee), edge(cy, dee)])
    // then dee is counted once
    #expect(reach == LineageReach(direct: [ben, cy], downstream: [dee]))
    #expect(reach.total == 3)
}

@Test func someoneMentoredDirectlyIsNotAlsoDownstream() {
    // given ana mentored ben and cy, and ben also mentored cy
    let (ana, ben, cy) = (UUID(), UUID(), UUID())
    let reach = Lineage.reach(of: ana, edges: [edge(ana, ben), edge(ben, cy), edge(ana, cy)])
    #expect(reach == LineageReach(direct: [ben, cy], downstream: []))
}

// A walk that loops forever would hang, so these fail on a time limit instead.
@Test(.timeLimit(.minutes(1))) func cycleEndsTheWalkAndNeverCountsThePersonThemselves() {
    // given ana → ben → cy → ana (cy later mentored ana)
    let (ana, ben, cy) = (UUID(), UUID(), UUID())
    let edges = [edge(ana, ben), edge(ben, cy), edge(cy, ana)]
    // then each person's reach is the other two, without themselves
    #expect(Lineage.reach(of: ana, edges: edges) == LineageReach(direct: [ben], downstream: [cy]))
    #expect(Lineage.reach(of: ben, edges: edges) == LineageReach(direct: [cy], downstream: [ana]))
}

@Test(.timeLimit(.minutes(1))) func mutualMentoringAndSelfEdgesAreHarmless() {
    // given ana and ben mentoring each other (reverse mentoring), a self edge and a repeated edge
    let (ana, ben) = (UUID(), UUID())
    let edges = [edge(ana, ben), edge(ben, ana), edge(ana, ana), edge(ana, ben)]
    #expect(Lineage.reach(of: ana, edges: edges) == LineageReach(direct: [ben], downstream: []))
    #expect(Lineage.mentors(of: ana, edges: edges) == [ben])
}

@Test(.timeLimit(.minutes(1))) func largeWebIsWalkedOnceEach() {
    // given a 2,000-person chain that loops back to the start
    let people = (0..<2_000).map { _ in UUID() }
    let edges = people.indices.map { edge(people[$0], people[($0 + 1) % people.count]) }
    let reach = Lineage.reach(of: people[0], edges: edges)
    #expect(reach.direct == [people[1]])
    #expect(reach.downstream.count == 1_998)
    #expect(!reach.downstream.contains(people[0]))
}

@Test func mentorsAreThePeopleWhoMentoredSomeone() {
    let (ana, ben, cy) = (UUID(), UUID(), UUID())
    let edges = [edge(ana, cy), edge(ben, cy), edge(cy, ana)]
    #expect(Lineage.mentors(of: cy, edges: edges) == [ana, ben])
    #expect(Lineage.mentors(of: ben, edges: edges) == [])
}

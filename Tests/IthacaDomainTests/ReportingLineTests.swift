import Foundation
import IthacaDomain
import Testing

/// A small organisation: ceo ← vp ← lead ← dev, and an unrelated peer.
private struct Org {
    let ceo = UUID(), vp = UUID(), lead = UUID(), dev = UUID(), peer = UUID()
    var managers: [UUID: UUID] = [:]

    init() {
        managers = [vp: ceo, lead: vp, dev: lead]
    }

    func managerOf(_ id: UUID) -> UUID? { managers[id] }
}

@Test func chainAboveListsManagersNearestFirst() {
    let org = Org()
    #expect(ReportingLine.chainAbove(org.dev, managerOf: org.managerOf) == [org.lead, org.vp, org.ceo])
    #expect(ReportingLine.chainAbove(org.ceo, managerOf: org.managerOf) == [])
}

@Test func chainAboveStopsOnACycle() {
    // given data where the ceo reports to the dev, closing a loop
    var org = Org()
    org.managers[org.ceo] = org.dev
    // when walking up from the lead
    let chain = ReportingLine.chainAbove(org.lead, managerOf: org.managerOf)
    // then each person appears once and the walk ends
    #expect(chain == [org.vp, org.ceo, org.dev])
}

@Test func chainAboveStopsOnASelfLoop() {
    var org = Org()
    org.managers[org.ceo] = org.ceo
    #expect(ReportingLine.chainAbove(org.ceo, managerOf: org.managerOf) == [])
    #expect(ReportingLine.chainAbove(org.vp, managerOf: org.managerOf) == [org.ceo])
}

@Test func beingYourOwnManagerIsACycle() {
    let org = Org()
    #expect(ReportingLine.wouldCreateCycle(person: org.dev, newManager: org.dev, managerOf: org.managerOf))
}

@Test func reportingToSomeoneBelowYouIsACycle() {
    // given the vp, who is above the dev
    let org = Org()
    // then making the dev the vp's manager would loop; making the peer the manager would not
    #expect(ReportingLine.wouldCreateCycle(person: org.vp, newManager: org.dev, managerOf: org.managerOf))
    #expect(!ReportingLine.wouldCreateCycle(person: org.vp, newManager: org.peer, managerOf: org.managerOf))
    #expect(!ReportingLine.wouldCreateCycle(person: org.dev, newManager: org.ceo, managerOf: org.managerOf))
}

@Test func reportingLineHoldsInBothDirectionsAndSkipsSiblings() {
    // given a second report under the lead
    var org = Org()
    let sibling = UUID()
    org.managers[sibling] = org.lead
    // then bosses at any distance are in the line, either way round
    #expect(ReportingLine.isInReportingLine(org.ceo, org.dev, managerOf: org.managerOf))
    #expect(ReportingLine.isInReportingLine(org.dev, org.ceo, managerOf: org.managerOf))
    // and colleagues who share a manager, unrelated people and oneself are not
    #expect(!ReportingLine.isInReportingLine(org.dev, sibling, managerOf: org.managerOf))
    #expect(!ReportingLine.isInReportingLine(org.peer, org.dev, managerOf: org.managerOf))
    #expect(!ReportingLine.isInReportingLine(org.dev, org.dev, managerOf: org.managerOf))
}

@Test func reportingLineCheckEndsOnCyclicData() {
    var org = Org()
    org.managers[org.ceo] = org.dev
    #expect(ReportingLine.isInReportingLine(org.ceo, org.dev, managerOf: org.managerOf))
    #expect(!ReportingLine.isInReportingLine(org.peer, org.dev, managerOf: org.managerOf))
}

import Foundation
import IthacaDomain
import Testing

/// ceo ← vp ← lead ← dev, plus a peer in another part of the organisation.
private struct Org {
    let ceo = UUID(), vp = UUID(), lead = UUID(), dev = UUID(), peer = UUID()
    var managers: [UUID: UUID] = [:]

    init() { managers = [vp: ceo, lead: vp, dev: lead] }

    func managerOf(_ id: UUID) -> UUID? { managers[id] }

    func mentor(_ id: UUID, open: Bool = true, capacity: Int = 3, current: Int = 0) -> MentorSnapshot {
        MentorSnapshot(id: id, openToMentoring: open, capacity: capacity, currentMentorships: current)
    }

    func check(
        mentee: UUID, _ mentor: MentorSnapshot, pending: Set<UUID> = [], current: Set<UUID> = []
    ) -> MentoringRuleViolation? {
        violation {
            try RequestEligibility.check(
                mentee: mentee, mentor: mentor, pendingRequestMentors: pending, currentMentors: current,
                managerOf: managerOf)
        }
    }
}

@Test func openMentorWithRoomOutsideTheReportingLineCanBeAsked() {
    let org = Org()
    #expect(org.check(mentee: org.dev, org.mentor(org.peer)) == nil)
}

@Test func askingYourselfIsRefused() {
    let org = Org()
    #expect(org.check(mentee: org.dev, org.mentor(org.dev)) == .askingYourself)
}

@Test func secondOpenRequestToTheSameMentorIsRefused() {
    // given a pending request from the dev to the peer
    let org = Org()
    // then asking the peer again is refused, but asking someone else is fine
    #expect(org.check(mentee: org.dev, org.mentor(org.peer), pending: [org.peer]) == .requestAlreadyPending)
    #expect(org.check(mentee: org.lead, org.mentor(org.peer), pending: [org.ceo]) == nil)
}

@Test func askingYourCurrentMentorAgainIsRefused() {
    let org = Org()
    #expect(org.check(mentee: org.dev, org.mentor(org.peer), current: [org.peer]) == .alreadyYourMentor)
}

@Test func mentorNotOpenToMentoringIsRefused() {
    let org = Org()
    #expect(org.check(mentee: org.dev, org.mentor(org.peer, open: false)) == .mentorNotOpenToMentoring)
}

@Test func mentorAtCapacityIsRefusedAndOneBelowIsNot() {
    let org = Org()
    #expect(org.check(mentee: org.dev, org.mentor(org.peer, capacity: 3, current: 3)) == .mentorAtCapacity(capacity: 3))
    #expect(org.check(mentee: org.dev, org.mentor(org.peer, capacity: 3, current: 4)) == .mentorAtCapacity(capacity: 3))
    #expect(org.check(mentee: org.dev, org.mentor(org.peer, capacity: 3, current: 2)) == nil)
}

@Test func mentorWithNoCapacityIsAtCapacity() {
    let org = Org()
    #expect(org.check(mentee: org.dev, org.mentor(org.peer, capacity: 0)) == .mentorAtCapacity(capacity: 0))
}

@Test func askingYourManagerOrAnyoneAboveIsRefused() {
    // given the dev, who reports to the lead, who reports to the vp and then the ceo
    let org = Org()
    // then each of them is refused as the dev's mentor
    for boss in [org.lead, org.vp, org.ceo] {
        #expect(org.check(mentee: org.dev, org.mentor(boss)) == .mentorManagesYou)
    }
}

@Test func askingYourReportOrAnyoneBelowIsRefused() {
    let org = Org()
    for report in [org.vp, org.lead, org.dev] {
        #expect(org.check(mentee: org.ceo, org.mentor(report)) == .mentorReportsToYou)
    }
}

@Test func colleaguesWithTheSameManagerMayMentorEachOther() {
    var org = Org()
    let sibling = UUID()
    org.managers[sibling] = org.lead
    #expect(org.check(mentee: org.dev, org.mentor(sibling)) == nil)
}

@Test func reportingLineCheckSurvivesLoopsInTheData() {
    // given data where the ceo is recorded as reporting to the dev
    var org = Org()
    org.managers[org.ceo] = org.dev
    // then the check ends, and an unrelated mentor is still fine
    #expect(org.check(mentee: org.dev, org.mentor(org.peer)) == nil)
    #expect(org.check(mentee: org.dev, org.mentor(org.lead)) == .mentorManagesYou)
}

@Test func firstViolationWinsInTheDocumentedOrder() {
    let org = Org()
    let closedFullBoss = org.mentor(org.lead, open: false, capacity: 1, current: 1)
    // given a mentor that breaks several rules at once, the earliest rule is reported
    #expect(org.check(mentee: org.lead, org.mentor(org.lead, open: false), pending: [org.lead]) == .askingYourself)
    #expect(org.check(mentee: org.dev, closedFullBoss, pending: [org.lead], current: [org.lead]) == .requestAlreadyPending)
    #expect(org.check(mentee: org.dev, closedFullBoss, current: [org.lead]) == .alreadyYourMentor)
    #expect(org.check(mentee: org.dev, closedFullBoss) == .mentorNotOpenToMentoring)
    #expect(org.check(mentee: org.dev, org.mentor(org.lead, capacity: 1, current: 1)) == .mentorAtCapacity(capacity: 1))
}

@Test func acceptingRechecksRoom() {
    // given a mentor whose last place was taken while a request waited
    let full = MentorSnapshot(id: UUID(), openToMentoring: true, capacity: 2, currentMentorships: 2)
    // then accepting is refused; with a place free it is allowed
    #expect(throws: MentoringRuleViolation.mentorAtCapacity(capacity: 2)) { try RequestEligibility.checkRoom(full) }
    var roomy = full
    roomy.currentMentorships = 1
    #expect(violation { try RequestEligibility.checkRoom(roomy) } == nil)
}

@Test func managerRefusalUsesTheAgreedWording() {
    #expect(
        MentoringRuleViolation.mentorManagesYou.message.hasPrefix(
            "Your manager is your boss, not your mentor: ask them about the team's work; bring career questions to a mentor."))
}

import Foundation
import IthacaDomain
import Testing

private func draftAgreement() throws -> Agreement {
    try Agreement(terms: AgreementTerms.draft(goal: "Lead my first team", startDate: "2025-03-10"))
}

@Test func draftAgreementHasTheAgreedDefaults() throws {
    // when a mentor accepts a request with a goal
    let agreement = try draftAgreement()
    // then the draft carries the goal, the four expectations, the standard cadence, 3 months and confidentiality
    #expect(agreement.terms.objectives == ["Lead my first team"])
    #expect(
        agreement.terms.expectations.map(\.title) == [
            "Mutual trust and respect", "Time and care", "Flexibility", "Transparency, honesty and accountability",
        ])
    #expect(agreement.terms.expectations.allSatisfy { !$0.description.isEmpty })
    #expect(agreement.terms.cadence == Cadence(everyWeeks: 2, minutes: 45))
    #expect(agreement.terms.startDate == "2025-03-10")
    #expect(agreement.terms.endDate == "2025-06-10")
    #expect(agreement.terms.confidentiality == "What we say stays between us unless we both agree.")
    #expect(agreement.version == 1)
    #expect(agreement.acknowledgedBy.isEmpty)
    #expect(!agreement.isFullyAcknowledged)
}

@Test func draftEndDateClampsToTheEndOfShortMonths() {
    #expect(AgreementTerms.draft(goal: "g", startDate: "2025-11-30").endDate == "2026-02-28")
    #expect(AgreementTerms.draft(goal: "g", startDate: "2023-11-30").endDate == "2024-02-29")
    #expect(AgreementTerms.draft(goal: "g", startDate: "2025-01-31").endDate == "2025-04-30")
}

@Test func bothAcknowledgingMakesTheAgreementComplete() throws {
    // given a fresh agreement
    var agreement = try draftAgreement()
    // when the mentee acknowledges, it still waits for the mentor
    agreement = try agreement.acknowledged(by: .mentee, version: 1)
    #expect(!agreement.isFullyAcknowledged)
    #expect(agreement.awaitsAcknowledgement(from: .mentor))
    #expect(!agreement.awaitsAcknowledgement(from: .mentee))
    #expect(agreement.acknowledgementEvent == .acknowledgeAgreement(bothAcknowledged: false))
    // when the mentor acknowledges too, then it is complete and the mentorship can become active
    agreement = try agreement.acknowledged(by: .mentor, version: 1)
    #expect(agreement.isFullyAcknowledged)
    #expect(try MentorshipStatus.proposed.transition(agreement.acknowledgementEvent) == .active)
}

@Test func acknowledgingTwiceIsHarmless() throws {
    let once = try draftAgreement().acknowledged(by: .mentor, version: 1)
    #expect(try once.acknowledged(by: .mentor, version: 1) == once)
}

@Test func editingMakesANewVersionThatBothAcknowledgeAgain() throws {
    // given an agreement both acknowledged
    let agreed = try draftAgreement().acknowledged(by: .mentor, version: 1).acknowledged(by: .mentee, version: 1)
    // when the cadence is edited
    var terms = agreed.terms
    terms.cadence = Cadence(everyWeeks: 1, minutes: 30)
    let revised = try agreed.revised(terms)
    // then it is version 2, with the new cadence and nobody's acknowledgement
    #expect(revised.version == 2)
    #expect(revised.terms.cadence == Cadence(everyWeeks: 1, minutes: 30))
    #expect(revised.acknowledgedBy.isEmpty)
    #expect(!revised.isFullyAcknowledged)
}

@Test func savingUnchangedTermsKeepsTheVersion() throws {
    let agreed = try draftAgreement().acknowledged(by: .mentor, version: 1)
    var same = agreed.terms
    same.objectives = ["  Lead my first team  "]
    #expect(try agreed.revised(same) == agreed)
}

@Test func acknowledgingAnOlderVersionIsRefused() throws {
    // given an agreement edited to version 2 while the mentee was reading version 1
    let draft = try draftAgreement()
    var terms = draft.terms
    terms.objectives.append("Give feedback well")
    let revised = try draft.revised(terms)
    // then the mentee's acknowledgement of version 1 is refused and nothing changes
    #expect(throws: MentoringRuleViolation.agreementVersionOutdated(current: 2)) {
        try revised.acknowledged(by: .mentee, version: 1)
    }
    #expect(try revised.acknowledged(by: .mentee, version: 2).acknowledgedBy == [.mentee])
}

@Test func agreementWithoutObjectivesIsRefused() {
    let terms = AgreementTerms(objectives: ["  ", ""], startDate: "2025-03-10", endDate: "2025-06-10")
    #expect(invalidFieldNames { try Agreement(terms: terms) } == ["objectives"])
}

@Test func agreementObjectivesAreTidiedAndLimited() throws {
    let tidy = AgreementTerms(objectives: [" One ", "", "Two"], startDate: "2025-03-10", endDate: "2025-06-10")
    #expect(try Agreement(terms: tidy).terms.objectives == ["One", "Two"])
    let many = AgreementTerms(objectives: (1...11).map { "Objective \($0)" }, startDate: "2025-03-10", endDate: "2025-06-10")
    #expect(invalidFieldNames { try Agreement(terms: many) } == ["objectives"])
    let long = AgreementTerms(objectives: [String(repeating: "o", count: 501)], startDate: "2025-03-10", endDate: "2025-06-10")
    #expect(invalidFieldNames { try Agreement(terms: long) } == ["objectives"])
}

@Test func agreementEndMustComeAfterItsStart() {
    let same = AgreementTerms(objectives: ["g"], startDate: "2025-03-10", endDate: "2025-03-10")
    #expect(invalidFieldNames { try Agreement(terms: same) } == ["endDate"])
    let bad = AgreementTerms(objectives: ["g"], startDate: "2025-02-30", endDate: "soon")
    #expect(invalidFieldNames { try Agreement(terms: bad) } == ["startDate", "endDate"])
}

@Test func agreementNeedsExpectationsAndConfidentiality() {
    let terms = AgreementTerms(
        objectives: ["g"], expectations: [], startDate: "2025-03-10", endDate: "2025-06-10", confidentiality: " ")
    #expect(invalidFieldNames { try Agreement(terms: terms) } == ["expectations", "confidentiality"])
    let untitled = AgreementTerms(
        objectives: ["g"], expectations: [Expectation(title: " ", description: "d")], startDate: "2025-03-10",
        endDate: "2025-06-10")
    #expect(invalidFieldNames { try Agreement(terms: untitled) } == ["expectations"])
}

@Test func invalidEditIsRefusedAndLeavesTheAgreementAlone() throws {
    let draft = try draftAgreement()
    var terms = draft.terms
    terms.cadence.minutes = 5
    #expect(invalidFieldNames { try draft.revised(terms) } == ["cadence"])
}

@Test func cadenceStaysWithinSensibleBounds() {
    #expect(Cadence.standard.label == "Every 2 weeks, 45 minutes")
    #expect(Cadence(everyWeeks: 1, minutes: 30).label == "Every week, 30 minutes")
    for good in [Cadence(everyWeeks: 1, minutes: 15), Cadence(everyWeeks: 12, minutes: 180)] {
        #expect(violation { try good.validate() } == nil)
    }
    for bad in [
        Cadence(everyWeeks: 0, minutes: 45), Cadence(everyWeeks: 13, minutes: 45), Cadence(everyWeeks: 2, minutes: 14),
        Cadence(everyWeeks: 2, minutes: 181),
    ] {
        #expect(invalidFieldNames { try bad.validate() } == ["cadence"])
    }
}

@Test func agreementReachesItsEndDateOnThatDay() throws {
    let agreement = try draftAgreement()
    #expect(!agreement.hasReachedEndDate(today: "2025-06-09"))
    #expect(agreement.hasReachedEndDate(today: "2025-06-10"))
}

@Test func agreementSurvivesAStorageRoundTrip() throws {
    let agreement = try draftAgreement().acknowledged(by: .mentee, version: 1)
    let decoded = try JSONDecoder().decode(Agreement.self, from: JSONEncoder().encode(agreement))
    #expect(decoded == agreement)
    #expect(Agreement(storedTerms: agreement.terms, version: 1, acknowledgedBy: [.mentee]) == agreement)
}

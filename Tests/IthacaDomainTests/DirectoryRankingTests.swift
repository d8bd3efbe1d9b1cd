import Foundation
import IthacaDomain
import Testing

private let january = instant("2025-01-15T12:00:00Z")

/// Fixed ids so ties can be checked: a fixed UUID per small number.
private func id(_ n: Int) -> UUID {
    UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
}

private let ada = DirectoryCandidate(
    id: id(1), name: "Ada Lovelace", headline: "Backend engineer and mentor", organization: "Northwind",
    title: "Staff Engineer", timeZone: "Europe/London", skillsOffered: ["Swift", "Public speaking"],
    skillsWanted: ["Leadership"], goals: "Promotion to principal", openToMentoring: true, mentorCapacity: 3,
    activeMentees: 1, openToBeingMentored: false, openToPeer: true
)
private let grace = DirectoryCandidate(
    id: id(2), name: "Grace Hopper", headline: "Compilers", organization: "Contoso", title: "Admiral",
    timeZone: "America/New_York", skillsOffered: ["COBOL", "Leadership"], skillsWanted: ["swift"],
    goals: "Teach more", openToMentoring: true, mentorCapacity: 1, activeMentees: 1,
    openToBeingMentored: true, openToPeer: false
)
private let linus = DirectoryCandidate(
    id: id(3), name: "Linus", headline: "Kernel work", organization: "northwind ", title: "Swift fan",
    timeZone: "Asia/Tokyo", skillsOffered: ["C"], skillsWanted: ["Rust"], goals: "Learn swift properly",
    openToMentoring: false, mentorCapacity: 0, activeMentees: 0, openToBeingMentored: true, openToPeer: true
)
private let everyone = [linus, grace, ada]

private func rank(_ query: DirectoryQuery, _ candidates: [DirectoryCandidate] = everyone) -> [DirectoryHit] {
    DirectoryRanking.rank(candidates, for: query, now: january)
}

private func names(_ hits: [DirectoryHit]) -> [String] { hits.map(\.candidate.name) }

@Test func everyTermMustMatchSomewhere() {
    // when searching two words that only Ada has together
    #expect(names(rank(DirectoryQuery(text: "backend swift"))) == ["Ada Lovelace"])
    // and a word nobody has
    #expect(rank(DirectoryQuery(text: "swift haskell")).isEmpty)
}

@Test func termsMatchEveryTextFieldIgnoringCase() {
    #expect(names(rank(DirectoryQuery(text: "LOVELACE"))) == ["Ada Lovelace"])
    #expect(names(rank(DirectoryQuery(text: "kernel"))) == ["Linus"])
    #expect(names(rank(DirectoryQuery(text: "admiral"))) == ["Grace Hopper"])
    #expect(names(rank(DirectoryQuery(text: "contoso"))) == ["Grace Hopper"])
    #expect(names(rank(DirectoryQuery(text: "cobol"))) == ["Grace Hopper"])
    #expect(names(rank(DirectoryQuery(text: "rust"))) == ["Linus"])
    #expect(names(rank(DirectoryQuery(text: "principal"))) == ["Ada Lovelace"])
}

@Test func nameOutranksSkillsOfferedThenWantedThenTitleThenGoals() {
    // given five people who each mention "rivet" in one place only
    let people = [
        DirectoryCandidate(id: id(10), name: "Goals", goals: "rivet more"),
        DirectoryCandidate(id: id(11), name: "Title", title: "Rivet lead"),
        DirectoryCandidate(id: id(12), name: "Wanted", skillsWanted: ["Riveting"]),
        DirectoryCandidate(id: id(13), name: "Offered", skillsOffered: ["Riveting"]),
        DirectoryCandidate(id: id(14), name: "Rivet Rosie"),
    ]
    // when searched
    let hits = rank(DirectoryQuery(text: "rivet"), people)
    // then the order follows where the word was found
    #expect(names(hits) == ["Rivet Rosie", "Offered", "Wanted", "Title", "Goals"])
    #expect(hits.map(\.score) == hits.map(\.score).sorted(by: >))
}

@Test func reasonsExplainEachMatchInWords() {
    let hit = rank(DirectoryQuery(text: "ada swift backend promotion leadership northwind"), [ada]).first
    #expect(hit?.reasons == [
        "Name matches “ada”",
        "Offers Swift",
        "Headline mentions “backend”",
        "Goals mention “promotion”",
        "Wants to grow Leadership",
        "Works at Northwind",
    ])
}

@Test func skillFilterMatchesOfferedOrWantedByNormalisedName() {
    // when filtering by a skill typed with odd spacing and case
    let hits = rank(DirectoryQuery(skill: "  SWIFT "))
    // then people offering it come before people wanting it, and a mere mention is not enough
    #expect(names(hits) == ["Ada Lovelace", "Grace Hopper"])
    #expect(hits[0].reasons == ["Offers Swift"])
    #expect(hits[1].reasons == ["Wants to grow swift"])
}

@Test func lookingForMentorsTheSkillMustBeOffered() {
    // given Grace, open to mentoring, who only wants to grow Swift
    // when looking for Swift mentors, with or without "free places now"
    let mentors = rank(DirectoryQuery(skill: "swift", role: .mentor))
    let openNow = rank(DirectoryQuery(skill: "swift", openOnly: true))
    // then only Ada, who offers it, is found
    #expect(names(mentors) == ["Ada Lovelace"])
    #expect(names(openNow) == ["Ada Lovelace"])
    // while mentees and peers may match a skill they want to grow
    #expect(names(rank(DirectoryQuery(skill: "swift", role: .mentee))) == ["Grace Hopper"])
}

@Test func roleFiltersUseTheMatchingOpenness() {
    #expect(Set(names(rank(DirectoryQuery(role: .mentor)))) == ["Ada Lovelace", "Grace Hopper"])
    #expect(Set(names(rank(DirectoryQuery(role: .mentee)))) == ["Grace Hopper", "Linus"])
    #expect(Set(names(rank(DirectoryQuery(role: .peer)))) == ["Ada Lovelace", "Linus"])
}

@Test func openOnlyForMentorsNeedsAFreePlace() {
    // given Grace, open to mentoring but full
    let hits = rank(DirectoryQuery(role: .mentor, openOnly: true))
    // then only Ada, who has room, is shown, with her places
    #expect(names(hits) == ["Ada Lovelace"])
    #expect(hits[0].reasons == ["Open to mentoring · 2 of 3 places free"])
    // and with no role, open-only means the same
    #expect(names(rank(DirectoryQuery(openOnly: true))) == ["Ada Lovelace"])
}

@Test func fullMentorIsShownWithoutOpenOnlyAndSaysSo() {
    let hit = rank(DirectoryQuery(role: .mentor), [grace]).first
    #expect(hit?.reasons == ["Open to mentoring · no places free right now"])
}

@Test func openOnlyForMenteesAndPeersMeansThatFlag() {
    #expect(Set(names(rank(DirectoryQuery(role: .mentee, openOnly: true)))) == ["Grace Hopper", "Linus"])
    #expect(Set(names(rank(DirectoryQuery(role: .peer, openOnly: true)))) == ["Ada Lovelace", "Linus"])
}

@Test func organizationFilterIgnoresCase() {
    let hits = rank(DirectoryQuery(organization: " NORTHWIND"))
    #expect(names(hits) == ["Ada Lovelace", "Linus"])
    #expect(hits.map(\.reasons) == [["Works at Northwind"], ["Works at northwind"]])
}

@Test func timeZoneBandFilterUsesTheOffsetAtTheGivenTime() {
    let hits = rank(DirectoryQuery(timeZoneBand: .americas))
    #expect(names(hits) == ["Grace Hopper"])
    #expect(hits[0].reasons == ["In Americas time zones (UTC\u{2212}5)"])
    #expect(names(rank(DirectoryQuery(timeZoneBand: .asiaPacific))) == ["Linus"])
    // and in July New York is UTC−4
    let july = DirectoryRanking.rank(everyone, for: DirectoryQuery(timeZoneBand: .americas), now: instant("2025-07-15T12:00:00Z"))
    #expect(july.first?.reasons == ["In Americas time zones (UTC\u{2212}4)"])
}

@Test func allFiltersMustHoldTogether() {
    #expect(rank(DirectoryQuery(skill: "swift", timeZoneBand: .asiaPacific)).isEmpty)
    #expect(names(rank(DirectoryQuery(text: "swift", organization: "northwind"))) == ["Ada Lovelace", "Linus"])
}

@Test func browsingExplainsWhatEachPersonIsOpenTo() {
    // when nothing narrows the search
    let hits = rank(DirectoryQuery())
    // then everyone is listed, people with free places first, then by name
    #expect(names(hits) == ["Ada Lovelace", "Grace Hopper", "Linus"])
    #expect(hits.map(\.reasons) == [
        ["Open to mentoring · 2 of 3 places free", "Open to peer mentoring"],
        ["Open to mentoring · no places free right now", "Looking for a mentor"],
        ["Looking for a mentor", "Open to peer mentoring"],
    ])
}

@Test func freePlacesGiveASmallBonusThatNeverBeatsABetterMatch() {
    // given two people with "ops" in their name, one with free places, and a mentor with room who only has it in goals
    let people = [
        DirectoryCandidate(id: id(20), name: "Ops Bea", openToMentoring: true, mentorCapacity: 5),
        DirectoryCandidate(id: id(21), name: "Ops Al"),
        DirectoryCandidate(id: id(22), name: "Cy", goals: "ops", openToMentoring: true, mentorCapacity: 20),
    ]
    // then free places lift Bea above Al, but Cy's weaker match stays last
    #expect(names(rank(DirectoryQuery(text: "ops"), people)) == ["Ops Bea", "Ops Al", "Cy"])
}

@Test func tiesAreOrderedByNameThenId() {
    // given equal scores, names differing only in case, and two identical names
    let people = [
        DirectoryCandidate(id: id(32), name: "bob"),
        DirectoryCandidate(id: id(31), name: "Bob"),
        DirectoryCandidate(id: id(30), name: "alice"),
        DirectoryCandidate(id: id(33), name: "Carol"),
    ]
    let hits = rank(DirectoryQuery(), people)
    // then the order is alphabetical ignoring case, then by id
    #expect(hits.map(\.candidate.id) == [id(30), id(31), id(32), id(33)])
}

@Test func theTeamIsSearchedAndExplained() {
    // given someone on the Platform team whose title does not say so
    let sam = DirectoryCandidate(id: id(9), name: "Sam Okoro", title: "Senior Engineer", team: "Cloud Platform")
    // when searching for "platform"
    let hits = DirectoryRanking.rank([sam, linus], for: DirectoryQuery(text: "platform"), now: january)
    // then only Sam is found, and the reason names the team
    #expect(hits.map(\.candidate.id) == [sam.id])
    #expect(hits.first?.reasons.contains("Team mentions “platform”") == true)
}

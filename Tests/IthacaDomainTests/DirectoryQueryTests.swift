import Foundation
import IthacaDomain
import Testing

@Test func termsAreDistinctLowercasedWords() {
    let query = DirectoryQuery(text: "  Swift  BACKEND, swift\tc++ ")
    #expect(query.terms == ["swift", "backend", "c++"])
}

@Test func termsStopAtEight() {
    let query = DirectoryQuery(text: "a b c d e f g h i j")
    #expect(query.terms == ["a", "b", "c", "d", "e", "f", "g", "h"])
}

@Test func blankTextHasNoTerms() {
    #expect(DirectoryQuery(text: " \n ").terms.isEmpty)
    #expect(DirectoryQuery() == DirectoryQuery(text: "", skill: nil, role: nil, openOnly: false, organization: nil, timeZoneBand: nil))
}

@Test func rolesHaveLabels() {
    #expect(DirectoryRole.allCases.map(\.label) == ["Open to mentoring", "Looking for a mentor", "Open to peer mentoring"])
}

@Test func freePlacesCountOnlyWhenOpenToMentoring() {
    let id = UUID()
    #expect(DirectoryCandidate(id: id, name: "A", openToMentoring: true, mentorCapacity: 3, activeMentees: 1).freePlaces == 2)
    #expect(DirectoryCandidate(id: id, name: "A", openToMentoring: true, mentorCapacity: 2, activeMentees: 5).freePlaces == 0)
    #expect(DirectoryCandidate(id: id, name: "A", openToMentoring: false, mentorCapacity: 3).freePlaces == 0)
}

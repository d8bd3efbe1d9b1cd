import Foundation
import IthacaDomain
import Testing

private let me = UUID()
private let today = "2025-06-30"
private let ada = Profile(name: "Ada Lovelace")

/// Applies `edit` to empty changes and returns the field errors (empty if accepted).
private func errors(from profile: Profile = ada, _ edit: (inout ProfileChanges) -> Void) -> [FieldError] {
    var changes = ProfileChanges()
    edit(&changes)
    return fieldErrors { () throws(IthacaError) in try changes.applied(to: profile, selfId: me, today: today) }
}

/// Applies `edit` to empty changes and returns the resulting profile.
private func applying(to profile: Profile = ada, _ edit: (inout ProfileChanges) -> Void) throws -> Profile {
    var changes = ProfileChanges()
    edit(&changes)
    return try changes.applied(to: profile, selfId: me, today: today)
}

@Test func noChangesLeaveTheProfileAsItIs() throws {
    #expect(try applying { _ in } == ada)
}

@Test func textFieldsAreTrimmedAndMerged() throws {
    // given changes to some fields only
    var start = ada
    start.team = "Engines"
    let profile = try applying(to: start) {
        $0.name = "  Ada King  "
        $0.pronouns = " she/her "
        $0.headline = "Analyst "
        $0.organization = " Analytical Society"
    }
    // then those are trimmed and set, and the untouched team stays
    #expect(profile.name == "Ada King")
    #expect(profile.pronouns == "she/her")
    #expect(profile.headline == "Analyst")
    #expect(profile.organization == "Analytical Society")
    #expect(profile.team == "Engines")
}

@Test func emptyStringClearsAnOptionalText() throws {
    var start = ada
    start.headline = "Old headline"
    #expect(try applying(to: start) { $0.headline = "" }.headline == "")
}

@Test func nameIsRequired() {
    #expect(errors { $0.name = "   " } == [FieldError(field: "name", message: "Enter your name.")])
}

@Test(arguments: [
    ("name", 100), ("pronouns", 40), ("headline", 140), ("bio", 5_000), ("organization", 100),
    ("team", 100), ("title", 100), ("goals", 2_000), ("gender", 60),
])
func textFieldsHaveMaximumLengths(field: String, maximum: Int) throws {
    func set(_ value: String) -> (inout ProfileChanges) -> Void {
        { changes in
            switch field {
            case "name": changes.name = value
            case "pronouns": changes.pronouns = value
            case "headline": changes.headline = value
            case "bio": changes.bio = value
            case "organization": changes.organization = value
            case "team": changes.team = value
            case "title": changes.title = value
            case "goals": changes.goals = value
            default: changes.gender = value
            }
        }
    }
    // then exactly the maximum is fine and one more character is refused under that field
    #expect(errors(set(String(repeating: "é", count: maximum))) == [])
    let refused = errors(set(String(repeating: "é", count: maximum + 1)))
    #expect(refused.map(\.field) == [field])
    #expect(refused.first?.message.contains("characters or fewer") == true)
}

@Test func lengthMessageSaysTheLimitAndCurrentLength() {
    let refused = errors { $0.bio = String(repeating: "x", count: 5_001) }
    #expect(refused.first?.message == "Keep your bio to 5,000 characters or fewer (it has 5,001 now).")
}

@Test func controlCharactersAreRefusedButBioKeepsLineBreaks() throws {
    // given a bio with paragraphs and a tab, typed on Windows
    let profile = try applying { $0.bio = "Hello\r\n\r\n\tWorld"; $0.goals = "One\nTwo" }
    // then the line breaks are kept and normalised
    #expect(profile.bio == "Hello\n\n\tWorld")
    #expect(profile.goals == "One\nTwo")
    // and a line break in a one-line field, or a control character anywhere, is refused
    let refused = errors {
        $0.headline = "Two\nlines"
        $0.bio = "Bell\u{07}"
        $0.team = "Null\u{0}"
    }
    #expect(refused.map(\.field) == ["headline", "bio", "team"])
    #expect(refused[0].message.contains("control characters"))
}

@Test func managerCanBeSetClearedButNotSelf() throws {
    let boss = UUID()
    var withManager = try applying { $0.managerId = boss.uuidString.lowercased() }
    #expect(withManager.managerId == boss)
    withManager = try applying(to: withManager) { $0.managerId = "" }
    #expect(withManager.managerId == nil)
    #expect(errors { $0.managerId = me.uuidString } == [FieldError(field: "managerId", message: "You can't be your own manager.")])
    #expect(errors { $0.managerId = "not-an-id" }.map(\.field) == ["managerId"])
}

@Test func tenureStartMustBeARealPastDate() throws {
    #expect(try applying { $0.tenureStart = "2024-02-29" }.tenureStart == "2024-02-29")
    #expect(try applying { $0.tenureStart = today }.tenureStart == today)
    var started = ada
    started.tenureStart = "2020-01-01"
    #expect(try applying(to: started) { $0.tenureStart = "" }.tenureStart == nil)
    for bad in ["2023-02-29", "2024-13-01", "2024-04-31", "24-01-01", "2024/01/01", "2024-1-01", "soon"] {
        #expect(errors { $0.tenureStart = bad }.map(\.field) == ["tenureStart"], "\(bad)")
    }
    #expect(errors { $0.tenureStart = "2025-07-01" } == [FieldError(field: "tenureStart", message: "Your start date can't be in the future.")])
}

@Test func careerStageMustBeAKnownStage() throws {
    #expect(try applying { $0.careerStage = "senior" }.careerStage == .senior)
    var staged = ada
    staged.careerStage = .mid
    #expect(try applying(to: staged) { $0.careerStage = "" }.careerStage == nil)
    let refused = errors { $0.careerStage = "wizard" }
    #expect(refused == [FieldError(
        field: "careerStage",
        message: "Choose a career stage: student, early, mid, senior, lead, manager or executive."
    )])
}

@Test func timeZoneMustBeIana() throws {
    #expect(try applying { $0.timeZone = " Europe/Lisbon " }.timeZone == "Europe/Lisbon")
    #expect(errors { $0.timeZone = "Lisbon" } == [FieldError(field: "timeZone", message: "Choose a time zone such as Europe/Lisbon.")])
    #expect(errors { $0.timeZone = "" }.map(\.field) == ["timeZone"])
}

@Test func languagesAreLimitedInNumberAndLength() throws {
    #expect(try applying { $0.languages = [" English", "Português ", "english", ""] }.languages == ["English", "Português"])
    #expect(errors { $0.languages = (1...11).map { "Language \($0)" } }.map(\.field) == ["languages"])
    #expect(errors { $0.languages = (1...10).map { "Language \($0)" } } == [])
    #expect(errors { $0.languages = [String(repeating: "a", count: 41)] }.map(\.field) == ["languages"])
}

@Test func skillsAreTidiedDedupedAndLimited() throws {
    // given skills with stray spaces and a repeat in another case
    let profile = try applying {
        $0.skillsOffered = ["  Swift ", "public   speaking", "swift"]
        $0.skillsWanted = ["Leadership"]
    }
    // then the display spelling is kept once
    #expect(profile.skillsOffered == ["Swift", "public speaking"])
    #expect(profile.skillsWanted == ["Leadership"])
    // and more than 30, or one longer than 50 characters, is refused
    #expect(errors { $0.skillsOffered = (1...31).map { "Skill \($0)" } }.map(\.field) == ["skillsOffered"])
    #expect(errors { $0.skillsWanted = [String(repeating: "s", count: 51)] }.map(\.field) == ["skillsWanted"])
    #expect(errors { $0.skillsWanted = [String(repeating: "s", count: 50)] } == [])
}

@Test func strengthsAndAreasToGrowAreLimited() {
    #expect(errors { $0.strengths = (1...21).map { "Strength \($0)" } }.map(\.field) == ["strengths"])
    #expect(errors { $0.areasToGrow = [String(repeating: "g", count: 81)] }.map(\.field) == ["areasToGrow"])
    #expect(errors { $0.areasToGrow = [String(repeating: "g", count: 80)]; $0.strengths = (1...20).map { "S\($0)" } } == [])
}

@Test func mentorCapacityMustBeFrom0To20() throws {
    #expect(try applying { $0.mentorCapacity = 20 }.mentorCapacity == 20)
    #expect(try applying { $0.mentorCapacity = 0 }.mentorCapacity == 0)
    #expect(errors { $0.mentorCapacity = 21 }.map(\.field) == ["mentorCapacity"])
    #expect(errors { $0.mentorCapacity = -1 }.map(\.field) == ["mentorCapacity"])
}

@Test func openingToMentoringNeedsAtLeastOnePlace() throws {
    let needsPlaces = [FieldError(field: "mentorCapacity", message: "Set how many mentees you can take at once (1–20).")]
    // when opening to mentoring with no capacity, now or already stored
    #expect(errors { $0.openToMentoring = true } == needsPlaces)
    #expect(errors { $0.openToMentoring = true; $0.mentorCapacity = 0 } == needsPlaces)
    // then giving capacity in the same change, or having it already, is fine
    let opened = try applying { $0.openToMentoring = true; $0.mentorCapacity = 2 }
    #expect(opened.openToMentoring && opened.mentorCapacity == 2)
    var withPlaces = ada
    withPlaces.mentorCapacity = 3
    #expect(try applying(to: withPlaces) { $0.openToMentoring = true }.openToMentoring)
    // and dropping capacity to zero while still open is refused
    #expect(errors(from: opened) { $0.mentorCapacity = 0 } == needsPlaces)
    // while closing and zeroing together is fine
    #expect(errors(from: opened) { $0.openToMentoring = false; $0.mentorCapacity = 0 } == [])
}

@Test func openToFlagsAreMerged() throws {
    let profile = try applying { $0.openToBeingMentored = true; $0.openToPeer = true }
    #expect(profile.openToBeingMentored && profile.openToPeer && !profile.openToMentoring)
}

@Test func mentorPreferencesMustBeKnownChoices() throws {
    let profile = try applying { $0.mentorGenderPreference = "same"; $0.mentorOrganizationPreference = "outside" }
    #expect(profile.mentorGenderPreference == .same)
    #expect(profile.mentorOrganizationPreference == .outside)
    #expect(errors { $0.mentorGenderPreference = "male"; $0.mentorOrganizationPreference = "abroad" } == [
        FieldError(field: "mentorGenderPreference", message: "Choose a preference for your mentor's gender: any or same."),
        FieldError(field: "mentorOrganizationPreference", message: "Choose where your mentor should work: either, inside or outside."),
    ])
}

@Test func everyProblemIsReportedAtOnce() {
    // given changes with several problems and one good field
    var changes = ProfileChanges()
    changes.name = ""
    changes.headline = "Fine"
    changes.timeZone = "Atlantis"
    changes.mentorCapacity = 99
    changes.careerStage = "guru"
    // when applied
    let thrown = fieldErrors { () throws(IthacaError) in try changes.applied(to: ada, selfId: me, today: today) }
    // then all four fields are named
    #expect(thrown.map(\.field) == ["name", "careerStage", "timeZone", "mentorCapacity"])
}

@Test func theCalendarDayOfAnInstantDependsOnTheZone() {
    // 2026-11-23T23:30:00Z is still the 23rd in UTC but already the 24th in Tokyo
    let instant = Date(timeIntervalSince1970: 1_795_476_600)
    #expect(CalendarDay.of(instant) == "2026-11-23")
    #expect(CalendarDay.of(instant, in: TimeZone(identifier: "Asia/Tokyo")!) == "2026-11-24")
}

@Test func freePlacesAreCapacityLessPlacesHeldAndNoneUnlessOpenToMentoring() {
    var mentor = Profile(name: "Grace")
    mentor.mentorCapacity = 3
    mentor.openToMentoring = true
    #expect(mentor.freePlaces(taken: 0) == 3)
    #expect(mentor.freePlaces(taken: 2) == 1)
    // more held than offered (capacity lowered after accepting) is full, never negative
    #expect(mentor.freePlaces(taken: 5) == 0)
    mentor.openToMentoring = false
    #expect(mentor.freePlaces(taken: 0) == 0)
}

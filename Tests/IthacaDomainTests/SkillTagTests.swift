import IthacaDomain
import Testing

@Test func skillIsNormalisedForComparison() {
    #expect(SkillTag.normalize("  Public \t  Speaking \n") == "public speaking")
}

@Test func skillListIsSplitOnCommasAndNewlines() {
    // given skills typed with commas, line breaks, blanks and repeats in other cases
    let raw = "Swift, SwiftUI\n  public   speaking ,, \r\nswift\nSWIFTUI,Leadership"
    // when parsed
    let skills = SkillTag.parseList(raw)
    // then each skill appears once, first spelling and order kept
    #expect(skills == ["Swift", "SwiftUI", "public speaking", "Leadership"])
}

@Test func emptySkillTextGivesNoSkills() {
    #expect(SkillTag.parseList(" ,\n, ").isEmpty)
}

@Test func cleanListKeepsDisplaySpellingAndDropsRepeats() {
    #expect(SkillTag.cleanList(["  iOS ", "ios", "", "Go"]) == ["iOS", "Go"])
}

import Foundation

/// The limits on one free-text profile field.
struct TextRule {
    let field: String
    /// How the field is named in a sentence ("Keep your job title to …").
    let label: String
    let maxLength: Int
    var multiline = false

    static let name = TextRule(field: "name", label: "name", maxLength: 100)
    static let pronouns = TextRule(field: "pronouns", label: "pronouns", maxLength: 40)
    static let headline = TextRule(field: "headline", label: "headline", maxLength: 140)
    static let bio = TextRule(field: "bio", label: "bio", maxLength: 5_000, multiline: true)
    static let organization = TextRule(field: "organization", label: "organisation", maxLength: 100)
    static let team = TextRule(field: "team", label: "team", maxLength: 100)
    static let title = TextRule(field: "title", label: "job title", maxLength: 100)
    static let goals = TextRule(field: "goals", label: "goals", maxLength: 2_000, multiline: true)
    static let gender = TextRule(field: "gender", label: "gender", maxLength: 60)
}

/// The limits on one list field of a profile.
struct ListRule {
    let field: String
    /// The list in a sentence ("List up to 10 languages").
    let label: String
    /// One item in a sentence ("Keep each skill to …").
    let itemLabel: String
    let maxItems: Int
    let maxItemLength: Int

    static let languages = ListRule(
        field: "languages", label: "languages", itemLabel: "language", maxItems: 10, maxItemLength: 40)
    static let skillsOffered = ListRule(
        field: "skillsOffered", label: "skills you offer", itemLabel: "skill", maxItems: 30, maxItemLength: 50)
    static let skillsWanted = ListRule(
        field: "skillsWanted", label: "skills you want to grow", itemLabel: "skill", maxItems: 30, maxItemLength: 50)
    static let strengths = ListRule(
        field: "strengths", label: "strengths", itemLabel: "strength", maxItems: 20, maxItemLength: 80)
    static let areasToGrow = ListRule(
        field: "areasToGrow", label: "areas to grow", itemLabel: "area", maxItems: 20, maxItemLength: 80)
}

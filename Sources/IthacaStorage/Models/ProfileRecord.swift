import FluentKit
import Foundation
import IthacaDomain

/// A row of `profiles`, keyed by the account id.
public final class ProfileRecord: Model, @unchecked Sendable {
    public static let schema = "profiles"

    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "pronouns") var pronouns: String
    @Field(key: "headline") var headline: String
    @Field(key: "bio") var bio: String
    @Field(key: "organization") var organization: String
    @Field(key: "team") var team: String
    @Field(key: "title") var title: String
    @OptionalField(key: "manager_id") var managerId: UUID?
    @OptionalField(key: "tenure_start") var tenureStart: String?
    @OptionalField(key: "career_stage") var careerStage: String?
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "languages") var languages: [String]
    @Field(key: "skills_offered") var skillsOffered: [String]
    @Field(key: "skills_wanted") var skillsWanted: [String]
    @Field(key: "goals") var goals: String
    @Field(key: "strengths") var strengths: [String]
    @Field(key: "areas_to_grow") var areasToGrow: [String]
    @Field(key: "open_to_mentoring") var openToMentoring: Bool
    @Field(key: "mentor_capacity") var mentorCapacity: Int
    @Field(key: "open_to_being_mentored") var openToBeingMentored: Bool
    @Field(key: "open_to_peer") var openToPeer: Bool
    @Field(key: "gender") var gender: String
    @Field(key: "mentor_gender_preference") var mentorGenderPreference: String
    @Field(key: "mentor_organization_preference") var mentorOrganizationPreference: String
    @Field(key: "search_text") var searchText: String
    @Field(key: "offered_tags") var offeredTags: String
    @Field(key: "wanted_tags") var wantedTags: String
    @Field(key: "updated_at") var updatedAt: Date

    public init() {}

    init(userId: UUID, profile: Profile, now: Date) {
        self.id = userId
        apply(profile, now: now)
    }

    /// Copies a validated profile into the row, refreshing the search columns.
    func apply(_ p: Profile, now: Date) {
        name = p.name
        pronouns = p.pronouns
        headline = p.headline
        bio = p.bio
        organization = p.organization
        team = p.team
        title = p.title
        managerId = p.managerId
        tenureStart = p.tenureStart
        careerStage = p.careerStage?.rawValue
        timeZone = p.timeZone
        languages = p.languages
        skillsOffered = p.skillsOffered
        skillsWanted = p.skillsWanted
        goals = p.goals
        strengths = p.strengths
        areasToGrow = p.areasToGrow
        openToMentoring = p.openToMentoring
        mentorCapacity = p.mentorCapacity
        openToBeingMentored = p.openToBeingMentored
        openToPeer = p.openToPeer
        gender = p.gender
        mentorGenderPreference = p.mentorGenderPreference.rawValue
        mentorOrganizationPreference = p.mentorOrganizationPreference.rawValue
        searchText = Self.searchText(p)
        offeredTags = Self.tagList(p.skillsOffered)
        wantedTags = Self.tagList(p.skillsWanted)
        updatedAt = now
    }

    /// The lowercased text the directory searches.
    static func searchText(_ p: Profile) -> String {
        [p.name, p.headline, p.title, p.team, p.organization, p.skillsOffered.joined(separator: " "),
         p.skillsWanted.joined(separator: " "), p.goals]
            .joined(separator: "\n").lowercased()
    }

    /// "|swift|system design|": lets SQL filter by an exact skill with LIKE '%|swift|%' on both databases.
    static func tagList(_ skills: [String]) -> String {
        "|" + skills.map { SkillTag.normalize($0) }.joined(separator: "|") + "|"
    }

    public var profile: Profile {
        var p = Profile(name: name)
        p.pronouns = pronouns
        p.headline = headline
        p.bio = bio
        p.organization = organization
        p.team = team
        p.title = title
        p.managerId = managerId
        p.tenureStart = tenureStart
        p.careerStage = careerStage.flatMap(CareerStage.init(rawValue:))
        p.timeZone = timeZone
        p.languages = languages
        p.skillsOffered = skillsOffered
        p.skillsWanted = skillsWanted
        p.goals = goals
        p.strengths = strengths
        p.areasToGrow = areasToGrow
        p.openToMentoring = openToMentoring
        p.mentorCapacity = mentorCapacity
        p.openToBeingMentored = openToBeingMentored
        p.openToPeer = openToPeer
        p.gender = gender
        p.mentorGenderPreference = MentorGenderPreference(rawValue: mentorGenderPreference) ?? .any
        p.mentorOrganizationPreference = MentorOrganizationPreference(rawValue: mentorOrganizationPreference) ?? .either
        return p
    }
}

import Foundation
import IthacaDomain
import SQLKit

/// A profile as the columns of `profiles`, for bulk reads and writes through SQLKit (imports), where building a
/// Fluent model per row would cost more than the database work itself.
enum ProfileColumns {
    static let names = [
        "id", "name", "pronouns", "headline", "bio", "organization", "team", "title", "manager_id", "tenure_start",
        "career_stage", "time_zone", "languages", "skills_offered", "skills_wanted", "goals", "strengths", "areas_to_grow",
        "open_to_mentoring", "mentor_capacity", "open_to_being_mentored", "open_to_peer", "gender",
        "mentor_gender_preference", "mentor_organization_preference", "search_text", "offered_tags", "wanted_tags", "updated_at",
    ]

    /// The row's values in `names` order, with the search columns derived as `ProfileRecord` derives them.
    static func values(id: UUID, _ p: Profile, now: Date) -> [BulkValue] {
        [
            .uuid(id), .text(p.name), .text(p.pronouns), .text(p.headline), .text(p.bio), .text(p.organization), .text(p.team),
            .text(p.title), .uuid(p.managerId), .text(p.tenureStart), .text(p.careerStage?.rawValue), .text(p.timeZone),
            .strings(p.languages), .strings(p.skillsOffered), .strings(p.skillsWanted), .text(p.goals), .strings(p.strengths),
            .strings(p.areasToGrow), .bool(p.openToMentoring), .integer(p.mentorCapacity), .bool(p.openToBeingMentored),
            .bool(p.openToPeer), .text(p.gender), .text(p.mentorGenderPreference.rawValue),
            .text(p.mentorOrganizationPreference.rawValue), .text(ProfileRecord.searchText(p)),
            .text(ProfileRecord.tagList(p.skillsOffered)), .text(ProfileRecord.tagList(p.skillsWanted)), .date(now),
        ]
    }

    static func profile(_ row: BulkRow) throws -> (UUID, Profile) {
        var p = Profile(name: try row.text("name"))
        p.pronouns = try row.text("pronouns")
        p.headline = try row.text("headline")
        p.bio = try row.text("bio")
        p.organization = try row.text("organization")
        p.team = try row.text("team")
        p.title = try row.text("title")
        p.managerId = try row.uuid("manager_id")
        p.tenureStart = try row.optionalText("tenure_start")
        p.careerStage = try row.optionalText("career_stage").flatMap(CareerStage.init(rawValue:))
        p.timeZone = try row.text("time_zone")
        p.languages = try row.strings("languages")
        p.skillsOffered = try row.strings("skills_offered")
        p.skillsWanted = try row.strings("skills_wanted")
        p.goals = try row.text("goals")
        p.strengths = try row.strings("strengths")
        p.areasToGrow = try row.strings("areas_to_grow")
        p.openToMentoring = try row.bool("open_to_mentoring")
        p.mentorCapacity = try row.integer("mentor_capacity")
        p.openToBeingMentored = try row.bool("open_to_being_mentored")
        p.openToPeer = try row.bool("open_to_peer")
        p.gender = try row.text("gender")
        p.mentorGenderPreference = MentorGenderPreference(rawValue: try row.text("mentor_gender_preference")) ?? .any
        p.mentorOrganizationPreference = MentorOrganizationPreference(rawValue: try row.text("mentor_organization_preference")) ?? .either
        return (try row.id("id"), p)
    }
}

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

    static func profile(_ row: any SQLRow, sqlite: Bool) throws -> (UUID, Profile) {
        func strings(_ column: String) throws -> [String] { try BulkValue.strings(row, column, sqlite: sqlite) }
        var p = Profile(name: try row.decode(column: "name", as: String.self))
        p.pronouns = try row.decode(column: "pronouns", as: String.self)
        p.headline = try row.decode(column: "headline", as: String.self)
        p.bio = try row.decode(column: "bio", as: String.self)
        p.organization = try row.decode(column: "organization", as: String.self)
        p.team = try row.decode(column: "team", as: String.self)
        p.title = try row.decode(column: "title", as: String.self)
        p.managerId = try BulkValue.uuid(row, "manager_id", sqlite: sqlite)
        p.tenureStart = try row.decode(column: "tenure_start", as: String?.self)
        p.careerStage = try row.decode(column: "career_stage", as: String?.self).flatMap(CareerStage.init(rawValue:))
        p.timeZone = try row.decode(column: "time_zone", as: String.self)
        p.languages = try strings("languages")
        p.skillsOffered = try strings("skills_offered")
        p.skillsWanted = try strings("skills_wanted")
        p.goals = try row.decode(column: "goals", as: String.self)
        p.strengths = try strings("strengths")
        p.areasToGrow = try strings("areas_to_grow")
        p.openToMentoring = try row.decode(column: "open_to_mentoring", as: Bool.self)
        p.mentorCapacity = try row.decode(column: "mentor_capacity", as: Int.self)
        p.openToBeingMentored = try row.decode(column: "open_to_being_mentored", as: Bool.self)
        p.openToPeer = try row.decode(column: "open_to_peer", as: Bool.self)
        p.gender = try row.decode(column: "gender", as: String.self)
        p.mentorGenderPreference = MentorGenderPreference(rawValue: try row.decode(column: "mentor_gender_preference", as: String.self)) ?? .any
        p.mentorOrganizationPreference = MentorOrganizationPreference(
            rawValue: try row.decode(column: "mentor_organization_preference", as: String.self)) ?? .either
        return (try BulkValue.id(row, "id", sqlite: sqlite), p)
    }
}

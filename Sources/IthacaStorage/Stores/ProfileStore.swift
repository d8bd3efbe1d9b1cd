import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// Profiles, the reporting line and the directory's candidate search.
public struct ProfileStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Read straight from the driver's rows (`DirectRead`): pages read profiles and names on almost every request,
    /// and a Fluent model decodes each row by reflecting over its properties.
    public func profile(userId: UUID) async throws -> Profile? {
        try await Self.oneProfile.first([.uuid(userId)], on: database.db).map { try ProfileColumns.profile($0).1 }
    }

    static let oneProfile = DirectRead("SELECT \(ProfileColumns.names.map { "\"\($0)\"" }.joined(separator: ", ")) FROM profiles WHERE id = $1")
    static let idsAndNames = BulkSelect(table: "profiles", columns: ["id", "name"], key: "id")
    static let reportsByName = DirectRead("SELECT id, name FROM profiles WHERE manager_id = $1 ORDER BY name")

    public func save(userId: UUID, profile: Profile, now: Date) async throws {
        guard let record = try await ProfileRecord.find(userId, on: database.db) else {
            throw IthacaError.notFound("profile")
        }
        record.apply(profile, now: now)
        try await record.save(on: database.db)
    }

    /// Names of the given people, for links (manager, reports).
    public func names(of ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await Self.idsAndNames.rows(Array(Set(ids)).map(BulkValue.uuid), on: database.db)
        return Dictionary(try rows.map { (try $0.id("id"), try $0.text("name")) }, uniquingKeysWith: { first, _ in first })
    }

    /// The people who report to this person, by name.
    public func reports(of managerId: UUID) async throws -> [(id: UUID, name: String)] {
        try await Self.reportsByName.rows([.uuid(managerId)], on: database.db).map { (try $0.id("id"), try $0.text("name")) }
    }

    /// The reporting line above `person` as a lookup table, walking one manager at a time (bounded, cycle-safe).
    public func managerLookup(startingAt person: UUID, maxDepth: Int = 64) async throws -> [UUID: UUID] {
        var lookup: [UUID: UUID] = [:]
        var current = person
        for _ in 0..<maxDepth {
            guard let manager = try await ProfileRecord.find(current, on: database.db)?.managerId else { break }
            lookup[current] = manager
            if lookup[manager] != nil { break }
            current = manager
        }
        return lookup
    }

    /// Loose SQL prefilter for the directory; `DirectoryRanking` re-applies every rule exactly.
    /// LIKE wildcards typed by a person ("%", "_") only widen the prefilter, so they need no escaping.
    public func directoryCandidates(for query: DirectoryQuery, limit: Int = 5_000) async throws -> [DirectoryCandidate] {
        let builder = ProfileRecord.query(on: database.db)
        for term in query.terms {
            builder.filter(\.$searchText ~~ term)
        }
        if let skill = query.skill.map(SkillTag.normalize), !skill.isEmpty {
            builder.group(.or) { $0.filter(\.$offeredTags ~~ "|\(skill)|").filter(\.$wantedTags ~~ "|\(skill)|") }
        }
        switch query.role {
        case .mentor?: builder.filter(\.$openToMentoring == true)
        case .mentee?: builder.filter(\.$openToBeingMentored == true)
        case .peer?: builder.filter(\.$openToPeer == true)
        case nil: if query.openOnly { builder.filter(\.$openToMentoring == true) }
        }
        // Organisation is matched case-insensitively by DirectoryRanking (SQL equality differs between databases).
        let rows = try await builder.sort(\.$name).limit(limit).all()
        return rows.map { row in
            DirectoryCandidate(
                id: row.id!, name: row.name, headline: row.headline, organization: row.organization,
                title: row.title, timeZone: row.timeZone, skillsOffered: row.skillsOffered,
                skillsWanted: row.skillsWanted, goals: row.goals, openToMentoring: row.openToMentoring,
                mentorCapacity: row.mentorCapacity,
                // Filled in by the directory from the mentorships' places taken.
                activeMentees: 0,
                openToBeingMentored: row.openToBeingMentored, openToPeer: row.openToPeer, team: row.team)
        }
    }

    /// Organisations people belong to, for the directory filter.
    public func organizations() async throws -> [String] {
        let rows = try await database.db.sql.raw(
            "SELECT DISTINCT organization FROM profiles WHERE organization <> '' ORDER BY organization"
        ).all()
        return try rows.map { try $0.decode(column: "organization", as: String.self) }
    }

    /// The most offered skills, for suggestions in the directory's skill field.
    public func popularSkills(limit: Int = 40) async throws -> [String] {
        let rows = try await ProfileRecord.query(on: database.db).field(\.$skillsOffered).all()
        var counts: [String: (display: String, count: Int)] = [:]
        for skill in rows.flatMap(\.skillsOffered) {
            let key = SkillTag.normalize(skill)
            counts[key, default: (skill, 0)].count += 1
        }
        return counts.values.sorted { ($0.count, $1.display) > ($1.count, $0.display) }.prefix(limit).map(\.display)
    }

    /// Figures for the public home page.
    public func communityStats() async throws -> (people: Int, mentorsOpen: Int, organizations: Int) {
        let db = database.db
        let people = try await ProfileRecord.query(on: db).count()
        let mentors = try await ProfileRecord.query(on: db).filter(\.$openToMentoring == true).count()
        let organizations = try await organizations().count
        return (people, mentors, organizations)
    }

    /// Profiles of many people at once (a program's participants), a thousand per query.
    public func profiles(ids: [UUID]) async throws -> [UUID: Profile] {
        var result: [UUID: Profile] = [:]
        for batch in ids.batches(of: 1000) {
            for record in try await ProfileRecord.query(on: database.db).filter(\.$id ~~ Array(batch)).all() {
                result[record.id!] = record.profile
            }
        }
        return result
    }

    /// Everyone's manager: reporting chains for a whole program are walked in memory.
    public func managerMap() async throws -> [UUID: UUID] {
        try await ParticipantImportStore.managers(on: database.db)
    }

    /// The site admins (told of reports).
    public func siteAdmins() async throws -> [UUID] {
        try await database.db.sql.raw("SELECT id FROM users WHERE role = 'admin'").all().map { try $0.decode(column: "id", as: UUID.self) }
    }
}

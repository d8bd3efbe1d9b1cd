import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// What applying an import changed.
public struct ImportOutcome: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var enrolled = 0
    /// Problems that did not stop a row (a manager nobody knows), by CSV line.
    public var warnings: [Int: [String]] = [:]
}

/// Applies checked participant rows in bulk: accounts (new ones cannot sign in until they set a password),
/// profiles and enrolments, in one transaction, a few hundred rows per statement (`BulkInsert`, `BulkSelect`). Re-importing the same file
/// updates the same people and enrolments in place (rows the file leaves as they are are not written); nothing is
/// ever duplicated (unique emails, one enrolment per person and program).
public struct ParticipantImportStore: Sendable {
    let database: IthacaDatabase
    static let users = BulkInsert(table: "users", columns: ["id", "email", "password_hash", "role", "created_at", "password_changed_at"])
    static let profiles = BulkInsert(
        table: "profiles", columns: ProfileColumns.names, conflictKey: ["id"], updating: Array(ProfileColumns.names.dropFirst()))
    static let enrolments = BulkInsert(
        table: "enrolments", columns: ["id", "program_id", "person_id", "role", "answers", "created_at", "updated_at"],
        conflictKey: ["program_id", "person_id"], updating: ["role", "answers", "updated_at"])
    static let accounts = BulkSelect(table: "users", columns: ["id", "email"], key: "email")
    static let currentProfiles = BulkSelect(table: "profiles", columns: ProfileColumns.names, key: "id")
    static let currentEnrolments = BulkSelect(table: "enrolments", columns: ["person_id", "answers"], key: "person_id")
    /// Stored instead of a password hash: matches no password, so the account cannot be signed in to yet.
    static let noPassword = "!imported"

    /// New people after which the import refreshes PostgreSQL's statistics.
    let analyzeAfter: Int

    public init(database: IthacaDatabase, analyzeAfter: Int = 10_000) {
        self.database = database
        self.analyzeAfter = analyzeAfter
    }

    public func apply(_ lines: [ParticipantImport.Line], program: StoredProgram, now: Date) async throws -> ImportOutcome {
        let rows = lines.compactMap { line in line.row.map { (line: line.line, row: $0) } }
        return try await database.criticalSection(key: LockKeys.imports) { db in
            var outcome = ImportOutcome()
            let wanted = Set(rows.map(\.row.email) + rows.compactMap(\.row.managerEmail))
            var idByEmail = try await Self.userIds(for: Array(wanted), on: db)

            // 1. Accounts for newcomers.
            let newcomers = rows.filter { idByEmail[$0.row.email] == nil }
            for (item, id) in zip(newcomers, RandomUUIDs.ascending(newcomers.count)) { idByEmail[item.row.email] = id }
            try await Self.users.run(newcomers.map { item in
                [.uuid(idByEmail[item.row.email]!), .text(item.row.email), .text(Self.noPassword), .text(AccountRole.member.rawValue), .date(now), .date(now)]
            }, on: db)
            let created = Set(newcomers.map { idByEmail[$0.row.email]! })
            outcome.created = newcomers.count
            outcome.updated = rows.count - newcomers.count

            // Reads and writes go in id order, so each statement touches neighbouring pages of the id indexes;
            // merging goes in file order, so a reporting-line warning lands on the later line of the file.
            let people = rows.map { idByEmail[$0.row.email]! }
            let existing = people.filter { !created.contains($0) }.sorted(by: UUID.bytePrecedes)

            // 2. Profiles: read the existing ones, merge the file's columns in, write back the ones that changed.
            var current: [UUID: Profile] = [:]
            current.reserveCapacity(existing.count)
            for row in try await Self.currentProfiles.rows(existing.map(BulkValue.uuid), on: db) {
                let (id, profile) = try ProfileColumns.profile(row)
                current[id] = profile
            }
            var managerOf = try await Self.managers(on: db)
            var profileWrites: [(id: UUID, values: [BulkValue])] = []
            for (item, id) in zip(rows, people) {
                var profile = current[id] ?? Profile(name: item.row.name)
                Self.merge(item.row, into: &profile)
                if let managerEmail = item.row.managerEmail {
                    if let manager = idByEmail[managerEmail] {
                        if ReportingLine.wouldCreateCycle(person: id, newManager: manager, managerOf: { managerOf[$0] }) {
                            outcome.warnings[item.line, default: []].append(
                                "\(managerEmail) reports to \(item.row.email) already, so the manager was left unchanged.")
                        } else {
                            profile.managerId = manager
                            managerOf[id] = manager
                        }
                    } else {
                        outcome.warnings[item.line, default: []].append(
                            "The manager \(managerEmail) is not in Ithaca or this file; the manager was left unchanged.")
                    }
                }
                if profile != current[id] { profileWrites.append((id, ProfileColumns.values(id: id, profile, now: now))) }
            }
            current = [:]
            profileWrites.sort { UUID.bytePrecedes($0.id, $1.id) }
            try await Self.profiles.run(profileWrites.map(\.values), on: db)
            profileWrites = []

            // 3. Enrolments: one per person and program; re-import keeps the id and enrolment date and updates the rest.
            var previous: [UUID: EnrolmentAnswers?] = [:]
            var enrolled = Self.currentEnrolments
            enrolled.filter = ("program_id", .uuid(program.id))
            for row in try await enrolled.rows(existing.map(BulkValue.uuid), on: db) {
                previous[try row.id("person_id")] = JSONColumn.decode(EnrolmentAnswers.self, try row.text("answers"))
            }
            var enrolmentWrites: [(person: UUID, role: EnrolmentRole, answers: String)] = []
            for (item, person) in zip(rows, people) {
                let earlier = previous[person] ?? nil
                let answers = Self.answers(item.row, keeping: earlier)
                if previous[person] != nil, answers == earlier { continue }
                enrolmentWrites.append((person, item.row.role, JSONColumn.encode(answers)))
            }
            enrolmentWrites.sort { UUID.bytePrecedes($0.person, $1.person) }
            // Ids for new enrolments (an update keeps its own).
            let enrolmentIds = RandomUUIDs.ascending(enrolmentWrites.count)
            try await Self.enrolments.run(zip(enrolmentIds, enrolmentWrites).map { id, write in
                [.uuid(id), .uuid(program.id), .uuid(write.person), .text(write.role.rawValue), .text(write.answers), .date(now), .date(now)]
            }, on: db)
            outcome.enrolled = rows.count
            // PostgreSQL plans by its table statistics, which a bulk load leaves describing the tables before it; until
            // autovacuum catches up (a minute or so) it would scan whole tables for the next import's look-ups.
            if newcomers.count >= analyzeAfter, db.sql.dialect.name == "postgresql" {
                try await db.sql.raw("ANALYZE users, profiles, enrolments").run()
            }
            return outcome
        }
    }

    /// The file's columns over the person's profile; blank cells keep what the person wrote themselves.
    static func merge(_ row: ParticipantRow, into profile: inout Profile) {
        profile.name = row.name
        if !row.organisation.isEmpty { profile.organization = row.organisation }
        if !row.team.isEmpty { profile.team = row.team }
        if !row.title.isEmpty { profile.title = row.title }
        if let zone = row.timeZone { profile.timeZone = zone }
        if !row.goals.isEmpty { profile.goals = row.goals }
        switch row.role {
        case .mentor:
            if !row.skills.isEmpty { profile.skillsOffered = row.skills }
            profile.openToMentoring = true
            profile.mentorCapacity = max(profile.mentorCapacity, row.capacity)
        case .mentee:
            if !row.skills.isEmpty { profile.skillsWanted = row.skills }
            profile.openToBeingMentored = true
        case .peer:
            if !row.skills.isEmpty { profile.skillsWanted = row.skills }
            profile.openToPeer = true
        }
    }

    /// The enrolment answers a row gives, keeping the person's own preferences from an earlier enrolment.
    static func answers(_ row: ParticipantRow, keeping previous: EnrolmentAnswers?) -> EnrolmentAnswers {
        var answers = previous ?? EnrolmentAnswers(role: row.role)
        answers.role = row.role
        if !row.goals.isEmpty { answers.goals = row.goals }
        if !row.skills.isEmpty {
            if row.role == .mentor { answers.skillsOffered = row.skills } else { answers.skillsWanted = row.skills }
        }
        answers.capacity = row.role == .mentor ? row.capacity : 0
        return answers
    }

    static func userIds(for emails: [String], on db: any Database) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for row in try await accounts.rows(emails.map(BulkValue.text), on: db) { ids[try row.text("email")] = try row.id("id") }
        return ids
    }

    /// Everyone's manager, to refuse reporting-line cycles an import would create.
    static func managers(on db: any Database) async throws -> [UUID: UUID] {
        var managers: [UUID: UUID] = [:]
        for row in try await BulkSelect.rows("SELECT id, manager_id FROM profiles WHERE manager_id IS NOT NULL", on: db) {
            managers[try row.id("id")] = try row.id("manager_id")
        }
        return managers
    }
}

import FluentKit
import Foundation
import IthacaDomain

/// The demo's program: a cross-company 1:1 program with mentees and mentors from all three organisations enrolled,
/// so recommendations show on the showcase accounts' program page and an admin can run a round at once.
struct DemoProgramsWriter {
    let db: any Database
    let ids: [Int: UUID]
    let now: Date

    static let programName = "Cross-company mentoring, spring 2027"
    static let menteeCount = 60
    static let mentorCount = 24

    /// `showcaseMentee` and `showcaseMentor` (emails) are always enrolled, as mentee and mentor.
    func write(people: [DemoPerson], showcaseMentee: String, showcaseMentor: String) async throws {
        let showcase = [showcaseMentee, showcaseMentor]
        let admin = people.first(where: \.isAdmin).flatMap { ids[$0.key] }
        let program = ProgramRecord()
        program.id = UUID()
        program.createdBy = admin
        program.createdAt = now
        program.apply(ProgramDetails(
            name: Self.programName,
            description: "Mentees from Northwind Labs, Helios Health and Open Harbor, mentored across company lines. "
                + "Enrol, see who fits you and why, or wait for the program's matching round.",
            kind: .oneToOne, startDate: CalendarDay.of(now), endDate: CalendarDay.adding(months: 6, to: CalendarDay.of(now)) ?? CalendarDay.of(now),
            enrolmentOpen: true, matchingMode: .both), now: now)
        try await program.create(on: db)
        if let admin { try await ProgramAdminRecord(programId: program.id!, personId: admin).create(on: db) }
        let mentees = people.filter { $0.email == showcaseMentee }
            + Self.acrossOrganisations(people.filter { $0.profile.openToBeingMentored && !$0.isAdmin && !showcase.contains($0.email) }, Self.menteeCount)
        let mentors = people.filter { $0.email == showcaseMentor }
            + Self.acrossOrganisations(
                people.filter { $0.profile.openToMentoring && !$0.profile.openToBeingMentored && !showcase.contains($0.email) }, Self.mentorCount)
        var records: [EnrolmentRecord] = []
        for (person, role) in mentees.map({ ($0, EnrolmentRole.mentee) }) + mentors.map({ ($0, EnrolmentRole.mentor) }) {
            guard let id = ids[person.key] else { continue }
            let profile = person.profile
            let answers = EnrolmentAnswers(
                role: role, goals: profile.goals, skillsOffered: role == .mentor ? profile.skillsOffered : [],
                skillsWanted: role == .mentee ? profile.skillsWanted : [],
                genderPreference: profile.mentorGenderPreference, organisationPreference: profile.mentorOrganizationPreference,
                capacity: role == .mentor ? min(max(profile.mentorCapacity, 1), 3) : 0)
            let record = EnrolmentRecord()
            record.id = UUID()
            record.programId = program.id!
            record.personId = id
            record.role = role.rawValue
            record.answers = JSONColumn.encode(answers)
            record.createdAt = now
            record.updatedAt = now
            records.append(record)
        }
        try await records.create(on: db)
    }

    /// `count` people taken in turn from each organisation (a cross-company program), in key order within each.
    static func acrossOrganisations(_ people: [DemoPerson], _ count: Int) -> [DemoPerson] {
        let byOrganisation = Dictionary(grouping: people, by: \.profile.organization).sorted { $0.key < $1.key }.map(\.value)
        var picked: [DemoPerson] = []
        var round = 0
        while picked.count < count, byOrganisation.contains(where: { $0.count > round }) {
            for group in byOrganisation where group.count > round && picked.count < count { picked.append(group[round]) }
            round += 1
        }
        return picked
    }
}

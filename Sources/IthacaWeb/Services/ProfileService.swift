import Foundation
import IthacaDomain
import IthacaStorage

/// Reading and changing profiles, with the reporting-line rules and who may see what.
public struct ProfileService: Sendable {
    let accounts: AccountStore
    let profiles: ProfileStore
    let mentorships: MentorshipStore
    let people: PersonReadStore
    let clock: AppClock

    /// A person's profile as a given viewer may see it.
    public struct PersonDetails: Sendable {
        public var id: UUID
        public var profile: Profile
        /// Present only for the person themselves and site admins.
        public var email: String?
        public var managerName: String?
        public var reports: [(id: UUID, name: String)]
        public var isSelf: Bool
        /// Mentees this person could take on now: capacity minus the places their mentorships hold.
        public var freePlaces: Int
        /// The "mentored by" web around this person: who mentored them, whom they mentored, and how far it reached.
        public var lineage: PersonLineage
        /// Endorsements from mentors that the person approved, with their authors' names.
        public var endorsements: [(author: String, text: String)]
    }

    /// A person's place in the web of who mentored whom.
    public struct PersonLineage: Sendable {
        public var mentoredBy: [(id: UUID, name: String)]
        public var mentored: [(id: UUID, name: String)]
        public var reach: LineageReach
    }

    public func myProfile(_ viewer: Viewer) async throws -> Profile {
        guard let profile = try await profiles.profile(userId: viewer.id) else { throw IthacaError.notFound("profile") }
        return profile
    }

    /// Validates and saves changes to the viewer's own profile. `managerEmail` (web form) is resolved to an id.
    /// `formErrors` are problems the caller found while reading its input (a number that isn't one): nothing is
    /// saved then, but the other fields are still checked so every problem is reported at once.
    @discardableResult
    public func update(
        _ viewer: Viewer, changes: ProfileChanges, managerEmail: String? = nil, formErrors: [FieldError] = []
    ) async throws -> Profile {
        var changes = changes
        var errors = formErrors
        if let managerEmail {
            let trimmed = managerEmail.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                changes.managerId = ""
            } else if let manager = try await accounts.user(email: trimmed.lowercased()) {
                changes.managerId = manager.id!.uuidString
            } else {
                errors.append(FieldError(field: "managerEmail", message: "No member has the email \(trimmed). Check the spelling, or leave it empty."))
            }
        }
        let current = try await myProfile(viewer)
        var updated = current
        do {
            updated = try changes.applied(to: current, selfId: viewer.id, today: CalendarDay.of(clock.now()))
        } catch {
            errors += error.fieldErrors
                .map { $0.field == "managerId" && managerEmail != nil ? FieldError(field: "managerEmail", message: $0.message) : $0 }
                .filter { found in !formErrors.contains { $0.field == found.field } }
        }
        if errors.isEmpty, let manager = updated.managerId, manager != current.managerId {
            try await checkManager(manager, for: viewer, into: &errors, field: managerEmail != nil ? "managerEmail" : "managerId")
        }
        guard errors.isEmpty else { throw IthacaError.validation(errors) }
        try await profiles.save(userId: viewer.id, profile: updated, now: clock.now())
        return updated
    }

    private func checkManager(_ manager: UUID, for viewer: Viewer, into errors: inout [FieldError], field: String) async throws {
        guard try await profiles.profile(userId: manager) != nil else {
            errors.append(FieldError(field: field, message: "That manager is not a member of Ithaca."))
            return
        }
        let lookup = try await profiles.managerLookup(startingAt: manager)
        if ReportingLine.wouldCreateCycle(person: viewer.id, newManager: manager, managerOf: { lookup[$0] }) {
            errors.append(FieldError(field: field, message: "That person already reports to you (directly or through others), so they can't be your manager."))
        }
    }

    /// A profile for a signed-in viewer. Gender is never part of it; email only for self and admins.
    public func person(_ id: UUID, viewer: Viewer) async throws -> PersonDetails {
        guard let person = try await people.person(id) else { throw IthacaError.notFound("person") }
        let profile = person.profile
        let isSelf = viewer.id == id
        let direct = Set(person.mentees.map(\.id)).subtracting([id])
        func named(_ people: [(id: UUID, name: String?)], among ids: Set<UUID>) -> [(id: UUID, name: String)] {
            people.compactMap { p in p.name.flatMap { ids.contains(p.id) ? (p.id, $0) : nil } }.sorted { $0.name < $1.name }
        }
        let lineage = PersonLineage(
            mentoredBy: named(person.mentors, among: Set(person.mentors.map(\.id)).subtracting([id])),
            mentored: named(person.mentees, among: direct),
            reach: LineageReach(direct: direct, downstream: person.reached.subtracting(direct).subtracting([id])))
        return PersonDetails(
            id: id, profile: profile, email: isSelf || viewer.isAdmin ? person.email : nil, managerName: person.managerName,
            reports: person.reports, isSelf: isSelf,
            freePlaces: profile.freePlaces(taken: person.placesTaken), lineage: lineage,
            endorsements: person.endorsements.map { ($0.author ?? "A former member", $0.text) })
    }

    /// Free places now; 0 unless open to mentoring.
    public func freePlaces(of person: UUID, profile: Profile) async throws -> Int {
        guard profile.openToMentoring else { return 0 }
        return profile.freePlaces(taken: try await mentorships.placesTaken(by: person))
    }
}

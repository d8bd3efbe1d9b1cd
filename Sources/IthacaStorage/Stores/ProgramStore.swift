import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// Programs, their admins and enrolments, and matching rounds.
public struct ProgramStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    // MARK: Programs

    public func create(_ details: ProgramDetails, by creator: UUID, admins: [UUID], now: Date) async throws -> StoredProgram {
        try await database.transaction { db in
            let row = ProgramRecord()
            row.id = UUID()
            row.createdBy = creator
            row.createdAt = now
            row.apply(details, now: now)
            try await row.create(on: db)
            for person in Set(admins) { try await ProgramAdminRecord(programId: row.id!, personId: person).create(on: db) }
            return row.program
        }
    }

    public func update(_ id: UUID, details: ProgramDetails, now: Date) async throws {
        guard let row = try await ProgramRecord.find(id, on: database.db) else { throw IthacaError.notFound("program") }
        row.apply(details, now: now)
        try await row.save(on: database.db)
    }

    public func programs() async throws -> [StoredProgram] {
        try await ProgramRecord.query(on: database.db).sort(\.$startDate, .descending).sort(\.$name).all().map(\.program)
    }

    public func program(_ id: UUID) async throws -> StoredProgram? {
        try await ProgramRecord.find(id, on: database.db)?.program
    }

    public func admins(of program: UUID) async throws -> [UUID] {
        try await ProgramAdminRecord.query(on: database.db).filter(\.$programId == program).all().map(\.personId)
    }

    public func isAdmin(_ person: UUID, of program: UUID) async throws -> Bool {
        try await ProgramAdminRecord.query(on: database.db).filter(\.$programId == program).filter(\.$personId == person).count() > 0
    }

    /// Programs a person administers.
    public func programsAdministered(by person: UUID) async throws -> Set<UUID> {
        Set(try await ProgramAdminRecord.query(on: database.db).filter(\.$personId == person).all().map(\.programId))
    }

    // MARK: Enrolments

    /// Enrols a person or updates their answers (one enrolment per person and program).
    public func enrol(_ person: UUID, in program: UUID, answers: EnrolmentAnswers, now: Date) async throws -> StoredEnrolment {
        let row = try await EnrolmentRecord.query(on: database.db).filter(\.$programId == program).filter(\.$personId == person).first()
            ?? {
                let row = EnrolmentRecord()
                row.id = UUID()
                row.programId = program
                row.personId = person
                row.createdAt = now
                return row
            }()
        row.role = answers.role.rawValue
        row.answers = JSONColumn.encode(answers)
        row.updatedAt = now
        try await row.save(on: database.db)
        return row.enrolment
    }

    public func leave(_ person: UUID, program: UUID) async throws {
        try await EnrolmentRecord.query(on: database.db).filter(\.$programId == program).filter(\.$personId == person).delete()
    }

    public func enrolment(of person: UUID, in program: UUID) async throws -> StoredEnrolment? {
        try await EnrolmentRecord.query(on: database.db).filter(\.$programId == program).filter(\.$personId == person).first()?.enrolment
    }

    public func enrolments(in program: UUID) async throws -> [StoredEnrolment] {
        try await EnrolmentRecord.query(on: database.db).filter(\.$programId == program).sort(\.$createdAt).sort(\.$id).all().map(\.enrolment)
    }

    /// Enrolments per role.
    public func enrolmentCounts(in program: UUID) async throws -> [EnrolmentRole: Int] {
        let rows = try await database.db.sql.raw("""
            SELECT role, COUNT(*) AS n FROM enrolments WHERE program_id = \(bind: program) GROUP BY role
            """).all()
        var counts: [EnrolmentRole: Int] = [:]
        for row in rows {
            if let role = EnrolmentRole(rawValue: try row.decode(column: "role", as: String.self)) {
                counts[role] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    /// Changes whenever an enrolment (or a profile of someone enrolled) changes: recommendation caches compare it.
    public func fingerprint(of program: UUID) async throws -> String {
        let row = try await database.db.sql.raw("""
            SELECT COUNT(*) AS n, MAX(e.updated_at) AS enrolled, MAX(p.updated_at) AS profiled
            FROM enrolments e JOIN profiles p ON p.id = e.person_id WHERE e.program_id = \(bind: program)
            """).first()
        let count = try row?.decode(column: "n", as: Int.self) ?? 0
        let enrolled = try row?.decode(column: "enrolled", as: Date?.self)
        let profiled = try row?.decode(column: "profiled", as: Date?.self)
        return "\(count)|\(enrolled?.timeIntervalSince1970 ?? 0)|\(profiled?.timeIntervalSince1970 ?? 0)"
    }

    // MARK: Rounds

    public func saveRound(
        program: UUID, by person: UUID, fairnessFloor: Bool, pins: [RoundRule], forbids: [RoundRule], objective: Int,
        provenOptimal: Bool, gapBound: Int? = nil, menteeCount: Int, mentorCount: Int, pairs: [StoredRoundPair],
        groups: [StoredRoundGroup] = [], now: Date
    ) async throws -> StoredRound {
        try await database.transaction { db in
            let row = RoundRecord()
            row.id = UUID()
            row.programId = program
            row.status = RoundStatus.draft.rawValue
            row.fairnessFloor = fairnessFloor
            row.pins = JSONColumn.encode(pins)
            row.forbids = JSONColumn.encode(forbids)
            row.objective = objective
            row.provenOptimal = provenOptimal
            row.gapBound = gapBound
            row.menteeCount = menteeCount
            row.mentorCount = mentorCount
            row.createdBy = person
            row.createdAt = now
            try await row.create(on: db)
            for batch in pairs.batches() {
                try await batch.map { RoundPairRecord(roundId: row.id!, $0) }.create(on: db)
            }
            for batch in groups.batches() {
                try await batch.map { RoundGroupRecord(roundId: row.id!, $0) }.create(on: db)
            }
            return row.round
        }
    }

    public func round(_ id: UUID) async throws -> StoredRound? {
        try await RoundRecord.find(id, on: database.db)?.round
    }

    public func rounds(of program: UUID) async throws -> [StoredRound] {
        try await RoundRecord.query(on: database.db).filter(\.$programId == program).sort(\.$createdAt, .descending).all().map(\.round)
    }

    /// The round's pairs, best score first, then the unmatched.
    public func pairs(of round: UUID) async throws -> [StoredRoundPair] {
        try await RoundPairRecord.query(on: database.db).filter(\.$roundId == round).sort(\.$score, .descending).sort(\.$id).all()
            .map(\.pair)
    }

    /// The round's groups (peer circles or coaches' cohorts), best first.
    public func groups(of round: UUID) async throws -> [StoredRoundGroup] {
        try await RoundGroupRecord.query(on: database.db).filter(\.$roundId == round).sort(\.$score, .descending).sort(\.$id).all()
            .map(\.group)
    }

    /// Publishes a draft round of groups: each becomes a circle (or a coach's cohort) with its members.
    public func publishGroups(round id: UUID, kind: CircleKind, programName: String, now: Date) async throws -> StoredRound {
        try await database.criticalSection(key: LockKeys.mentorships) { db in
            guard let round = try await RoundRecord.find(id, on: db) else { throw IthacaError.notFound("round") }
            guard round.status == RoundStatus.draft.rawValue else {
                throw IthacaError.conflict("This round was already published. Run a new round to group the people still waiting.")
            }
            for (number, group) in try await RoundGroupRecord.query(on: db).filter(\.$roundId == id).sort(\.$score, .descending)
                .sort(\.$id).all().enumerated() {
                let circle = CircleRecord()
                circle.id = UUID()
                circle.programId = round.programId
                circle.roundId = id
                circle.kind = kind.rawValue
                circle.coachId = group.coachId
                circle.reasons = group.reasons
                circle.createdAt = now
                let people = (JSONColumn.decode([UUID].self, group.members) ?? []) + (group.coachId.map { [$0] } ?? [])
                circle.name = "\(programName): \(kind == .cohort ? "cohort" : "circle") \(number + 1)"
                circle.goal = ""
                circle.plan = ""
                circle.capacity = max(people.count, CircleDetails.allowedCapacity.upperBound)
                circle.joinPolicy = CircleJoinPolicy.invitation.rawValue
                circle.organiserId = group.coachId
                try await circle.create(on: db)
                try await people.map { CircleMemberRecord(circleId: circle.id!, personId: $0, now: now) }.create(on: db)
            }
            round.status = RoundStatus.published.rawValue
            round.publishedAt = now
            try await round.save(on: db)
            return round.round
        }
    }

    /// The circles and cohorts of a program a person belongs to (as member or coach).
    public func circles(of person: UUID, in program: UUID) async throws -> [StoredCircle] {
        let mine = try await CircleMemberRecord.query(on: database.db).filter(\.$personId == person)
            .filter(\.$status == CircleMemberStatus.member.rawValue).all().map(\.circleId)
        guard !mine.isEmpty else { return [] }
        let circles = try await CircleRecord.query(on: database.db).filter(\.$id ~~ mine).filter(\.$programId == program).all()
        var result: [StoredCircle] = []
        for circle in circles {
            let members = try await CircleMemberRecord.query(on: database.db).filter(\.$circleId == circle.id!)
                .filter(\.$status == CircleMemberStatus.member.rawValue).all().map(\.personId)
            result.append(StoredCircle(
                id: circle.id!, name: circle.name, programId: circle.programId ?? program, kind: CircleKind(rawValue: circle.kind) ?? .peerCircle, coachId: circle.coachId,
                members: members.filter { $0 != circle.coachId }, reasons: JSONColumn.decode([String].self, circle.reasons) ?? []))
        }
        return result
    }

    /// People already in a circle of this program (left out of the next peer round).
    public func peopleInCircles(of program: UUID) async throws -> Set<UUID> {
        let circles = try await CircleRecord.query(on: database.db).filter(\.$programId == program).all().compactMap(\.id)
        guard !circles.isEmpty else { return [] }
        return Set(try await CircleMemberRecord.query(on: database.db).filter(\.$circleId ~~ circles).all().map(\.personId))
    }

    /// Places mentors hold in this program's mentorships (proposed, active, paused), and the mentees already placed.
    public func places(in program: UUID) async throws -> (mentorPlaces: [UUID: Int], menteesPlaced: Set<UUID>) {
        let rows = try await MentorshipRecord.query(on: database.db).filter(\.$programId == program)
            .filter(\.$statusCode ~~ MentorshipStore.placeHoldingStatuses).all()
        var places: [UUID: Int] = [:]
        for row in rows { places[row.mentorId, default: 0] += 1 }
        return (places, Set(rows.map(\.menteeId)))
    }

    /// Pairs that already worked together in this program (any mentorship it proposed, whatever its state).
    public func pastPairs(in program: UUID) async throws -> [PersonPair] {
        try await MentorshipRecord.query(on: database.db).filter(\.$programId == program).all()
            .map { PersonPair(mentee: $0.menteeId, mentor: $0.mentorId) }
    }

    /// Publishes a draft round: each matched pair gets an accepted request and a proposed mentorship with the
    /// round's reasons and the program's cadence in the draft agreement, all in one transaction under the mentorships lock (capacity counts stay exact).
    public func publish(
        round id: UUID, goalOf: @escaping @Sendable (UUID) -> String, cadence: Cadence, now: Date
    ) async throws -> StoredRound {
        try await database.criticalSection(key: LockKeys.mentorships) { db in
            guard let round = try await RoundRecord.find(id, on: db) else { throw IthacaError.notFound("round") }
            guard round.status == RoundStatus.draft.rawValue else {
                throw IthacaError.conflict("This round was already published. Run a new round to match the people still waiting.")
            }
            let pairs = try await RoundPairRecord.query(on: db).filter(\.$roundId == id).all()
            for pair in pairs {
                guard let mentor = pair.mentorId else { continue }
                let goal = goalOf(pair.menteeId)
                let details = MentorshipRequestDetails(
                    stored: goal.isEmpty ? "Proposed by a matching round" : goal, focus: .other,
                    message: "Proposed by the program's matching round.")
                let request = MentorshipRequest(
                    id: UUID(), menteeId: pair.menteeId, mentorId: mentor, details: details, createdAt: now,
                    status: .accepted, closedAt: now)
                try await MentorshipRequestRecord(request).create(on: db)
                var terms = AgreementTerms.draft(goal: details.goal, startDate: CalendarDay.of(now))
                terms.cadence = cadence
                let mentorship = try MentorshipRecord(request: request, agreement: try Agreement(terms: terms), now: now)
                mentorship.programId = round.programId
                mentorship.matchReasonsText = pair.reasons
                try await mentorship.create(on: db)
                pair.mentorshipId = mentorship.id
                try await pair.save(on: db)
            }
            round.status = RoundStatus.published.rawValue
            round.publishedAt = now
            try await round.save(on: db)
            return round.round
        }
    }
}

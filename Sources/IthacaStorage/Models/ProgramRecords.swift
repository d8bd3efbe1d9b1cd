import FluentKit
import Foundation
import IthacaDomain

/// A program as stored.
public struct StoredProgram: Sendable, Equatable {
    public let id: UUID
    public let details: ProgramDetails
    public let createdAt: Date
}

/// One person's enrolment in a program.
public struct StoredEnrolment: Sendable, Equatable {
    public let id: UUID
    public let programId: UUID
    public let personId: UUID
    public let answers: EnrolmentAnswers
    public let updatedAt: Date
}

public enum RoundStatus: String, Sendable, Codable {
    case draft, published
}

/// A pin or forbid an admin set for a round, by person.
public struct RoundRule: Sendable, Codable, Hashable {
    public let menteeId: UUID
    public let mentorId: UUID

    public init(menteeId: UUID, mentorId: UUID) {
        self.menteeId = menteeId
        self.mentorId = mentorId
    }
}

/// A matching round: its settings, outcome figures and state.
public struct StoredRound: Sendable, Equatable {
    public let id: UUID
    public let programId: UUID
    public let status: RoundStatus
    public let fairnessFloor: Bool
    public let pins: [RoundRule]
    public let forbids: [RoundRule]
    public let objective: Int
    public let provenOptimal: Bool
    /// Certified: no assignment over all pairs scores more than `objective` + this (nil when not known).
    public let gapBound: Int?
    public let menteeCount: Int
    public let mentorCount: Int
    public let createdAt: Date
    public let publishedAt: Date?
}

/// A pair of a round (or a mentee it left unmatched, with why).
public struct StoredRoundPair: Sendable, Equatable {
    public let id: UUID
    public let menteeId: UUID
    public let mentorId: UUID?
    public let score: Int
    public let reasons: [String]
    public let pinned: Bool
    public let unmatchedReason: String?
    public let mentorshipId: UUID?

    public init(
        id: UUID = UUID(), menteeId: UUID, mentorId: UUID?, score: Int, reasons: [String], pinned: Bool,
        unmatchedReason: String?, mentorshipId: UUID? = nil
    ) {
        self.id = id
        self.menteeId = menteeId
        self.mentorId = mentorId
        self.score = score
        self.reasons = reasons
        self.pinned = pinned
        self.unmatchedReason = unmatchedReason
        self.mentorshipId = mentorshipId
    }
}

enum JSONColumn {
    // One of each for every column: configuring a new coder per value cost as much as the coding (imports code
    // 100,000 enrolments); Foundation's coders are safe to share once configured.
    private static let encoder = JSONEncoder()
    private static let decoder = JSONDecoder()

    static func encode<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? decoder.decode(type, from: Data(text.utf8))
    }
}

final class ProgramRecord: Model, @unchecked Sendable {
    static let schema = "programs"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "kind") var kind: String
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    @Field(key: "policies") var policies: String
    @Field(key: "enrolment_open") var enrolmentOpen: Bool
    @Field(key: "matching_mode") var matchingMode: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    func apply(_ details: ProgramDetails, now: Date) {
        name = details.name
        description = details.description
        kind = details.kind.rawValue
        startDate = details.startDate
        endDate = details.endDate
        policies = JSONColumn.encode(details.policies)
        enrolmentOpen = details.enrolmentOpen
        matchingMode = details.matchingMode.rawValue
        updatedAt = now
    }

    var program: StoredProgram {
        StoredProgram(
            id: id!,
            details: ProgramDetails(
                name: name, description: description, kind: ProgramKind(rawValue: kind) ?? .oneToOne, startDate: startDate,
                endDate: endDate, policies: JSONColumn.decode(ProgramPolicies.self, policies) ?? ProgramPolicies(),
                enrolmentOpen: enrolmentOpen, matchingMode: MatchingMode(rawValue: matchingMode) ?? .both),
            createdAt: createdAt)
    }
}

final class ProgramAdminRecord: Model, @unchecked Sendable {
    static let schema = "program_admins"
    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programId: UUID
    @Field(key: "person_id") var personId: UUID
    init() {}
    init(programId: UUID, personId: UUID) {
        id = UUID()
        self.programId = programId
        self.personId = personId
    }
}

final class EnrolmentRecord: Model, @unchecked Sendable {
    static let schema = "enrolments"
    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programId: UUID
    @Field(key: "person_id") var personId: UUID
    @Field(key: "role") var role: String
    @Field(key: "answers") var answers: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    var enrolment: StoredEnrolment {
        StoredEnrolment(
            id: id!, programId: programId, personId: personId,
            answers: JSONColumn.decode(EnrolmentAnswers.self, answers) ?? EnrolmentAnswers(role: EnrolmentRole(rawValue: role) ?? .mentee),
            updatedAt: updatedAt)
    }
}

final class RoundRecord: Model, @unchecked Sendable {
    static let schema = "matching_rounds"
    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programId: UUID
    @Field(key: "status") var status: String
    @Field(key: "fairness_floor") var fairnessFloor: Bool
    @Field(key: "pins") var pins: String
    @Field(key: "forbids") var forbids: String
    @Field(key: "objective") var objective: Int
    @Field(key: "proven_optimal") var provenOptimal: Bool
    @OptionalField(key: "gap_bound") var gapBound: Int?
    @Field(key: "mentee_count") var menteeCount: Int
    @Field(key: "mentor_count") var mentorCount: Int
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "published_at") var publishedAt: Date?
    init() {}

    var round: StoredRound {
        StoredRound(
            id: id!, programId: programId, status: RoundStatus(rawValue: status) ?? .draft, fairnessFloor: fairnessFloor,
            pins: JSONColumn.decode([RoundRule].self, pins) ?? [], forbids: JSONColumn.decode([RoundRule].self, forbids) ?? [],
            objective: objective, provenOptimal: provenOptimal, gapBound: gapBound, menteeCount: menteeCount, mentorCount: mentorCount,
            createdAt: createdAt, publishedAt: publishedAt)
    }
}

final class RoundPairRecord: Model, @unchecked Sendable {
    static let schema = "round_pairs"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_id") var roundId: UUID
    @Field(key: "mentee_id") var menteeId: UUID
    @OptionalField(key: "mentor_id") var mentorId: UUID?
    @Field(key: "score") var score: Int
    @Field(key: "reasons") var reasons: String
    @Field(key: "pinned") var pinned: Bool
    @OptionalField(key: "unmatched_reason") var unmatchedReason: String?
    @OptionalField(key: "mentorship_id") var mentorshipId: UUID?
    init() {}

    init(roundId: UUID, _ pair: StoredRoundPair) {
        id = pair.id
        self.roundId = roundId
        menteeId = pair.menteeId
        mentorId = pair.mentorId
        score = pair.score
        reasons = JSONColumn.encode(pair.reasons)
        pinned = pair.pinned
        unmatchedReason = pair.unmatchedReason
        mentorshipId = pair.mentorshipId
    }

    var pair: StoredRoundPair {
        StoredRoundPair(
            id: id!, menteeId: menteeId, mentorId: mentorId, score: score, reasons: JSONColumn.decode([String].self, reasons) ?? [],
            pinned: pinned, unmatchedReason: unmatchedReason, mentorshipId: mentorshipId)
    }
}

/// A group a round proposes: a peer circle, or a coach's cohort.
public struct StoredRoundGroup: Sendable, Equatable {
    public let id: UUID
    public let members: [UUID]
    public let coachId: UUID?
    public let score: Int
    public let reasons: [String]
    public let conflicted: Bool

    public init(id: UUID = UUID(), members: [UUID], coachId: UUID?, score: Int, reasons: [String], conflicted: Bool) {
        self.id = id
        self.members = members
        self.coachId = coachId
        self.score = score
        self.reasons = reasons
        self.conflicted = conflicted
    }
}

/// A published group: its members (and coach for a cohort).
public struct StoredCircle: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let programId: UUID
    public let kind: CircleKind
    public let coachId: UUID?
    public let members: [UUID]
    public let reasons: [String]
}

final class RoundGroupRecord: Model, @unchecked Sendable {
    static let schema = "round_groups"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_id") var roundId: UUID
    @Field(key: "members") var members: String
    @OptionalField(key: "coach_id") var coachId: UUID?
    @Field(key: "score") var score: Int
    @Field(key: "reasons") var reasons: String
    @Field(key: "conflicted") var conflicted: Bool
    init() {}

    init(roundId: UUID, _ group: StoredRoundGroup) {
        id = group.id
        self.roundId = roundId
        members = JSONColumn.encode(group.members)
        coachId = group.coachId
        score = group.score
        reasons = JSONColumn.encode(group.reasons)
        conflicted = group.conflicted
    }

    var group: StoredRoundGroup {
        StoredRoundGroup(
            id: id!, members: JSONColumn.decode([UUID].self, members) ?? [], coachId: coachId, score: score,
            reasons: JSONColumn.decode([String].self, reasons) ?? [], conflicted: conflicted)
    }
}

final class CircleRecord: Model, @unchecked Sendable {
    static let schema = "circles"
    @ID(key: .id) var id: UUID?
    @OptionalField(key: "program_id") var programId: UUID?
    @OptionalField(key: "round_id") var roundId: UUID?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "coach_id") var coachId: UUID?
    @Field(key: "reasons") var reasons: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "name") var name: String
    @Field(key: "goal") var goal: String
    @Field(key: "plan") var plan: String
    @Field(key: "capacity") var capacity: Int
    @Field(key: "join_policy") var joinPolicy: String
    @OptionalField(key: "organiser_id") var organiserId: UUID?
    init() {}
}

final class CircleMemberRecord: Model, @unchecked Sendable {
    static let schema = "circle_members"
    @ID(key: .id) var id: UUID?
    @Field(key: "circle_id") var circleId: UUID
    @Field(key: "person_id") var personId: UUID
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
    init(circleId: UUID, personId: UUID, now: Date) {
        id = UUID()
        self.circleId = circleId
        self.personId = personId
        status = CircleMemberStatus.member.rawValue
        createdAt = now
    }
}

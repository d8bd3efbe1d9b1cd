import Foundation

/// One person in a matching round, as the compatibility scorer sees them.
///
/// The same shape serves both sides: for a mentee `skills` are the skills they want and `text` their goals;
/// for a mentor `skills` are the skills they offer and `text` their experience. `capacity` only matters for mentors.
public struct MatchCandidate: Sendable, Hashable {
    public enum Gender: String, Sendable, Hashable, CaseIterable {
        case woman, man, nonBinary, unspecified
    }

    /// Whom a mentee is happy to be matched with.
    public enum GenderPreference: String, Sendable, Hashable {
        case any, same
    }

    /// Whether a mentee wants a mentor from their own organisation, from outside it, or does not mind.
    public enum OrganisationPreference: String, Sendable, Hashable {
        case any, inside, outside
    }

    public var id: UUID
    public var skills: [String]
    public var text: String
    public var workingHours: WorkingWindow
    public var languages: [String]
    /// 1 for a first job, higher for each career step.
    public var careerStage: Int
    public var organisation: String
    public var tenureYears: Int
    public var gender: Gender
    public var genderPreference: GenderPreference
    public var organisationPreference: OrganisationPreference
    /// The person's manager, that manager's manager and so on (see `ReportingLine.chainAbove`).
    public var managersAbove: [UUID]
    /// How many mentees a mentor takes in this round; ignored for mentees.
    public var capacity: Int
    /// Shared working minutes a mentee needs with their mentor (0: any time zone); a hard constraint.
    public var minimumOverlapMinutes: Int

    public init(
        id: UUID, skills: [String] = [], text: String = "",
        workingHours: WorkingWindow = WorkingWindow(startMinuteUTC: 9 * 60, lengthMinutes: 8 * 60),
        languages: [String] = ["English"], careerStage: Int = 1, organisation: String = "",
        tenureYears: Int = 0, gender: Gender = .unspecified, genderPreference: GenderPreference = .any,
        organisationPreference: OrganisationPreference = .any, managersAbove: [UUID] = [], capacity: Int = 1,
        minimumOverlapMinutes: Int = 0
    ) {
        self.id = id
        self.skills = skills
        self.text = text
        self.workingHours = workingHours
        self.languages = languages
        self.careerStage = careerStage
        self.organisation = organisation
        self.tenureYears = tenureYears
        self.gender = gender
        self.genderPreference = genderPreference
        self.organisationPreference = organisationPreference
        self.managersAbove = managersAbove
        self.capacity = capacity
        self.minimumOverlapMinutes = minimumOverlapMinutes
    }
}

/// Daily working hours in UTC: a start and a length, wrapping past midnight.
public struct WorkingWindow: Sendable, Hashable {
    public static let minutesPerDay = 24 * 60

    public var startMinuteUTC: Int
    public var lengthMinutes: Int

    public init(startMinuteUTC: Int, lengthMinutes: Int) {
        let day = WorkingWindow.minutesPerDay
        self.startMinuteUTC = ((startMinuteUTC % day) + day) % day
        self.lengthMinutes = min(max(lengthMinutes, 0), day)
    }

    /// Minutes of the day both windows share.
    public func overlapMinutes(with other: WorkingWindow) -> Int {
        let day = WorkingWindow.minutesPerDay
        var total = 0
        for shift in [-day, 0, day] {
            let start = max(startMinuteUTC, other.startMinuteUTC + shift)
            let end = min(startMinuteUTC + lengthMinutes, other.startMinuteUTC + shift + other.lengthMinutes)
            total += max(0, end - start)
        }
        return min(total, lengthMinutes, other.lengthMinutes)
    }
}

/// A mentee and a mentor by their positions in the round's lists.
public struct MatchPair: Sendable, Hashable {
    public var mentee: Int
    public var mentor: Int

    public init(mentee: Int, mentor: Int) {
        self.mentee = mentee
        self.mentor = mentor
    }
}

/// A mentee and a mentor by person id, for rules kept outside any one round.
public struct PersonPair: Sendable, Hashable {
    public var mentee: UUID
    public var mentor: UUID

    public init(mentee: UUID, mentor: UUID) {
        self.mentee = mentee
        self.mentor = mentor
    }
}

/// Pairs that may never be matched, besides reporting lines and preferences.
public struct MatchRestrictions: Sendable {
    /// Pairs that already worked together in this program.
    public var pastPairs: Set<PersonPair>
    /// Pairs an admin marked "never pair".
    public var neverPairs: Set<PersonPair>
    /// A never-pair rule computed instead of listed, for generated instances too large to list (see `MatchInstanceGenerator`).
    public var hashedNeverPairs: HashedPairExclusion?

    public init(
        pastPairs: Set<PersonPair> = [], neverPairs: Set<PersonPair> = [], hashedNeverPairs: HashedPairExclusion? = nil
    ) {
        self.pastPairs = pastPairs
        self.neverPairs = neverPairs
        self.hashedNeverPairs = hashedNeverPairs
    }
}

/// Excludes a fixed share of (mentee, mentor) positions, chosen by a hash: 5 % of 2 billion pairs cannot be listed.
public struct HashedPairExclusion: Sendable, Hashable {
    public var seed: UInt64
    public var perMillion: UInt64

    public init(seed: UInt64, perMillion: UInt64) {
        self.seed = seed
        self.perMillion = perMillion
    }

    @inline(__always)
    public func excludes(mentee: Int, mentor: Int) -> Bool {
        var z = seed &+ UInt64(truncatingIfNeeded: mentee) &* 0x9E37_79B9_7F4A_7C15
            &+ UInt64(truncatingIfNeeded: mentor) &* 0xC2B2_AE3D_27D4_EB4F
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return z % 1_000_000 < perMillion
    }
}

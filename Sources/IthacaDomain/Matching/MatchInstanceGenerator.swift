import Foundation

/// A small, fast, seeded random generator (SplitMix64): the same seed gives the same sequence everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound, without modulo bias worth worrying about for bounds far below 2^64.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }
}

/// Picks ranks 0..<count with probability proportional to 1 / (rank + 1)^exponent.
struct ZipfSampler {
    let cumulative: [Double]

    init(count: Int, exponent: Double) {
        var total = 0.0
        cumulative = (0..<count).map { rank in
            total += 1 / pow(Double(rank + 1), exponent)
            return total
        }
    }

    func sample(_ random: inout SplitMix64) -> Int {
        let target = random.unit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A generated matching round for benchmarks.
public struct MatchInstance: Sendable {
    public var mentees: [MatchCandidate]
    public var mentors: [MatchCandidate]
    public var restrictions: MatchRestrictions

    public var mentorCapacities: [Int] { mentors.map(\.capacity) }
}

/// Generates realistic rounds deterministically from a seed: skills with Zipf-like popularity, time zones in clusters,
/// reporting lines inside organisations, a few past pairs, 5 % never-pairs, preferences, total capacity ≈ 1.2 × mentees.
public struct MatchInstanceGenerator: Sendable {
    public var seed: UInt64
    public var skillCount = 1_200
    public var wordCount = 3_000
    public var organisationCount = 24
    public var neverPairPerMillion: UInt64 = 50_000

    public init(seed: UInt64) { self.seed = seed }

    static let commonSkills = [
        "Swift", "Python", "Leadership", "Public speaking", "System design", "Kubernetes", "Product management",
        "Hiring", "Career change", "Negotiation", "Data science", "Machine learning", "Accessibility", "Rust",
        "Go", "TypeScript", "Security", "Writing", "Management", "Mentoring", "Testing", "SQL", "iOS", "Android",
        "UX research", "Design systems", "Observability", "Incident response", "Budgeting", "Open source",
    ]
    static let languages = ["English", "Spanish", "French", "German", "Portuguese", "Hindi", "Mandarin", "Japanese",
                            "Arabic", "Swahili", "Indonesian", "Polish"]
    /// (UTC offset in minutes, share of people, the cluster's second language)
    static let zoneClusters: [(Int, Double, Int)] = [
        (-480, 0.14, 1), (-300, 0.20, 1), (-180, 0.06, 4), (0, 0.16, 2), (60, 0.18, 3), (180, 0.05, 8),
        (330, 0.09, 5), (480, 0.08, 6), (540, 0.02, 7), (600, 0.02, 0),
    ]

    static func syllableWord(_ index: Int) -> String {
        let syllables = ["ka", "lo", "mi", "ra", "ten", "vu", "shi", "po", "den", "ar", "ix", "nol", "que", "ba", "zor"]
        var value = index
        var word = ""
        repeat {
            word += syllables[value % syllables.count]
            value /= syllables.count
        } while value > 0
        return word + "ing"
    }

    public func make(mentees menteeCount: Int, mentors mentorCount: Int) -> MatchInstance {
        var random = SplitMix64(seed: seed)
        let skills = (0..<skillCount).map { $0 < Self.commonSkills.count ? Self.commonSkills[$0] : "Skill \(Self.syllableWord($0))" }
        let words = (0..<wordCount).map(Self.syllableWord)
        let skillSampler = ZipfSampler(count: skillCount, exponent: 1.0)
        let wordSampler = ZipfSampler(count: wordCount, exponent: 1.1)
        let organisationSampler = ZipfSampler(count: organisationCount, exponent: 0.8)
        let zoneTotal = Self.zoneClusters.reduce(0) { $0 + $1.1 }

        func uuid() -> UUID {
            let a = random.next()
            let b = random.next()
            return withUnsafeBytes(of: (a, b)) { bytes in
                UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            }
        }
        func distinct(_ count: Int, _ sampler: ZipfSampler) -> [Int] {
            var picked: [Int] = []
            while picked.count < count {
                let value = sampler.sample(&random)
                if !picked.contains(value) { picked.append(value) }
            }
            return picked
        }
        func person(mentor: Bool) -> MatchCandidate {
            var target = random.unit() * zoneTotal
            var cluster = Self.zoneClusters[0]
            for candidate in Self.zoneClusters {
                target -= candidate.1
                if target < 0 { cluster = candidate; break }
            }
            let offset = cluster.0 + (random.below(5) - 2) * 30
            let start = 9 * 60 - offset + (random.below(3) - 1) * 60
            let length = random.chance(0.15) ? 4 * 60 : 8 * 60
            var languages = random.chance(0.85) ? ["English"] : []
            if random.chance(0.4) || languages.isEmpty, cluster.2 != 0 { languages.append(Self.languages[cluster.2]) }
            if languages.isEmpty { languages = [Self.languages[random.below(Self.languages.count)]] }
            let skillIndexes = distinct(mentor ? 3 + random.below(5) : 1 + random.below(4), skillSampler)
            let topicWords = distinct(mentor ? 8 + random.below(10) : 4 + random.below(8), wordSampler)
            let skillText = skillIndexes.map { skills[$0] }.joined(separator: ", ")
            let topicText = topicWords.map { words[$0] }.joined(separator: " ")
            let text = mentor ? "I have worked on \(skillText). Happy to help with \(topicText)."
                : "I want to grow in \(skillText) and get better at \(topicText)."
            let genderRoll = random.unit()
            let gender: MatchCandidate.Gender = genderRoll < 0.45 ? .woman : genderRoll < 0.9 ? .man : genderRoll < 0.95 ? .nonBinary : .unspecified
            let organisationRoll = random.unit()
            return MatchCandidate(
                id: uuid(), skills: skillIndexes.map { skills[$0] }, text: text,
                workingHours: WorkingWindow(startMinuteUTC: start, lengthMinutes: length),
                languages: languages,
                careerStage: mentor ? 3 + random.below(5) : 1 + random.below(4),
                organisation: "Org \(organisationSampler.sample(&random))",
                tenureYears: random.below(4) == 0 ? 5 + random.below(15) : random.below(5),
                gender: gender,
                genderPreference: !mentor && random.chance(0.12) && gender != .unspecified ? .same : .any,
                organisationPreference: mentor ? .any : organisationRoll < 0.05 ? .inside : organisationRoll < 0.15 ? .outside : .any)
        }

        var mentors = (0..<mentorCount).map { _ in person(mentor: true) }
        var mentees = (0..<menteeCount).map { _ in person(mentor: false) }

        // Capacities: total round(1.2 × mentees), spread unevenly.
        let total = (menteeCount * 6 + 2) / 5
        if mentorCount > 0 {
            for index in mentors.indices { mentors[index].capacity = total / mentorCount + (index < total % mentorCount ? 1 : 0) }
            for _ in 0..<mentorCount {
                let from = random.below(mentorCount)
                let to = random.below(mentorCount)
                if mentors[from].capacity > 1 {
                    mentors[from].capacity -= 1
                    mentors[to].capacity += 1
                }
            }
        }

        // Reporting lines: mentors managed by earlier mentors of the same organisation, some mentees by mentors,
        // and a few mentors by mentees (who must then not mentor their manager's reports… nor be mentored by them).
        var manager: [UUID: UUID] = [:]
        var mentorsByOrganisation: [String: [Int]] = [:]
        for (index, mentor) in mentors.enumerated() {
            let colleagues = mentorsByOrganisation[mentor.organisation, default: []]
            if !colleagues.isEmpty, random.chance(0.6) { manager[mentor.id] = mentors[colleagues[random.below(colleagues.count)]].id }
            mentorsByOrganisation[mentor.organisation, default: []].append(index)
        }
        var menteesByOrganisation: [String: [Int]] = [:]
        for (index, mentee) in mentees.enumerated() {
            let managers = mentorsByOrganisation[mentee.organisation, default: []]
            if !managers.isEmpty, random.chance(0.4) { manager[mentee.id] = mentors[managers[random.below(managers.count)]].id }
            menteesByOrganisation[mentee.organisation, default: []].append(index)
        }
        for index in mentors.indices where manager[mentors[index].id] == nil && random.chance(0.05) {
            let bosses = menteesByOrganisation[mentors[index].organisation, default: []]
            if !bosses.isEmpty { manager[mentors[index].id] = mentees[bosses[random.below(bosses.count)]].id }
        }
        let lookup: (UUID) -> UUID? = { manager[$0] }
        for index in mentors.indices { mentors[index].managersAbove = ReportingLine.chainAbove(mentors[index].id, managerOf: lookup) }
        for index in mentees.indices { mentees[index].managersAbove = ReportingLine.chainAbove(mentees[index].id, managerOf: lookup) }

        var pastPairs: Set<PersonPair> = []
        var neverPairs: Set<PersonPair> = []
        if mentorCount > 0 {
            for mentee in mentees {
                if random.chance(0.01) { pastPairs.insert(PersonPair(mentee: mentee.id, mentor: mentors[random.below(mentorCount)].id)) }
                if random.chance(0.005) { neverPairs.insert(PersonPair(mentee: mentee.id, mentor: mentors[random.below(mentorCount)].id)) }
            }
        }
        return MatchInstance(
            mentees: mentees, mentors: mentors,
            restrictions: MatchRestrictions(
                pastPairs: pastPairs, neverPairs: neverPairs,
                hashedNeverPairs: HashedPairExclusion(seed: seed ^ 0x5EED, perMillion: neverPairPerMillion)))
    }
}

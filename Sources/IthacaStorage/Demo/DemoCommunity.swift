import Foundation
import IthacaDomain

/// One member of the demo community, before it is stored.
public struct DemoPerson: Sendable, Equatable {
    /// Stable index in `0..<n`; a manager's key is always smaller than their reports' keys.
    public var key: Int
    /// Unique, lowercase, on `.example` domains only.
    public var email: String
    /// Exactly one demo person is an administrator: admin@ithaca.example.
    public var isAdmin: Bool
    /// The `key` of this person's manager, always in the same organisation.
    public var managerKey: Int?
    /// `profile.managerId` is left nil; the loader sets it from `managerKey` once ids exist.
    public var profile: Profile

    public init(key: Int, email: String, isAdmin: Bool, managerKey: Int?, profile: Profile) {
        self.key = key
        self.email = email
        self.isAdmin = isAdmin
        self.managerKey = managerKey
        self.profile = profile
    }
}

/// A believable mentoring community of about 300 people in three organisations, generated from a seed.
///
/// Pure data: the same seed always gives the same people, on every platform.
public enum DemoCommunity {
    /// The shared password of every demo account.
    public static let password = "mentoring-demo-2026"
    /// The one administrator's email.
    public static let adminEmail = "admin@ithaca.example"

    /// Everyone in the demo community, managers before their reports.
    public static func generate(seed: UInt64 = 2026) -> [DemoPerson] {
        var builder = DemoBuilder(seed: seed)
        for organization in DemoOrganization.all {
            builder.add(organization)
        }
        return builder.people
    }
}

/// Where a person sits in an organisation before they get a name.
private struct DemoSlot {
    var organization: DemoOrganization
    var team: DemoTeam?
    /// Where a director or executive sits: their department, or "Leadership".
    var unit: String
    var title: String
    var stage: CareerStage
    var track: DemoTrack
    var managerKey: Int?
    var tenureYears: ClosedRange<Int>
}

private struct DemoBuilder {
    var rng: DemoRandom
    var people: [DemoPerson] = []
    var usedNames: Set<String> = []
    var usedEmails: Set<String> = []

    init(seed: UInt64) {
        rng = DemoRandom(seed: seed)
    }

    mutating func add(_ organization: DemoOrganization) {
        let teams = organization.departments.flatMap(\.teams)
        let leaders = 1 + organization.departments.count + teams.count
        var teamSizes = Array(repeating: 4, count: teams.count)
        for _ in 0..<max(0, organization.headcount - leaders - 4 * teams.count) {
            teamSizes[rng.int(in: 0...(teams.count - 1))] += 1
        }

        let founded = organization.founded
        let executive = add(DemoSlot(
            organization: organization, team: nil, unit: "Leadership", title: organization.executiveTitle, stage: .executive,
            track: .leadership, managerKey: nil, tenureYears: founded...(founded + 2)))

        var teamIndex = 0
        for department in organization.departments {
            let director = add(DemoSlot(
                organization: organization, team: nil, unit: department.name, title: department.directorTitle, stage: .executive,
                track: department.directorTrack, managerKey: executive, tenureYears: founded...2021))
            for team in department.teams {
                let manager = add(DemoSlot(
                    organization: organization, team: team, unit: team.name, title: team.managerTitle, stage: .manager,
                    track: team.track, managerKey: director, tenureYears: (founded + 1)...2024))
                for member in 0..<teamSizes[teamIndex] {
                    if organization.name == DemoOrganization.openHarbor.name, team.name == "Community", member == 0 {
                        addAdmin(organization: organization, team: team, managerKey: manager)
                    } else {
                        add(individual(in: organization, team: team, managerKey: manager))
                    }
                }
                teamIndex += 1
            }
        }
    }

    /// An individual contributor at a random level, titled to match.
    private mutating func individual(in organization: DemoOrganization, team: DemoTeam, managerKey: Int) -> DemoSlot {
        let stage = rng.weighted([
            (CareerStage.student, 4.0), (.early, 22), (.mid, 35), (.senior, 28), (.lead, 11),
        ])
        let role = team.role
        let title: String
        let years: ClosedRange<Int>
        switch stage {
        case .student:
            title = rng.chance(0.3) ? "Apprentice \(role)" : "\(role) Intern"
            years = 2025...2026
        case .early:
            title = "Associate \(role)"
            years = 2023...2026
        case .mid:
            title = role
            years = 2019...2025
        case .senior:
            title = "Senior \(role)"
            years = 2015...2024
        default:
            title = rng.weighted([("Staff \(role)", 5.0), ("Principal \(role)", 3), ("Lead \(role)", 2)])
            years = 2012...2022
        }
        return DemoSlot(
            organization: organization, team: team, unit: team.name, title: title, stage: stage, track: team.track,
            managerKey: managerKey, tenureYears: years)
    }

    @discardableResult
    private mutating func add(_ slot: DemoSlot) -> Int {
        let zone = timeZone(for: slot)
        let culture = culture(near: zone)
        let gender = rng.weighted([("woman", 44.0), ("man", 43), ("non-binary", 5), ("genderqueer", 1), ("", 7)])
        let (name, given, family) = uniqueName(culture: culture, gender: gender)
        var profile = Profile(name: name)
        fill(&profile, slot: slot, zone: zone, culture: culture, gender: gender)
        let email = uniqueEmail(given: given, family: family, domain: slot.organization.domain)
        return append(DemoPerson(key: people.count, email: email, isAdmin: false, managerKey: slot.managerKey, profile: profile))
    }

    /// The one administrator: a real member of Open Harbor's community team, who runs the mentoring programme.
    private mutating func addAdmin(organization: DemoOrganization, team: DemoTeam, managerKey: Int) {
        let slot = DemoSlot(
            organization: organization, team: team, unit: team.name, title: "Mentoring Programme Lead", stage: .lead,
            track: .community, managerKey: managerKey, tenureYears: 2016...2016)
        let culture = DemoCulture.all[0]
        var profile = Profile(name: "Iris Okonkwo")
        usedNames.insert(profile.name)
        fill(&profile, slot: slot, zone: "Europe/London", culture: culture, gender: "woman")
        profile.pronouns = "she/her"
        profile.headline = "I run the mentoring programme here. Ask me anything about Ithaca."
        profile.bio = """
            I look after the mentoring programme at Open Harbor and keep this site running.

            If something looks wrong, or you'd like help finding a mentor, write to me at [admin@ithaca.example](mailto:admin@ithaca.example).
            """
        profile.skillsOffered = ["Community building", "Public speaking", "Giving feedback", "Event planning"]
        profile.skillsWanted = ["Data analysis", "Negotiation"]
        profile.goals = "Match every new member with a mentor within their first month; grow a second cohort of volunteer mentors."
        profile.openToMentoring = true
        profile.mentorCapacity = 2
        profile.openToBeingMentored = false
        usedEmails.insert(DemoCommunity.adminEmail)
        append(DemoPerson(key: people.count, email: DemoCommunity.adminEmail, isAdmin: true, managerKey: managerKey, profile: profile))
    }

    @discardableResult
    private mutating func append(_ person: DemoPerson) -> Int {
        people.append(person)
        return person.key
    }

    // MARK: - Who they are

    private mutating func timeZone(for slot: DemoSlot) -> String {
        if let team = slot.team, rng.chance(0.55) { return team.homeZone }
        return rng.weighted(slot.organization.timeZones)
    }

    /// Most people's names fit where they live; many do not, as in any international company.
    private mutating func culture(near zone: String) -> DemoCulture {
        let local = DemoCulture.all.filter { $0.zones.contains(zone) }
        if !local.isEmpty, rng.chance(0.55) { return rng.pick(local) }
        return rng.pick(DemoCulture.all)
    }

    private mutating func uniqueName(culture: DemoCulture, gender: String) -> (String, String, String) {
        var attempt = 0
        while true {
            let source = attempt < 12 ? culture : rng.pick(DemoCulture.all)
            let given = givenName(from: source, gender: gender)
            let family = rng.pick(source.surnames)
            var name = "\(given) \(family)"
            if attempt >= 30 {
                name = "\(given) \(rng.pick(Array("ABCDEFGHJKLMNPRSTVW"))). \(family)"
            }
            if usedNames.insert(name).inserted { return (name, given, family) }
            attempt += 1
        }
    }

    private mutating func givenName(from culture: DemoCulture, gender: String) -> String {
        switch gender {
        case "woman": rng.chance(0.9) ? rng.pick(culture.women) : rng.pick(culture.neutral)
        case "man": rng.chance(0.9) ? rng.pick(culture.men) : rng.pick(culture.neutral)
        case "non-binary", "genderqueer": rng.chance(0.6) ? rng.pick(culture.neutral) : rng.pick(culture.women + culture.men)
        default: rng.pick(culture.women + culture.men + culture.neutral)
        }
    }

    private mutating func uniqueEmail(given: String, family: String, domain: String) -> String {
        let local = "\(Self.slug(given)).\(Self.slug(family))"
        var email = "\(local)@\(domain)"
        var suffix = 2
        while !usedEmails.insert(email).inserted {
            email = "\(local)\(suffix)@\(domain)"
            suffix += 1
        }
        return email
    }

    /// "Łukasz" → "lukasz", "de Vries" → "devries", "O'Brien" → "obrien".
    static func slug(_ name: String) -> String {
        let special: [Character: String] = ["ł": "l", "ø": "o", "ß": "ss", "đ": "d", "æ": "ae", "ı": "i", "œ": "oe"]
        let lowered = name.lowercased().map { special[$0] ?? String($0) }.joined()
        let letters = lowered.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        return String(String.UnicodeScalarView(letters))
    }

    // MARK: - Their profile

    private mutating func fill(_ profile: inout Profile, slot: DemoSlot, zone: String, culture: DemoCulture, gender: String) {
        let stage = slot.stage
        profile.pronouns = pronouns(for: gender)
        profile.organization = slot.organization.name
        profile.team = slot.unit
        profile.title = slot.title
        profile.careerStage = stage
        profile.timeZone = zone
        profile.gender = gender
        profile.tenureStart = tenureStart(years: slot.tenureYears, founded: slot.organization.founded)
        profile.languages = languages(culture: culture)

        let offered = offeredSkills(stage: stage, track: slot.track)
        profile.skillsOffered = offered
        profile.skillsWanted = wantedSkills(stage: stage, track: slot.track, excluding: offered)

        profile.headline = headline(track: slot.track, topSkill: offered.first ?? slot.track.defaultSkill)
        if rng.chance(0.7) {
            profile.bio = bio(name: profile.name, slot: slot, zone: zone, tenureStart: profile.tenureStart, offered: offered)
        }
        if rng.chance(0.9) {
            let role = slot.team?.role ?? slot.title
            var goals = rng.pick(DemoWriting.goals(for: stage, role: role))
            if rng.chance(0.4) { goals += " " + rng.pick(DemoWriting.secondaryGoals) }
            profile.goals = goals
        }
        if rng.chance(0.85) { profile.strengths = rng.sample(DemoWriting.strengths, count: rng.int(in: 2...4)) }
        if rng.chance(0.8) { profile.areasToGrow = rng.sample(DemoWriting.areasToGrow, count: rng.int(in: 1...3)) }

        profile.openToMentoring = rng.chance(mentoringOdds[stage] ?? 0)
        if profile.openToMentoring {
            let weights: [Double] = switch stage {
            case .senior, .lead: [2, 4, 3, 1]
            case .mid, .early, .student: [5, 3, 1, 0]
            case .manager, .executive: [3, 3, 2, 1]
            }
            profile.mentorCapacity = 1 + rng.weightedIndex(weights)
        }
        profile.openToBeingMentored = rng.chance(menteeOdds[stage] ?? 0)
        profile.openToPeer = rng.chance(0.25)
        let sameGenderOdds = switch gender {
        case "woman": 0.15
        case "non-binary", "genderqueer": 0.2
        case "man": 0.04
        default: 0.0
        }
        profile.mentorGenderPreference = rng.chance(sameGenderOdds) ? .same : .any
        profile.mentorOrganizationPreference = rng.weighted([
            (MentorOrganizationPreference.either, 60.0), (.outside, 25), (.inside, 15),
        ])
    }

    private let mentoringOdds: [CareerStage: Double] = [
        .student: 0, .early: 0.05, .mid: 0.25, .senior: 0.55, .lead: 0.65, .manager: 0.55, .executive: 0.4,
    ]
    private let menteeOdds: [CareerStage: Double] = [
        .student: 0.85, .early: 0.8, .mid: 0.55, .senior: 0.3, .lead: 0.25, .manager: 0.25, .executive: 0.1,
    ]

    private mutating func pronouns(for gender: String) -> String {
        switch gender {
        case "woman": rng.weighted([("she/her", 85.0), ("she/they", 5), ("", 10)])
        case "man": rng.weighted([("he/him", 87.0), ("he/they", 3), ("", 10)])
        case "non-binary", "genderqueer": rng.weighted([("they/them", 75.0), ("she/they", 8), ("he/they", 7), ("", 10)])
        default: rng.weighted([("", 60.0), ("they/them", 15), ("she/her", 13), ("he/him", 12)])
        }
    }

    /// A calendar day in the given years, never before the organisation existed nor after September 2026.
    private mutating func tenureStart(years: ClosedRange<Int>, founded: Int) -> String {
        let year = rng.int(in: max(years.lowerBound, founded)...min(max(years.upperBound, founded), 2026))
        let month = rng.int(in: 1...(year == 2026 ? 9 : 12))
        let day = rng.int(in: 1...28)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    private mutating func languages(culture: DemoCulture) -> [String] {
        var languages = ["English"]
        if rng.chance(0.7) { languages.append(rng.pick(culture.languages)) }
        if rng.chance(0.12) { languages.append(rng.pick(culture.languages)) }
        if rng.chance(0.12) { languages.append(rng.pick(DemoWriting.extraLanguages)) }
        return languages.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    private mutating func offeredSkills(stage: CareerStage, track: DemoTrack) -> [String] {
        let count = switch stage {
        case .student: rng.int(in: 0...1)
        case .early: rng.int(in: 1...2)
        case .mid: rng.int(in: 2...4)
        case .senior, .manager: rng.int(in: 3...6)
        case .lead: rng.int(in: 4...7)
        case .executive: rng.int(in: 3...5)
        }
        // Managers and executives offer their craft and their people skills.
        let craft = DemoWriting.focus(of: track)
        let pools = stage.rank >= CareerStage.manager.rank
            ? [(craft, 0.4), (DemoWriting.focus(of: .leadership), 0.4), (DemoWriting.skills, 0.2)]
            : [(craft, 0.75), (DemoWriting.skills, 0.25)]
        return skills(count: count, pools: pools, excluding: [])
    }

    private mutating func wantedSkills(stage: CareerStage, track: DemoTrack, excluding offered: [String]) -> [String] {
        let count = switch stage {
        case .student, .early: rng.int(in: 3...5)
        case .mid: rng.int(in: 2...4)
        case .senior, .manager: rng.int(in: 1...3)
        case .lead: rng.int(in: 1...2)
        case .executive: rng.int(in: 0...2)
        }
        // Juniors mostly want their craft; from mid-level on, people skills take over.
        let craft = DemoWriting.focus(of: track)
        let pools = stage.rank >= CareerStage.mid.rank
            ? [(DemoWriting.growthSkills, 0.6), (craft, 0.2), (DemoWriting.skills, 0.2)]
            : [(craft, 0.55), (DemoWriting.growthSkills, 0.15), (DemoWriting.skills, 0.3)]
        return skills(count: count, pools: pools, excluding: offered)
    }

    /// Distinct skills: each draw picks a pool, then a skill with Zipf-like odds by overall popularity.
    private mutating func skills(count: Int, pools: [([String], Double)], excluding: [String]) -> [String] {
        var chosen: [String] = []
        var draws = 0
        while chosen.count < count, draws < 100 {
            draws += 1
            let pool = rng.weighted(pools).filter { !chosen.contains($0) && !excluding.contains($0) }
            guard !pool.isEmpty else { continue }
            // Zipf–Mandelbrot odds, 1 / (rank + 3): plain division, so every platform draws the same skills.
            let weights = pool.map { 1 / Double((Self.popularity[$0] ?? DemoWriting.skills.count) + 3) }
            chosen.append(pool[rng.weightedIndex(weights)])
        }
        return chosen
    }

    private static let popularity: [String: Int] = Dictionary(
        uniqueKeysWithValues: DemoWriting.skills.enumerated().map { ($1, $0) })

    private mutating func headline(track: DemoTrack, topSkill: String) -> String {
        rng.pick(DemoWriting.headlines(for: track))
            .replacingOccurrences(of: "{skill}", with: topSkill)
            .replacingOccurrences(of: "{hobby}", with: rng.pick(DemoWriting.hobbies))
    }

    private mutating func bio(name: String, slot: DemoSlot, zone: String, tenureStart: String?, offered: [String]) -> String {
        let org = slot.organization.name
        let year = tenureStart.map { String($0.prefix(4)) } ?? "a while ago"
        let unit = slot.team.map { "the \($0.name) team" } ?? (slot.unit == "Leadership" ? "the leadership team" : "the \(slot.unit) group")
        var paragraphs: [String] = []
        paragraphs.append(rng.pick([
            "I've been at \(org) since \(year), working with \(unit).",
            "I joined \(org) in \(year) and work with \(unit), from \(DemoWriting.city(of: zone)).",
            "\(slot.title) at \(org), based in \(DemoWriting.city(of: zone)).",
        ]) + (rng.chance(0.6) ? " Before that I \(rng.pick(DemoWriting.pasts))." : ""))
        if offered.count >= 2, rng.chance(0.35) {
            paragraphs.append("I can help with:\n\n" + offered.prefix(3).map { "- \($0)" }.joined(separator: "\n"))
        }
        if rng.chance(0.2) {
            let slug = Self.slug(name.replacingOccurrences(of: " ", with: "-"))
            paragraphs.append(rng.pick([
                "I write now and then on [my blog](https://example.org/notes/\(slug)).",
                "Slides from my talks are [on my site](https://example.org/talks/\(slug)).",
            ]))
        }
        if rng.chance(0.5) {
            let hobbies = rng.sample(DemoWriting.hobbies, count: 2)
            paragraphs.append("Outside work: **\(hobbies[0])**, and \(hobbies[1]).")
        }
        return paragraphs.joined(separator: "\n\n")
    }
}

extension DemoTrack {
    /// The skill to name in a headline when someone offers none yet.
    var defaultSkill: String { DemoWriting.focus(of: self)[0] }
}

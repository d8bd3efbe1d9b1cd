import Foundation

/// How one candidate matches one query: nil when any filter fails, else a score and reasons.
struct DirectoryMatch {
    // Where a word is found says how relevant the person is: their name most, their goals least.
    enum Weight {
        static let name = 10.0
        static let nameWordStart = 2.0
        static let skillOffered = 6.0
        static let skillWanted = 4.0
        static let exactSkill = 1.0
        static let headline = 3.0
        static let title = 3.0
        static let organization = 2.0
        static let goals = 1.0
        static let skillFilterOffered = 5.0
        static let skillFilterWanted = 3.0
        // Small enough never to outweigh a real match, large enough to order equals.
        static let hasFreePlaces = 0.5
        static let perFreePlace = 0.05
    }

    private(set) var score = 0.0
    private(set) var reasons: [String] = []
    let candidate: DirectoryCandidate

    var hit: DirectoryHit { DirectoryHit(candidate: candidate, score: score, reasons: reasons) }

    init?(candidate: DirectoryCandidate, query: DirectoryQuery, terms: [String], now: Date) {
        self.candidate = candidate
        for term in terms {
            guard matchTerm(term) else { return nil }
        }
        if let key = query.skillKey {
            guard matchSkill(key, offeredOnly: query.seeksMentors) else { return nil }
        }
        guard matchRole(query.role, openOnly: query.openOnly) else { return nil }
        if let organization = query.organizationFilter {
            let theirs = candidate.organization.trimmingCharacters(in: .whitespacesAndNewlines)
            guard theirs.compare(organization, options: .caseInsensitive) == .orderedSame else { return nil }
            add("Works at \(theirs)")
        }
        if let band = query.timeZoneBand {
            guard TimeZoneBand.of(identifier: candidate.timeZone, at: now) == band else { return nil }
            let offset = TimeZones.utcOffsetLabel(identifier: candidate.timeZone, at: now)
            add("In \(band.shortLabel) time zones (\(offset))")
        }
        if query.isBrowse { addOpenness() }
        let free = candidate.freePlaces
        if free > 0 { score += Weight.hasFreePlaces + Weight.perFreePlace * Double(min(free, 5)) }
    }

    private mutating func add(_ reason: String) {
        if !reasons.contains(reason) { reasons.append(reason) }
    }

    /// Scores every field the term appears in; false if it appears in none.
    private mutating func matchTerm(_ term: String) -> Bool {
        let before = score
        let quoted = "“\(term)”"
        if contains(candidate.name, term) {
            score += Weight.name
            if wordStarts(candidate.name, with: term) { score += Weight.nameWordStart }
            add("Name matches \(quoted)")
        }
        for skill in candidate.skillsOffered where contains(skill, term) {
            score += Weight.skillOffered + (SkillTag.normalize(skill) == term ? Weight.exactSkill : 0)
            add("Offers \(SkillTag.tidy(skill))")
        }
        for skill in candidate.skillsWanted where contains(skill, term) {
            score += Weight.skillWanted + (SkillTag.normalize(skill) == term ? Weight.exactSkill : 0)
            add("Wants to grow \(SkillTag.tidy(skill))")
        }
        if contains(candidate.headline, term) {
            score += Weight.headline
            add("Headline mentions \(quoted)")
        }
        if contains(candidate.title, term) {
            score += Weight.title
            add("Title mentions \(quoted)")
        }
        if contains(candidate.team, term) {
            score += Weight.title
            add("Team mentions \(quoted)")
        }
        if contains(candidate.organization, term) {
            score += Weight.organization
            add("Works at \(candidate.organization.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        if contains(candidate.goals, term) {
            score += Weight.goals
            add("Goals mention \(quoted)")
        }
        return score > before
    }

    private mutating func matchSkill(_ key: String, offeredOnly: Bool) -> Bool {
        if let skill = candidate.skillsOffered.first(where: { SkillTag.normalize($0) == key }) {
            score += Weight.skillFilterOffered
            add("Offers \(SkillTag.tidy(skill))")
            return true
        }
        if !offeredOnly, let skill = candidate.skillsWanted.first(where: { SkillTag.normalize($0) == key }) {
            score += Weight.skillFilterWanted
            add("Wants to grow \(SkillTag.tidy(skill))")
            return true
        }
        return false
    }

    private mutating func matchRole(_ role: DirectoryRole?, openOnly: Bool) -> Bool {
        switch role {
        case .mentor?:
            guard candidate.openToMentoring, !openOnly || candidate.freePlaces > 0 else { return false }
            if let reason = candidate.mentoringReason { add(reason) }
        case .mentee?:
            guard candidate.openToBeingMentored else { return false }
            add(DirectoryRole.mentee.label)
        case .peer?:
            guard candidate.openToPeer else { return false }
            add(DirectoryRole.peer.label)
        case nil:
            guard openOnly else { return true }
            guard candidate.freePlaces > 0 else { return false }
            if let reason = candidate.mentoringReason { add(reason) }
        }
        return true
    }

    private mutating func addOpenness() {
        if let reason = candidate.mentoringReason { add(reason) }
        if candidate.openToBeingMentored { add(DirectoryRole.mentee.label) }
        if candidate.openToPeer { add(DirectoryRole.peer.label) }
    }

    private func contains(_ field: String, _ term: String) -> Bool {
        field.range(of: term, options: .caseInsensitive) != nil
    }

    private func wordStarts(_ field: String, with term: String) -> Bool {
        field.split(whereSeparator: { $0.isWhitespace || $0 == "-" })
            .contains { $0.lowercased().hasPrefix(term) }
    }
}

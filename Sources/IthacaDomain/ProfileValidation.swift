import Foundation

extension ProfileChanges {
    /// The profile with these changes checked, tidied and merged in; throws `.validation` listing every problem.
    ///
    /// Field names in errors are the JSON names of `ProfileChanges`. `today` is the member's "YYYY-MM-DD".
    /// Whether a new manager would create a loop in the reporting line needs other profiles,
    /// so callers check that with `ReportingLine.wouldCreateCycle`.
    public func applied(to profile: Profile, selfId: UUID, today: String) throws(IthacaError) -> Profile {
        var check = FieldChecker()
        var result = profile

        if let name, let value = check.text(name, .name) {
            if value.isEmpty { check.add("name", "Enter your name.") } else { result.name = value }
        }
        check.apply(pronouns, to: &result.pronouns, .pronouns)
        check.apply(headline, to: &result.headline, .headline)
        check.apply(bio, to: &result.bio, .bio)
        check.apply(organization, to: &result.organization, .organization)
        check.apply(team, to: &result.team, .team)
        check.apply(title, to: &result.title, .title)
        check.apply(goals, to: &result.goals, .goals)
        check.apply(gender, to: &result.gender, .gender)

        if let managerId { check.manager(managerId, selfId: selfId, into: &result) }
        if let tenureStart { check.tenureStart(tenureStart, today: today, into: &result) }
        if let careerStage { check.careerStage(careerStage, into: &result) }
        if let timeZone {
            let value = timeZone.trimmingCharacters(in: .whitespacesAndNewlines)
            if TimeZones.isValid(value) {
                result.timeZone = value
            } else {
                check.add("timeZone", "Choose a time zone such as Europe/Lisbon.")
            }
        }

        check.apply(languages, to: &result.languages, .languages)
        check.apply(skillsOffered, to: &result.skillsOffered, .skillsOffered)
        check.apply(skillsWanted, to: &result.skillsWanted, .skillsWanted)
        check.apply(strengths, to: &result.strengths, .strengths)
        check.apply(areasToGrow, to: &result.areasToGrow, .areasToGrow)

        if let openToMentoring { result.openToMentoring = openToMentoring }
        if let openToBeingMentored { result.openToBeingMentored = openToBeingMentored }
        if let openToPeer { result.openToPeer = openToPeer }
        if let mentorCapacity {
            if (0...20).contains(mentorCapacity) {
                result.mentorCapacity = mentorCapacity
            } else {
                check.add("mentorCapacity", "Choose how many mentees you can take at once, from 0 to 20.")
            }
        }
        // Checked on the merged result: being open to mentoring must come with room for at least one mentee.
        if result.openToMentoring, result.mentorCapacity < 1, !check.hasError(for: "mentorCapacity") {
            check.add("mentorCapacity", "Set how many mentees you can take at once (1–20).")
        }

        if let mentorGenderPreference {
            check.choice(
                mentorGenderPreference, field: "mentorGenderPreference",
                prompt: "Choose a preference for your mentor's gender", into: &result.mentorGenderPreference)
        }
        if let mentorOrganizationPreference {
            check.choice(
                mentorOrganizationPreference, field: "mentorOrganizationPreference",
                prompt: "Choose where your mentor should work", into: &result.mentorOrganizationPreference)
        }

        if !check.errors.isEmpty { throw .validation(check.errors) }
        return result
    }
}

import Foundation

/// Turns a participant's profile and enrolment answers into what the compatibility scorer compares.
public enum ProgramCandidate {
    /// Working hours are taken as 09:00–17:00 in the person's zone, placed in UTC as of `now` (so DST is current).
    public static let workdayStartHour = 9
    public static let workdayHours = 8

    public static func make(
        id: UUID, profile: Profile, answers: EnrolmentAnswers, managersAbove: [UUID], capacity: Int, now: Date
    ) -> MatchCandidate {
        let isMentor = answers.role == .mentor
        let skills = isMentor
            ? (answers.skillsOffered.isEmpty ? profile.skillsOffered : answers.skillsOffered)
            : (answers.skillsWanted.isEmpty ? profile.skillsWanted : answers.skillsWanted)
        // A mentee is described by their goals; a mentor by their experience (title, headline, bio, strengths).
        let text = isMentor
            ? [profile.title, profile.headline, profile.bio, profile.strengths.joined(separator: ", "), answers.goals].joined(separator: "\n")
            : [answers.goals, answers.goals == profile.goals ? "" : profile.goals, profile.areasToGrow.joined(separator: ", ")]
                .joined(separator: "\n")
        return MatchCandidate(
            id: id, skills: skills, text: text, workingHours: workingHours(timeZone: profile.timeZone, at: now),
            languages: profile.languages, careerStage: (profile.careerStage?.rank ?? 2) + 1,
            organisation: profile.organization.lowercased(), tenureYears: tenureYears(profile.tenureStart, now: now),
            gender: gender(profile.gender),
            genderPreference: answers.genderPreference == .same ? .same : .any,
            organisationPreference: organisationPreference(answers.organisationPreference),
            managersAbove: managersAbove, capacity: capacity, minimumOverlapMinutes: answers.timeZoneOverlap.minimumMinutes)
    }

    static func organisationPreference(_ preference: MentorOrganizationPreference) -> MatchCandidate.OrganisationPreference {
        switch preference {
        case .either: .any
        case .inside: .inside
        case .outside: .outside
        }
    }

    public static func workingHours(timeZone identifier: String, at now: Date) -> WorkingWindow {
        let offsetMinutes = (TimeZone(identifier: identifier)?.secondsFromGMT(for: now) ?? 0) / 60
        return WorkingWindow(startMinuteUTC: workdayStartHour * 60 - offsetMinutes, lengthMinutes: workdayHours * 60)
    }

    /// Whole years since "YYYY-MM-DD" (0 when unknown).
    static func tenureYears(_ start: String?, now: Date) -> Int {
        guard let start, let year = Int(start.prefix(4)), let thisYear = Int(CalendarDay.of(now).prefix(4)) else { return 0 }
        let years = thisYear - year - (String(start.dropFirst(5)) > String(CalendarDay.of(now).dropFirst(5)) ? 1 : 0)
        return max(years, 0)
    }

    /// Gender is free text on profiles (never shown); only a same-gender preference reads it.
    static func gender(_ text: String) -> MatchCandidate.Gender {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "woman", "female", "f", "w", "girl", "lady", "trans woman": .woman
        case "man", "male", "m", "trans man": .man
        case "non-binary", "nonbinary", "non binary", "enby", "genderqueer", "agender": .nonBinary
        default: .unspecified
        }
    }
}

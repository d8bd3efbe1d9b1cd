import Foundation

/// The population of `ithaca bench import`'s HR export as a matching round: one person in five a mentor with two
/// places, managers one level up inside the file, two skills and one goal from a list of ten, six time zones, twelve
/// organisations, everyone an "Engineer". Many people look alike on paper, as in a real export, which is what makes
/// a round on it hard for a search that keeps only each mentee's best few mentors.
public enum HRExportPopulation {
    public static let skills = [
        "Swift", "Go", "Leadership", "System design", "Python", "Public speaking", "Hiring", "SQL", "Kubernetes", "Writing",
    ]
    public static let zones = [
        "Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Berlin", "America/Los_Angeles", "Africa/Lagos",
    ]

    /// Row `i` of an export of `rows` people, as the round sees them (working hours as of a fixed winter day).
    public static func make(rows: Int) -> MatchInstance {
        let day = Date(timeIntervalSince1970: 1_768_435_200)  // 2026-01-15
        let hours = zones.map { ProgramCandidate.workingHours(timeZone: $0, at: day) }
        func person(_ i: Int) -> UUID {
            var value = UInt64(i) &+ 1
            return withUnsafeBytes(of: &value) { bytes in
                UUID(uuid: (0x1b, 0xe5, 0, 0, 0, 0, 0x40, 0, 0x80, 0, bytes[5], bytes[4], bytes[3], bytes[2], bytes[1], bytes[0]))
            }
        }
        var mentees: [MatchCandidate] = []
        var mentors: [MatchCandidate] = []
        for i in 0..<rows {
            var chain: [UUID] = []
            var above = i
            while above >= 10 {
                above /= 10
                chain.append(person(above))
            }
            var wanted = [skills[i % skills.count]]
            let second = skills[(i / 3) % skills.count]
            if second != wanted[0] { wanted.append(second) }
            let goal = "Grow in \(skills[(i / 7) % skills.count])"
            let isMentor = i % 5 == 0
            let candidate = MatchCandidate(
                id: person(i), skills: wanted, text: isMentor ? "Engineer\n\n\n\n\(goal)" : "\(goal)\n\n",
                workingHours: hours[i % zones.count], careerStage: 3, organisation: "org \(i % 12)",
                managersAbove: chain, capacity: isMentor ? 2 : 0)
            if isMentor { mentors.append(candidate) } else { mentees.append(candidate) }
        }
        return MatchInstance(mentees: mentees, mentors: mentors, restrictions: MatchRestrictions())
    }
}

import Foundation
import IthacaDomain

/// The community side of the demo: a few more spaces, and questions with answers, votes and accepted answers,
/// generated from a seed like the people.
public enum DemoQuestions {
    public struct Question: Sendable {
        public var space: String
        public var asker: Int
        public var anonymous: Bool
        public var title: String
        public var body: String
        public var tags: [String]
        public var daysAgo: Int
        public var answers: [(author: Int, body: String)]
        public var acceptedIndex: Int?
        public var voters: [Int]
    }

    /// Spaces beyond the defaults.
    public static let extraSpaces: [(name: String, description: String)] = [
        ("iOS", "Swift, SwiftUI and shipping apps on Apple platforms."),
        ("Security", "Threat models, secure code reviews and getting started in security."),
        ("Career changers", "Moving into tech, or into a new track within it."),
    ]

    private static let topics: [(space: String, tags: [String], titles: [String], answers: [String])] = [
        ("General", ["feedback", "mentoring"], [
            "How do I ask my manager for feedback without sounding needy?",
            "What should I bring to a first meeting with a mentor?",
            "Is it fine to have two mentors at once?",
            "How do you keep notes from one-to-ones useful?",
        ], [
            "Ask for one specific thing to improve after each piece of work; it feels natural and gets real answers.",
            "Bring one goal, two questions and one recent example. Mentors love concrete situations.",
            "Yes, as long as each has a different focus. Tell both, so nobody is surprised.",
            "Write three lines after each meeting: what you learned, what you will do, what to ask next time.",
        ]),
        ("Career growth", ["promotion", "career"], [
            "What evidence matters most in a promotion case?",
            "How do I move from senior engineer to staff?",
            "Should I switch teams to grow faster?",
            "How do I negotiate a raise after a strong year?",
        ], [
            "Impact beyond your own tasks: a decision you drove, a person you grew, a problem you prevented.",
            "Find a cross-team problem nobody owns and write the one-page plan for it. Then do it.",
            "Switch when you stopped learning, not when you are bored for a week. Talk to the new team first.",
            "Come with the market data and a list of outcomes; ask what it would take, then stop talking.",
        ]),
        ("First-time managers", ["management", "one-to-ones"], [
            "How do I run my first one-to-ones?",
            "How do I give difficult feedback to a former peer?",
            "How much should a new manager still code?",
        ], [
            "Let them own the agenda; your job is to listen, ask one good question and follow up.",
            "Early, private and specific: the situation, the behaviour, the impact, then ask for their view.",
            "Enough to review code and understand the system; never on the critical path.",
        ]),
        ("iOS", ["swift", "swiftui"], [
            "When should I use SwiftUI instead of UIKit?",
            "How do I learn Swift concurrency properly?",
            "What makes a good first open-source contribution for iOS?",
        ], [
            "New screens in SwiftUI, complex lists and text input still often in UIKit; mix them freely.",
            "Read the Swift evolution proposals for async/await and actors, then port one small module.",
            "Documentation fixes and small bug reports with a reproducing project are always welcome.",
        ]),
        ("Security", ["security", "appsec"], [
            "How do I start a career in application security?",
            "What should a secure code review look for first?",
        ], [
            "Learn the OWASP Top 10 by breaking a deliberately vulnerable app, then review your own team's code.",
            "Input that crosses a trust boundary: where it enters, how it is checked, where it is used.",
        ]),
        ("Career changers", ["career-change", "learning"], [
            "I'm moving from teaching into software: where do I start?",
            "Is a bootcamp worth it in 2026?",
        ], [
            "Build three small projects that solve a problem you know from teaching; your domain is your strength.",
            "It can be, if it has real project work and a community after it; ask graduates, not the website.",
        ]),
    ]

    /// About 120 questions (a few anonymous) by members of `people`, with answers from others, votes and accepted
    /// answers; every answerer is someone other than the asker.
    public static func generate(people: [DemoPerson], seed: UInt64 = 7) -> [Question] {
        var rng = DemoRandom(seed: seed)
        let members = people.filter { !$0.isAdmin }.map(\.key)
        var questions: [Question] = []
        for round in 0..<6 {
            for topic in topics {
                for (index, title) in topic.titles.enumerated() {
                    let asker = rng.pick(members)
                    var answers: [(Int, String)] = []
                    for answerIndex in 0..<rng.int(in: 0...3) {
                        var author = rng.pick(members)
                        while author == asker { author = rng.pick(members) }
                        let text = answerIndex == 0 ? topic.answers[index] : rng.pick(topic.answers)
                        answers.append((author, answerIndex == 0 ? text : "Adding to that: \(text.prefix(1).lowercased())\(text.dropFirst())"))
                    }
                    let voters = (0..<rng.int(in: 0...6)).map { _ in rng.pick(members) }.filter { $0 != asker }
                    questions.append(Question(
                        space: topic.space, asker: asker, anonymous: rng.chance(0.08),
                        title: round == 0 ? title : "\(title) (\(["again", "in a small team", "remotely", "as a junior", "at a startup"][round - 1]))",
                        body: "Context: I've been in my role for \(rng.int(in: 1...9)) months. Any advice welcome.",
                        tags: topic.tags, daysAgo: rng.int(in: 0...60), answers: answers,
                        acceptedIndex: !answers.isEmpty && rng.chance(0.5) ? 0 : nil, voters: Array(Set(voters)).sorted()))
                }
            }
        }
        return questions
    }
}

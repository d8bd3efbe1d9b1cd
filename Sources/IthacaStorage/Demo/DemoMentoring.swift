import Foundation
import IthacaDomain

/// The mentoring going on in the demo community: requests and mentorships in every state, meetings past and
/// future with items and feedback, and a pay-it-forward chain four people long.
///
/// Pure data, like `DemoCommunity`: people are named by their keys; mentors and mentees always come from different
/// organisations, so no pair is ever in one reporting line; every mentor holds at most one place.
public struct DemoMentoring: Sendable {
    public struct Request: Sendable {
        public var mentee: Int, mentor: Int
        public var goal: String, focus: MentoringFocus, message: String
        public var status: MentorshipRequestStatus
        public var daysAgo: Int
        public var declineReason: String?
    }

    public struct Meeting: Sendable {
        /// Negative in the past; the meeting is put in the mentor's first window on or after that day.
        public var dayOffset: Int
        public var status: MeetingStatus
        public var agenda: String
        public var items: [(kind: CarriedItem.Kind, text: String, resolved: Bool)] = []
        /// Feedback from (side, useful, comment).
        public var feedback: [(from: MentorshipRole, useful: Int, comment: String)] = []
    }

    public struct Mentorship: Sendable {
        public var mentee: Int, mentor: Int
        public var goal: String, focus: MentoringFocus
        public var status: MentorshipStatus
        public var startedDaysAgo: Int
        public var meetings: [Meeting] = []
        public var messages: [(from: MentorshipRole, text: String)] = []
        public var retrospectives: [(from: MentorshipRole, wentWell: String, learned: String, next: String)] = []
        /// The mentee's goal for this mentorship, with milestones (title, done), when they wrote one down.
        public var milestones: [(String, Bool)]?
        public var endorsement: (text: String, status: EndorsementStatus)?
        public var introduction: (member: Int, note: String, status: IntroductionStatus)?
    }

    public var requests: [Request] = []
    public var mentorships: [Mentorship] = []
    /// The mentee whose account shows a bit of everything (documented in the README).
    public var showcaseMentee: Int
    /// The people of the pay-it-forward chain, first mentor first.
    public var chain: [Int]

    /// Everyone who mentors in the plan (they get weekly availability).
    public var mentors: Set<Int> { Set(mentorships.map(\.mentor)) }
}

extension DemoMentoring {
    /// The plan for `people` (from `DemoCommunity.generate()`).
    public static func plan(for people: [DemoPerson]) -> DemoMentoring {
        var mentorPool = people.filter { !$0.isAdmin && $0.profile.openToMentoring && $0.profile.mentorCapacity >= 1 }.map(\.key)
        let byKey = Dictionary(uniqueKeysWithValues: people.map { ($0.key, $0) })
        func organization(_ key: Int) -> String { byKey[key]?.profile.organization ?? "" }
        /// The next unused mentor outside `organizationOf`'s organisation.
        func nextMentor(outside other: Int) -> Int {
            let index = mentorPool.firstIndex { organization($0) != organization(other) } ?? 0
            return mentorPool.remove(at: index)
        }
        let mentees = people.filter { !$0.isAdmin && !$0.profile.openToMentoring && $0.profile.openToBeingMentored }.map(\.key)

        // The pay-it-forward chain: each link a mentor from another organisation than the one before.
        var chain = [nextMentor(outside: mentorPool[0])]
        while chain.count < 4 { chain.append(nextMentor(outside: chain.last!)) }

        let showcase = mentees[0]
        var plan = DemoMentoring(showcaseMentee: showcase, chain: chain)
        let held = Meeting(
            dayOffset: -21, status: .held, agenda: "Get to know each other; agree what success looks like in three months.",
            items: [(.actionItem, "Write a one-page plan for the next quarter", false),
                    (.openQuestion, "Which stakeholders should I meet first?", false),
                    (.actionItem, "Share the team's onboarding doc", true)],
            feedback: [(.mentee, 5, "Clear, kind and practical. I left with a plan."), (.mentor, 4, "Came well prepared with good questions.")])
        let second = Meeting(
            dayOffset: -7, status: .held, agenda: "Review the quarter plan draft.",
            items: [(.openQuestion, "How do I say no to extra scope without sounding negative?", false)],
            feedback: [(.mentee, 4, "The framing for saying no will help this week.")])

        // The showcase mentee: an active mentorship with history and a meeting ahead, a completed one, a proposed one,
        // and requests pending, declined, withdrawn and expired.
        plan.mentorships.append(Mentorship(
            mentee: showcase, mentor: nextMentor(outside: showcase), goal: "Lead my first cross-team project", focus: .leadership,
            status: .active, startedDaysAgo: 30,
            meetings: [held, second, Meeting(dayOffset: -14, status: .cancelled(late: true), agenda: "Stakeholder map"),
                       Meeting(dayOffset: 5, status: .scheduled, agenda: "Stakeholder map and the first steering meeting")],
            messages: [(.mentee, "Thanks for today! I'll send the plan draft by Friday."), (.mentor, "Looking forward to it. Keep it to one page.")],
            milestones: [("Write the one-page plan", true), ("Map the stakeholders", false), ("Run the kick-off meeting", false)],
            introduction: (chain[0], "They led the last cross-team migration and love talking about stakeholder maps.", .accepted)))
        plan.mentorships.append(Mentorship(
            mentee: showcase, mentor: nextMentor(outside: showcase), goal: "Get confident presenting to leadership", focus: .communication,
            status: .completed, startedDaysAgo: 130,
            meetings: [Meeting(dayOffset: -120, status: .held, agenda: "Where presenting goes wrong for me", feedback: [(.mentee, 5, "Exactly what I needed.")]),
                       Meeting(dayOffset: -100, status: .noShow(who: .mentee), agenda: "Dry run of the quarterly update"),
                       Meeting(dayOffset: -90, status: .held, agenda: "Dry run of the quarterly update", feedback: [(.mentor, 5, "Huge progress since the first session.")])],
            retrospectives: [(.mentee, "Weekly dry runs and honest feedback.", "How to open with the decision I need.", "Mentor someone newer than me."),
                             (.mentor, "A mentee who practised between sessions.", "How newer colleagues experience our leadership meetings.", "")],
            milestones: [("Present at a team meeting", true), ("Present the quarterly update", true)],
            endorsement: ("A calm, well-prepared presenter who listens to questions before answering.", .approved)))
        plan.mentorships.append(Mentorship(
            mentee: showcase, mentor: nextMentor(outside: showcase), goal: "Understand how product managers prioritise", focus: .careerMove,
            status: .proposed, startedDaysAgo: 1))
        for (status, reason, days) in [(MentorshipRequestStatus.pending, nil as String?, 2), (.declined, "My places are full until spring — please ask me again then!", 10),
                                       (.withdrawn, nil, 12), (.expired, nil, 40)] {
            plan.requests.append(Request(
                mentee: showcase, mentor: nextMentor(outside: showcase), goal: "Learn to review system designs", focus: .technicalSkill,
                message: "I'd value an hour every two weeks.", status: status, daysAgo: days, declineReason: reason))
        }

        // Other mentees: paused and ended mentorships, more active pairs with a meeting ahead, more pending requests.
        plan.mentorships.append(Mentorship(
            mentee: mentees[1], mentor: nextMentor(outside: mentees[1]), goal: "Move from support into engineering", focus: .careerMove,
            status: .paused, startedDaysAgo: 50,
            meetings: [held, Meeting(dayOffset: -14, status: .noShow(who: .mentor), agenda: "Which internal courses to take first")]))
        plan.mentorships.append(Mentorship(
            mentee: mentees[2], mentor: nextMentor(outside: mentees[2]), goal: "Improve my Kotlin", focus: .technicalSkill,
            status: .ended, startedDaysAgo: 70, meetings: [Meeting(dayOffset: -60, status: .cancelled(late: false), agenda: "Code review habits")]))
        for index in 3..<9 {
            plan.mentorships.append(Mentorship(
                mentee: mentees[index], mentor: nextMentor(outside: mentees[index]), goal: "Grow into a senior role", focus: .careerMove,
                status: .active, startedDaysAgo: 10 + index, meetings: [second, Meeting(dayOffset: 3 + index, status: .scheduled, agenda: "Promotion case: evidence so far")]))
        }
        for index in 9..<13 {
            plan.requests.append(Request(
                mentee: mentees[index], mentor: nextMentor(outside: mentees[index]), goal: "Find my footing as a new manager", focus: .leadership,
                message: "I've just taken over a team of five.", status: .pending, daysAgo: index - 8))
        }

        // Pay it forward: A mentored B, B went on to mentor C, C now mentors D.
        let lookBack = (MentorshipRole.mentee, "Having someone outside my team to think aloud with.", "", "Pay it forward: mentor someone myself.")
        plan.mentorships.append(Mentorship(
            mentee: chain[1], mentor: chain[0], goal: "Step up to tech lead", focus: .leadership, status: .completed, startedDaysAgo: 400,
            meetings: [Meeting(dayOffset: -390, status: .held, agenda: "What a tech lead does all day")], retrospectives: [lookBack]))
        plan.mentorships.append(Mentorship(
            mentee: chain[2], mentor: chain[1], goal: "Run better design reviews", focus: .technicalSkill, status: .completed, startedDaysAgo: 200,
            meetings: [Meeting(dayOffset: -190, status: .held, agenda: "Design review checklist")], retrospectives: [lookBack]))
        plan.mentorships.append(Mentorship(
            mentee: chain[3], mentor: chain[2], goal: "Plan a career move into architecture", focus: .careerMove, status: .active, startedDaysAgo: 20,
            meetings: [Meeting(dayOffset: -10, status: .held, agenda: "Architecture roles: what they really involve"),
                       Meeting(dayOffset: 6, status: .scheduled, agenda: "Portfolio of design documents")]))
        return plan
    }
}

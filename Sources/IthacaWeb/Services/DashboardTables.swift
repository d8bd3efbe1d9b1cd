import Foundation
import IthacaDomain
import IthacaStorage

/// Turns the dashboard's raw counts into the figures people see, each through `SmallCellRule`: counts that are
/// parts of a shown total are protected together, rates also hide a small remainder, medians and averages need
/// five people behind them.
enum DashboardTables {
    typealias Figure = Dashboard.Figure

    static func count(_ key: String, _ label: String, _ value: Int, people: Int? = nil) -> Figure {
        Figure(key: key, label: label, value: SmallCellRule.disclose(Measured(Double(value), people: people ?? value)), unit: .count)
    }

    static func statistic(_ key: String, _ label: String, _ value: Double?, people: Int, _ unit: Dashboard.Unit) -> Figure {
        Figure(key: key, label: label, value: value.map { SmallCellRule.discloseStatistic(Measured($0, people: people)) } ?? .suppressed, unit: unit)
    }

    /// `parts` of `total`, protected together, then the rate of the first part when both parts could be shown.
    static func split(total: (String, String, Int), parts: [(String, String, Int)], rate: (String, String)? = nil) -> [Figure] {
        let disclosed = SmallCellRule.partition(total: total.2, parts: parts.map(\.2))
        var figures = [Figure(key: total.0, label: total.1, value: disclosed.total, unit: .count)]
        figures += zip(parts, disclosed.parts).map { Figure(key: $0.0, label: $0.1, value: $1, unit: .count) }
        if let rate, let first = parts.first {
            let visible = disclosed.parts.allSatisfy { $0 != .suppressed }
            figures.append(Figure(key: rate.0, label: rate.1, value: visible ? SmallCellRule.rate(first.2, of: total.2) : .suppressed, unit: .percent))
        }
        return figures
    }

    static let roleLabels = [
        "mentee": "Mentees", "mentor": "Mentors", "peer": "Peers", "coach": "Coaches", "coachee": "Coachees",
        "both": "Both mentor and mentee", "member": "Not yet in a mentorship",
    ]

    static func participants(_ c: DashboardCounts.Participants, programWide: Bool) -> Dashboard.Table {
        let roles = c.byRole.keys.sorted { (c.byRole[$0] ?? 0, $1) > (c.byRole[$1] ?? 0, $0) }
        var figures = split(
            total: ("participants", programWide ? "Participants" : "Members", c.total),
            parts: roles.map { ("role_\($0)", roleLabels[$0] ?? $0.capitalized, c.byRole[$0] ?? 0) })
        figures += split(
            total: ("signed_in_state", "Sign-in state of everyone above", c.total),
            parts: [("joined", "Joined (signed in at least once)", c.joined), ("invited", "Invited, not joined yet", c.invited),
                    ("not_invited", "Not invited yet", c.total - c.joined - c.invited)]
        ).dropFirst()
        return .init(id: "participants", title: "Participants", figures: figures)
    }

    static func matching(_ c: DashboardCounts.Matching) -> Dashboard.Table {
        var figures = split(
            total: ("mentees", "Mentees", c.mentees),
            parts: [("matched", "Matched", c.matched), ("waiting", "Waiting for a match", c.mentees - c.matched)],
            rate: ("match_rate", "Match rate"))
        figures.append(statistic("median_days_to_match", "Median time from enrolment to match", c.medianSecondsToMatch.map { $0 / 86_400 },
                                 people: c.timedMatches, .days))
        return .init(id: "matching", title: "Matching", figures: figures)
    }

    static func activity(_ c: DashboardCounts.Activity) -> Dashboard.Table {
        let perPair = c.runningPairs == 0 ? nil : Double(c.heldMeetings) / Double(c.runningPairs) / c.months
        return .init(id: "activity", title: "Mentorships and meetings", figures: [
            count("active_mentorships", "Active mentorships", c.activeMentorships, people: c.activePeople),
            count("meetings_held", "Meetings held", c.heldMeetings, people: c.heldPeople),
            statistic("meetings_per_pair_month", "Meetings held per pair per month", perPair, people: c.runningPeople, .perPairPerMonth),
            count("late_cancellations", "Late cancellations", c.lateCancellations, people: c.lateCancellingPeople),
            count("no_shows", "Meetings someone missed", c.noShows, people: c.noShowPeople),
        ])
    }

    static func requests(_ c: DashboardCounts.Requests) -> Dashboard.Table {
        .init(id: "requests", title: "Requests and answers", figures: [
            count("requests", "Mentorship requests", c.requests),
            count("answered", "Answered by the mentor", c.answered, people: c.answeringMentors),
            statistic("median_hours_to_answer", "Median time for a mentor to answer", c.medianSecondsToAnswer.map { $0 / 3_600 },
                      people: c.answeringMentors, .hours),
            count("expired", "Requests that expired unanswered", c.expired, people: c.mentorsWhoLetExpire),
        ])
    }

    static func feedback(_ c: DashboardCounts.Feedback) -> Dashboard.Table {
        .init(id: "feedback", title: "Feedback on meetings", figures: [
            statistic("usefulness_from_mentees", "How useful mentees found their meetings", c.fromMentees, people: c.menteeAuthors, .rating),
            count("mentees_giving_feedback", "Mentees who gave feedback", c.menteeAuthors),
            statistic("usefulness_from_mentors", "How useful mentors found their meetings", c.fromMentors, people: c.mentorAuthors, .rating),
            count("mentors_giving_feedback", "Mentors who gave feedback", c.mentorAuthors),
        ])
    }

    static func goals(_ c: DashboardCounts.Goals) -> Dashboard.Table {
        .init(id: "goals", title: "Goals", figures: [
            count("goals", "Goals set", c.goals, people: c.owners),
            count("goals_with_progress", "Goals with progress (a milestone done)", c.withProgress, people: c.progressOwners),
            count("goals_achieved", "Goals achieved", c.achieved, people: c.achievingOwners),
        ])
    }

    static func outcomes(_ c: DashboardCounts.Outcomes) -> Dashboard.Table {
        var figures = split(
            total: ("closed", "Mentorships closed", c.completed + c.ended),
            parts: [("completed", "Completed", c.completed), ("ended_early", "Ended early", c.ended)],
            rate: ("completion_rate", "Completion rate"))
        figures += split(
            total: ("mentored", "People mentored", c.mentees),
            parts: [("paying_forward", "Went on to mentor someone", c.payingForward), ("not_yet_mentoring", "Not mentoring yet", c.mentees - c.payingForward)],
            rate: ("pay_it_forward_rate", "Pay-it-forward rate"))
        figures.append(count("longest_lineage", "Longest lineage (people in one mentoring chain)", c.longestChain))
        return .init(id: "outcomes", title: "Outcomes", figures: figures)
    }

    static func community(_ c: DashboardCounts.Community) -> Dashboard.Table {
        .init(id: "community", title: "Circles and community", figures: [
            count("circles", "Circles with participants in them", c.circles, people: c.circlePeople),
            count("circle_people", "Participants in circles", c.circlePeople),
            count("questions", "Questions asked", c.questions, people: c.authors),
            count("answers", "Answers written", c.answers, people: c.authors),
            count("comments", "Comments written", c.comments, people: c.authors),
            count("community_authors", "Participants who posted", c.authors),
        ])
    }

    /// Every month from the first with anything (or `from`) to `until`, at most the last 36.
    static func months(_ series: [[DashboardCounts.Month]], from: Date?, until: Date) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        func label(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month], from: date)
            return String(format: "%04d-%02d", parts.year ?? 1970, parts.month ?? 1)
        }
        let last = label(until.addingTimeInterval(-1))
        guard let first = from.map(label) ?? series.flatMap({ $0.map(\.month) }).min(), first <= last else { return [] }
        var result: [String] = []
        var cursor = DashboardService.firstDay(of: first) ?? until
        while label(cursor) <= last, result.count < 600 {
            result.append(label(cursor))
            cursor = calendar.date(byAdding: .month, value: 1, to: cursor) ?? until
        }
        return Array(result.suffix(36))
    }

    static func trends(_ t: DashboardCounts.Trends, from: Date?, until: Date) -> [Dashboard.Trend] {
        let axis = months([t.matches, t.meetingsHeld, t.posts], from: from, until: until)
        func trend(_ id: String, _ title: String, _ what: String, _ unit: String, _ series: [DashboardCounts.Month]) -> Dashboard.Trend {
            let byMonth = Dictionary(series.map { ($0.month, $0) }, uniquingKeysWith: { first, _ in first })
            let cells = axis.map { month in byMonth[month].map { Measured(Double($0.count), people: $0.people) } ?? Measured(0, people: 0) }
            let disclosed = SmallCellRule.series(cells)
            return .init(id: id, title: title, description: what, unit: unit, months: Array(zip(axis, disclosed)))
        }
        return [
            trend("matches", "New mentorships by month", "Mentorships started each month", "mentorships", t.matches),
            trend("meetings", "Meetings held by month", "Meetings marked held each month", "meetings", t.meetingsHeld),
            trend("posts", "Community posts by month", "Questions, answers and comments by participants each month", "posts", t.posts),
        ]
    }
}

extension DashboardService {
    /// The first instant of a "YYYY-MM" month, UTC (nil if malformed).
    static func firstDay(of month: String) -> Date? { try? start(of: month, "month") }
}

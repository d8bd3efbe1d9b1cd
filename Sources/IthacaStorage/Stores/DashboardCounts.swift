import Foundation

/// What the dashboard queries return, before small-cell suppression: counts with the number of distinct people
/// behind them, medians with the number of people they are a median of. Nothing here names anyone.
///
/// People that only decide whether a figure is shown (`…People`, `…Owners`, `answeringMentors`,
/// `mentorsWhoLetExpire`, a month's `people`) are counted up to `SmallCellRule.minimumPeople` and no further.
public enum DashboardCounts {
    public struct Participants: Sendable, Equatable {
        /// People by role (program: their enrolment; site-wide: mentor, mentee, both, or not yet in a mentorship).
        public var byRole: [String: Int] = [:]
        public var joined = 0
        /// Invited and not joined yet.
        public var invited = 0
        public var total: Int { byRole.values.reduce(0, +) }
    }

    public struct Matching: Sendable, Equatable {
        public var mentees = 0
        public var matched = 0
        /// Matched mentees whose first match came after they enrolled (history imported from before has no wait).
        public var timedMatches = 0
        /// Median seconds from enrolment (site-wide: sign-up) to the first match, over `timedMatches` mentees.
        public var medianSecondsToMatch: Double?
    }

    public struct Activity: Sendable, Equatable {
        public var activeMentorships = 0
        public var activePeople = 0
        public var heldMeetings = 0
        public var heldPeople = 0
        public var lateCancellations = 0
        public var lateCancellingPeople = 0
        public var noShows = 0
        public var noShowPeople = 0
        /// Mentorships running at some point of the months counted.
        public var runningPairs = 0
        public var runningPeople = 0
        /// Months counted (whole or in part), for "meetings per pair per month".
        public var months = 1.0
    }

    public struct Requests: Sendable, Equatable {
        public var requests = 0
        public var answered = 0
        public var answeringMentors = 0
        public var medianSecondsToAnswer: Double?
        public var expired = 0
        public var mentorsWhoLetExpire = 0
    }

    public struct Feedback: Sendable, Equatable {
        /// Average usefulness (1–5) mentees gave their meetings, over `menteeAuthors` people.
        public var fromMentees: Double?
        public var menteeAuthors = 0
        public var fromMentors: Double?
        public var mentorAuthors = 0
    }

    public struct Goals: Sendable, Equatable {
        public var goals = 0
        public var owners = 0
        public var withProgress = 0
        public var progressOwners = 0
        public var achieved = 0
        public var achievingOwners = 0
    }

    public struct Outcomes: Sendable, Equatable {
        public var completed = 0
        public var ended = 0
        /// Mentees of active, paused or completed mentorships …
        public var mentees = 0
        /// … who later mentored someone themselves.
        public var payingForward = 0
        /// People in the longest mentor → mentee chain among the participants (0 when nobody mentored anyone).
        public var longestChain = 0
    }

    public struct Community: Sendable, Equatable {
        public var circles = 0
        public var circlePeople = 0
        public var questions = 0
        public var answers = 0
        public var comments = 0
        public var authors = 0
    }

    /// One month of a trend.
    public struct Month: Sendable, Equatable {
        public var month: String
        public var count: Int
        public var people: Int

        public init(month: String, count: Int, people: Int) {
            self.month = month
            self.count = count
            self.people = people
        }
    }

    public struct Trends: Sendable, Equatable {
        public var matches: [Month] = []
        public var meetingsHeld: [Month] = []
        public var posts: [Month] = []
    }
}

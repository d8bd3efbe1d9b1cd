import Foundation

extension MentoringRuleViolation {
    /// What went wrong and what to do instead, addressed to the person who tried.
    public var message: String {
        switch self {
        case .invalidFields(let errors):
            errors.map(\.message).joined(separator: " ")
        case .askingYourself:
            "You can't be your own mentor. Browse the directory to find someone a few steps ahead of you."
        case .requestAlreadyPending:
            "You already have a request waiting with this mentor. Give them time to answer, or withdraw it first."
        case .alreadyYourMentor:
            "This person is already your mentor. Bring the new goal to your next meeting."
        case .mentorNotOpenToMentoring:
            "This person isn't taking mentees at the moment. The directory shows who is open to mentoring."
        case .mentorAtCapacity(let capacity):
            "This mentor already has \(capacity) \(capacity == 1 ? "mentee" : "mentees"), as many as they can take. "
                + "Try again later, or ask someone else who is open to mentoring."
        case .mentorManagesYou:
            "Your manager is your boss, not your mentor: ask them about the team's work; bring career questions to a mentor. "
                + "The same goes for anyone above you in your reporting line."
        case .mentorReportsToYou:
            "This person reports to you, directly or further down. Mentoring works best outside the reporting line, "
                + "so look for a mentor who isn't someone you manage."
        case .requestNoLongerPending(let status):
            "This request was already \(status.pastTense), so it can't change any more."
        case .requestNotWaitingForReply:
            "The mentor hasn't asked you anything on this request, so there is nothing to reply to."
        case .mentorNotTakingRequests:
            "This mentor isn't taking requests right now. Try someone else who is open to mentoring, or ask again later."
        case .mentorshipTransitionNotAllowed(let from, let action):
            "A mentorship that is \(from.label.lowercased()) can't \(action)."
        case .agreementVersionOutdated(let current):
            "The agreement changed while you were reading it. Please read version \(current) and acknowledge that one."
        case .bookingNoticeTooShort(let minimum):
            "Please book at least \(Self.hours(minimum)) ahead, so your mentor has time to prepare."
        case .agendaRequired:
            "Add a short agenda, so you both arrive knowing what you want to talk about."
        case .slotOutsideAvailability:
            "That time isn't one of your mentor's published slots. Pick one of the free slots shown."
        case .slotTaken:
            "Someone just booked that time. Please pick another free slot."
        case .feedbackNeedsHeldMeeting:
            "Feedback is for meetings that were held. Mark the meeting held first."
        case .feedbackAlreadyGiven:
            "You already gave feedback on this meeting. Thank you!"
        case .meetingAlreadyStarted:
            "This meeting has already started, so it can't be cancelled. Mark it held or missed afterwards."
        case .meetingNotYetStarted:
            "This meeting hasn't started yet. Mark it held or missed once it has taken place."
        case .meetingTransitionNotAllowed(let from, let action):
            "A meeting that is \(from.label.lowercased()) can't \(action)."
        case .introductionNeedsThreeDifferentPeople:
            "An introduction connects your mentee with someone else: choose a member other than the two of you."
        case .introductionAlreadyAnswered(let status):
            "This introduction was already \(status.rawValue), so it can't change any more."
        case .endorsementAlreadyAnswered(let status):
            "This endorsement was already \(status.rawValue), so it can't change any more."
        }
    }

    /// "48 hours", "1 hour" or "90 minutes": whole hours read better, odd minutes stay exact.
    public static func hours(_ interval: TimeInterval) -> String {
        let minutes = Int(interval / 60)
        if minutes % 60 == 0 {
            let hours = minutes / 60
            return hours == 1 ? "1 hour" : "\(hours) hours"
        }
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
}

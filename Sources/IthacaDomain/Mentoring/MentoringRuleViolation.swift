import Foundation

/// Every way a mentoring rule can refuse something; each case says what went wrong, `message` says it kindly.
///
/// Transition errors carry the action's name, never its payload, so a private reason can't leak into logs.
public enum MentoringRuleViolation: Error, Equatable, Sendable {
    /// A form broke one or more rules; each field says what to fix.
    case invalidFields([FieldError])

    /// The mentee picked themselves as mentor.
    case askingYourself
    /// The mentee already has a pending request with this mentor.
    case requestAlreadyPending
    /// This mentor already mentors the mentee (proposed, active or paused).
    case alreadyYourMentor
    /// The mentor has not turned on "open to mentoring".
    case mentorNotOpenToMentoring
    /// The mentor already has as many mentees as they offered to take.
    case mentorAtCapacity(capacity: Int)
    /// The mentor is the mentee's manager, or anyone above them in the reporting line.
    case mentorManagesYou
    /// The mentor reports to the mentee, directly or further down.
    case mentorReportsToYou
    /// The request was already answered, withdrawn or expired.
    case requestNoLongerPending(MentorshipRequestStatus)
    /// The mentee replied, but the mentor asked nothing (or the reply was already sent).
    case requestNotWaitingForReply
    /// The mentor paused new requests after letting several expire; they reopen with one click.
    case mentorNotTakingRequests

    /// The mentorship's current status does not allow this action.
    case mentorshipTransitionNotAllowed(from: MentorshipStatus, action: String)
    /// The person acknowledged an older version of the agreement than the current one.
    case agreementVersionOutdated(current: Int)

    /// The meeting starts sooner than the booking notice allows.
    case bookingNoticeTooShort(minimum: TimeInterval)
    /// A booking must come with an agenda.
    case agendaRequired
    /// The mentor has no published window offering this start and length.
    case slotOutsideAvailability
    /// The time overlaps a meeting already booked with the mentor or the mentee.
    case slotTaken
    /// Feedback is asked for once a meeting was held.
    case feedbackNeedsHeldMeeting
    /// This person already gave feedback on this meeting.
    case feedbackAlreadyGiven
    /// The meeting has already started, so it can no longer be cancelled.
    case meetingAlreadyStarted
    /// The meeting has not started yet, so it can't be marked held or missed.
    case meetingNotYetStarted
    /// The meeting's current status does not allow this action.
    case meetingTransitionNotAllowed(from: MeetingStatus, action: String)

    /// An introduction needs a mentor, a mentee and a third member, all different people.
    case introductionNeedsThreeDifferentPeople
    /// The introduced member already answered this introduction.
    case introductionAlreadyAnswered(IntroductionStatus)
    /// The mentee already approved or rejected this endorsement.
    case endorsementAlreadyAnswered(EndorsementStatus)
}

extension MentoringRuleViolation {
    /// The thing acted on is no longer in a state that allows the action (answered, ended, revised, taken) — a clash
    /// with its current state rather than with what was asked. A client acting on a stale view gets these; the API
    /// answers them 409 with the current state.
    public var isConflictWithCurrentState: Bool {
        switch self {
        case .requestAlreadyPending, .requestNoLongerPending, .requestNotWaitingForReply, .mentorshipTransitionNotAllowed,
             .agreementVersionOutdated, .meetingTransitionNotAllowed, .introductionAlreadyAnswered, .endorsementAlreadyAnswered,
             .slotTaken, .feedbackNeedsHeldMeeting, .feedbackAlreadyGiven:
            true
        default:
            false
        }
    }
}

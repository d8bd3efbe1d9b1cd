import Foundation
import Hummingbird

/// Names and attributes of our cookies. Over HTTPS the `__Host-` prefix pins them to this host, Secure and Path=/.
struct SessionCookies: Sendable {
    let secure: Bool
    let sessionMaxAge: Int

    var sessionName: String { secure ? "__Host-ithaca_session" : "ithaca_session" }
    var csrfName: String { secure ? "__Host-ithaca_csrf" : "ithaca_csrf" }
    var flashName: String { secure ? "__Host-ithaca_flash" : "ithaca_flash" }
    var signOnName: String { secure ? "__Host-ithaca_sso" : "ithaca_sso" }

    func session(_ value: String) -> Cookie {
        Cookie(name: sessionName, value: value, maxAge: sessionMaxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func csrf(_ value: String) -> Cookie {
        Cookie(name: csrfName, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func flash(_ flash: Flash) -> Cookie {
        Cookie(name: flashName, value: flash.rawValue, maxAge: 60, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Ties a single sign-on to the browser that started it, for the 10 minutes it may take.
    func signOn(_ value: String) -> Cookie {
        Cookie(name: signOnName, value: value, maxAge: 600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// One-time messages carried across a redirect. Codes, not text, so nothing a visitor types is ever reflected.
public enum Flash: String, Sendable {
    case welcome, signedIn, signedOut, profileSaved, passwordChanged, sessionEnded, otherSessionsEnded, tokenRevoked
    case requestSent, requestAccepted, requestDeclined, requestWithdrawn, agreementAcknowledged, mentorshipEnded
    case meetingBooked, meetingCancelled, meetingCancelledLate, meetingRecorded, itemAdded, itemUpdated, feedbackSent
    case mentorshipPaused, mentorshipResumed, mentorshipCompleted, completionRequested, retrospectiveSaved, nowMentoring
    case agreementRevised, agreementUnchanged
    case spaceCreated, spaceJoined, spaceLeft, questionAsked, answerPosted, voted, answerAccepted
    case goalSaved, introductionSent, introductionAccepted, introductionDeclined, endorsementSent, endorsementApproved, endorsementRejected
    case noteSaved, messageSent, availabilitySaved, calendarFeedCreated, calendarFeedRevoked
    case programCreated, programSaved, enrolled, enrolmentLeft, roundComputed, roundPublished
    case challengeCreated, challengeJoined, challengeLeft, checkedIn, cheered, commentPosted, answerEdited, resourceShared, resourceRecommended, reviewSaved, eventCreated, rsvpGoing, rsvpWaitlisted, rsvpCancelled
    case circleCreated, circleJoined, circleRequested, circleInvited, circleApproved, circleLeft, circlePersonRemoved, circlePlanSaved
    case circleMeetingScheduled, circleMeetingCancelled, circleMeetingCancelledLate, circleNoteAdded, circleMessageSent
    case reported, postHidden, postRestored, reportDismissed
    case slotBooked, slotReleased, eventCalledOff
    case pathCreated, pathFollowed, pathUnfollowed, stepDone, stepReopened, pathCompleted
    case questionSentToMentee, replySent, requestReported, requestsReopened, invitationsSent, invitationAccepted
    case notificationSettingsSaved, unsubscribed, guideDismissed, singleSignOnLinked, requestReportResolved
    case lineageShown, lineageHidden, accountDeleted

    var message: String {
        switch self {
        case .welcome: "Welcome to Ithaca! Tell people about yourself so the right mentors and mentees can find you."
        case .signedIn: "You're signed in."
        case .signedOut: "You're signed out. See you soon."
        case .profileSaved: "Profile saved."
        case .passwordChanged: "Password changed. Your other sessions and API tokens have been signed out."
        case .sessionEnded: "That session has been signed out."
        case .otherSessionsEnded: "All your other sessions have been signed out."
        case .tokenRevoked: "Token revoked."
        case .requestSent: "Your request is on its way. You'll see the answer here."
        case .requestAccepted: "You accepted. Read the draft agreement together, then both acknowledge it."
        case .requestDeclined: "Request declined. Thank you for answering."
        case .requestWithdrawn: "Request withdrawn."
        case .agreementAcknowledged: "Agreement acknowledged."
        case .mentorshipEnded: "The mentorship has ended."
        case .meetingBooked: "Meeting booked. Add it to your calendar with the .ics file."
        case .meetingCancelled: "Meeting cancelled."
        case .meetingCancelledLate: "Meeting cancelled. It was inside the late-cancellation window, so it shows as a late cancellation."
        case .meetingRecorded: "Thanks, the meeting's outcome is saved."
        case .itemAdded: "Added. Until it is resolved it carries over to your next meetings."
        case .itemUpdated: "Item updated."
        case .feedbackSent: "Thank you for your feedback."
        case .mentorshipPaused: "The mentorship is paused. Resume it whenever you are both ready."
        case .mentorshipResumed: "Welcome back: the mentorship is active again."
        case .mentorshipCompleted: "Congratulations on completing your mentorship! Take a moment to write a short retrospective."
        case .completionRequested: "Noted. The mentorship completes when the other person agrees too."
        case .retrospectiveSaved: "Thank you for looking back. The other person can read it."
        case .nowMentoring: "Thank you for paying it forward! You're now listed as open to mentoring."
        case .spaceCreated: "Space created. Invite people to join it."
        case .spaceJoined: "Welcome! You can now ask and answer here."
        case .spaceLeft: "You left the space. You can still read it."
        case .questionAsked: "Your question is up. No question is a stupid question."
        case .answerPosted: "Thank you for answering."
        case .voted: "Thanks for your vote."
        case .answerAccepted: "Answer accepted. Others will see it first."
        case .agreementRevised: "The agreement changed: this is a new version, and you both acknowledge it again."
        case .agreementUnchanged: "Nothing changed in the agreement."
        case .goalSaved: "Goal saved."
        case .introductionSent: "Introduction sent. Contact details are shared only if they accept."
        case .introductionAccepted: "You accepted the introduction. You can now see each other's email."
        case .introductionDeclined: "Introduction declined. Nothing was shared."
        case .endorsementSent: "Endorsement sent. It appears on their profile once they approve it."
        case .endorsementApproved: "Endorsement approved: it now shows on your profile."
        case .endorsementRejected: "Endorsement hidden. It won't appear on your profile."
        case .noteSaved: "Note saved."
        case .messageSent: "Message sent."
        case .availabilitySaved: "Availability saved."
        case .calendarFeedCreated: "Your private calendar feed is ready. Copy the address below into your calendar app."
        case .calendarFeedRevoked: "Calendar feed revoked. The old address no longer works."
        case .programCreated: "Program created. Import participants or open enrolment."
        case .programSaved: "Program saved."
        case .enrolled: "You're enrolled. Your answers help us find the right people for you."
        case .enrolmentLeft: "You left the program."
        case .roundComputed: "Round computed. Review the pairs, pin or forbid any, then publish."
        case .roundPublished: "Round published: every pair now has a proposed mentorship to accept."
        case .challengeCreated: "Challenge started. Invite others to join you."
        case .challengeJoined: "You joined. Check in once a day with a short note."
        case .challengeLeft: "You left the challenge. Your check-ins stay yours."
        case .checkedIn: "Checked in for today. Keep going!"
        case .cheered: "Encouragement sent."
        case .commentPosted: "Comment posted."
        case .resourceShared: "Thank you for sharing. Others can recommend and review it now."
        case .resourceRecommended: "Recommended. It moves up the list for everyone."
        case .reviewSaved: "Review saved."
        case .eventCreated: "Event created. Share it with the people who'd enjoy it."
        case .rsvpGoing: "You're going. Add it to your calendar with the .ics file."
        case .rsvpWaitlisted: "The event is full, so you're on the waitlist. You'll move up (and hear about it) when a seat frees."
        case .rsvpCancelled: "Thanks for letting everyone know. Your seat goes to the next person waiting."
        case .answerEdited: "Answer updated. The earlier version is kept in its history."
        case .circleCreated: "Circle started. Invite the people you'd like to grow with."
        case .circleJoined: "Welcome to the circle."
        case .circleRequested: "Your request is on its way; you'll hear when you're in."
        case .circleInvited: "Invitation sent."
        case .circleApproved: "They're in."
        case .circleLeft: "You left the circle."
        case .circlePersonRemoved: "Done: they are no longer connected to the circle."
        case .circlePlanSaved: "Plan saved."
        case .circleMeetingScheduled: "Meeting scheduled. Everyone in the circle hears about it."
        case .circleMeetingCancelled: "Meeting cancelled."
        case .circleMeetingCancelledLate: "Meeting cancelled. It was inside the late-cancellation window, so it shows as late."
        case .circleNoteAdded: "Note added for the circle."
        case .circleMessageSent: "Message sent to the circle."
        case .reported: "Thank you. The space's moderators will look at it; the author is not told who reported."
        case .postHidden: "Hidden. The author sees your reason; the decision is in the moderator log."
        case .postRestored: "The post is visible again."
        case .reportDismissed: "Report dismissed: the post stays up."
        case .slotBooked: "Your slot is booked. Add it to your calendar with the .ics file."
        case .slotReleased: "Slot given back: someone else can have it."
        case .eventCalledOff: "The event is called off. Everyone who answered or booked has been told."
        case .pathCreated: "Path created. You follow it already; share it with people on the same road."
        case .pathFollowed: "You follow this path. Tick the steps off as you go; only you see your progress."
        case .pathUnfollowed: "You stopped following the path."
        case .stepDone: "Step done. On to the next one!"
        case .stepReopened: "Step marked as not done."
        case .pathCompleted: "You finished the whole path. Congratulations!"
        case .questionSentToMentee: "Your question is on its way. The request comes back to you with their reply."
        case .replySent: "Reply sent. The request is back with the mentor."
        case .requestReported: "Thank you for telling us. The site admins will look at it; the mentee is not told."
        case .requestsReopened: "You're taking requests again."
        case .invitationsSent: "Invitations sent. Each person gets an email with their own link, valid for 7 days."
        case .invitationAccepted: "Welcome to Ithaca! Your password is set and you're signed in."
        case .notificationSettingsSaved: "Notification settings saved."
        case .accountDeleted: "Your account is deleted. Your private notes and messages are gone, and your email is free. Thank you for being part of Ithaca."
        case .lineageShown: "Your mentoring relationships show in the lineage and on profiles again."
        case .lineageHidden: "Your mentoring relationships are hidden from the lineage and from profiles."
        case .unsubscribed: "Done: you won't get these emails any more. They still arrive in your inbox here."
        case .guideDismissed: "Guidance hidden. It stays at the “Boss or mentor?” page whenever you want it."
        case .singleSignOnLinked: "Single sign-on is linked: you can now sign in with it too."
        case .requestReportResolved: "Report resolved."
        }
    }

    var kind: String {
        switch self {
        case .signedOut, .sessionEnded, .otherSessionsEnded, .tokenRevoked, .requestDeclined, .requestWithdrawn, .mentorshipEnded,
             .meetingCancelled, .calendarFeedRevoked, .spaceLeft, .challengeLeft, .enrolmentLeft, .circleLeft,
             .circlePersonRemoved, .circleMeetingCancelled, .pathUnfollowed, .stepReopened, .slotReleased, .eventCalledOff: "info"
        case .meetingCancelledLate, .circleMeetingCancelledLate: "warning"
        default: "success"
        }
    }
}

import Foundation

/// Every path of the web UI, in one place: routes are registered and links are built from these.
enum SiteRoute {
    static let home = "/"
    static let signUp = "/signup"
    static let signIn = "/signin"
    static let signOut = "/signout"
    static let profile = "/profile"
    static let profileEdit = "/profile/edit"
    static let people = "/people"
    static let personPattern = "/people/:personId"
    static let settings = "/settings"
    static let settingsPassword = "/settings/password"
    static let settingsTokens = "/settings/tokens"
    static let revokeTokenPattern = "/settings/tokens/:tokenId/revoke"
    static let revokeSessionPattern = "/settings/sessions/:sessionId/revoke"
    static let revokeOtherSessions = "/settings/sessions/revoke-others"
    static let mentoring = "/mentoring"
    static let askPattern = "/people/:personId/ask"
    static let acceptPattern = "/mentoring/requests/:requestId/accept"
    static let declinePattern = "/mentoring/requests/:requestId/decline"
    static let withdrawPattern = "/mentoring/requests/:requestId/withdraw"
    static let mentorshipPattern = "/mentorships/:mentorshipId"
    static let acknowledgePattern = "/mentorships/:mentorshipId/acknowledge"
    static let endPattern = "/mentorships/:mentorshipId/end"
    static let agreementPattern = "/mentorships/:mentorshipId/agreement"
    static let pausePattern = "/mentorships/:mentorshipId/pause"
    static let resumePattern = "/mentorships/:mentorshipId/resume"
    static let completePattern = "/mentorships/:mentorshipId/complete"
    static let retrospectivePattern = "/mentorships/:mentorshipId/retrospective"
    static let payItForward = "/profile/pay-it-forward"
    static let goals = "/goals"
    static let goalMilestonePattern = "/goals/:goalId/milestones/:milestoneId"
    static let goalUpdatePattern = "/goals/:goalId"
    static let introducePattern = "/mentorships/:mentorshipId/introductions"
    static let endorsePattern = "/mentorships/:mentorshipId/endorsements"
    static let answerIntroductionPattern = "/introductions/:introductionId/:answer"
    static let answerEndorsementPattern = "/endorsements/:endorsementId/:answer"
    static let spaces = "/spaces"
    static let search = "/search"
    static let spacePattern = "/spaces/:spaceSlug"
    static let spaceJoinPattern = "/spaces/:spaceSlug/join"
    static let spaceLeavePattern = "/spaces/:spaceSlug/leave"
    static let spaceAskPattern = "/spaces/:spaceSlug/questions"
    static let questionPattern = "/questions/:questionId"
    static let questionAnswerPattern = "/questions/:questionId/answers"
    static let questionVotePattern = "/questions/:questionId/votes"
    static let answerVotePattern = "/answers/:answerId/votes"
    static let answerAcceptPattern = "/answers/:answerId/accept"
    static let bookPattern = "/mentorships/:mentorshipId/meetings"
    static let notesPattern = "/mentorships/:mentorshipId/notes"
    static let messagesPattern = "/mentorships/:mentorshipId/messages"
    static let meetingPattern = "/meetings/:meetingId"
    static let meetingIcsPattern = "/meetings/:meetingId/ics"
    static let cancelMeetingPattern = "/meetings/:meetingId/cancel"
    static let outcomePattern = "/meetings/:meetingId/outcome"
    static let itemsPattern = "/meetings/:meetingId/items"
    static let feedbackPattern = "/meetings/:meetingId/feedback"
    static let meetingNotesPattern = "/meetings/:meetingId/notes"
    static let resolveItemPattern = "/items/:itemId/resolve"
    static let availability = "/availability"
    static let calendarFeedPattern = "/calendar/:feedFile"
    static let settingsCalendar = "/settings/calendar"
    static let events = "/events"
    static let eventPattern = "/events/:eventId"
    static let eventRSVPPattern = "/events/:eventId/rsvp"
    static let eventCancelPattern = "/events/:eventId/cancel"
    static let eventICSPattern = "/events/:eventId/event.ics"
    static let eventSlotPattern = "/events/:eventId/slots"
    static let eventCallOffPattern = "/events/:eventId/call-off"
    static let resources = "/resources"
    static let resourcePattern = "/resources/:resourceId"
    static let resourceRecommendPattern = "/resources/:resourceId/recommend"
    static let resourceReviewPattern = "/resources/:resourceId/reviews"
    static let notifications = "/notifications"
    static let notificationsReadAll = "/notifications/read-all"
    static let notificationReadPattern = "/notifications/:notificationId/read"
    static let questionCommentPattern = "/questions/:questionId/comments"
    static let answerCommentPattern = "/answers/:answerId/comments"
    static let answerEditPattern = "/answers/:answerId/edit"
    static let questionFollowPattern = "/questions/:questionId/follow"
    static let questionUnfollowPattern = "/questions/:questionId/unfollow"
    static let challenges = "/challenges"
    static let challengePattern = "/challenges/:challengeId"
    static let challengeActionPattern = "/challenges/:challengeId/:action"
    static let cheerPattern = "/check-ins/:checkInId/cheers"
    static let programs = "/programs"
    static let programPattern = "/programs/:programId"
    static let programEnrolPattern = "/programs/:programId/enrol"
    static let programLeavePattern = "/programs/:programId/leave"
    static let programAdminPattern = "/programs/:programId/admin"
    static let programEnrolmentStatePattern = "/programs/:programId/enrolment-state"
    static let programImportPattern = "/programs/:programId/imports"
    static let programRoundsPattern = "/programs/:programId/rounds"
    static let roundPattern = "/rounds/:roundId"
    static let roundRulePattern = "/rounds/:roundId/:rule"
    static let roundExportPattern = "/rounds/:roundId/pairs.csv"
    static let settingsCalendarRevoke = "/settings/calendar/revoke"
    static let circles = "/circles"
    static let reports = "/reports"
    static let paths = "/paths"
    static let pathPattern = "/paths/:pathId"
    static let pathActionPattern = "/paths/:pathId/:action"
    static let pathStepPattern = "/paths/:pathId/steps/:resourceId/:action"
    static let moderation = "/moderation"
    static let moderationHide = "/moderation/hide"
    static let moderationRestore = "/moderation/restore"
    static let reportDismissPattern = "/moderation/reports/:reportId/dismiss"
    static let circlePattern = "/circles/:circleId"
    static let circleActionPattern = "/circles/:circleId/:action"
    static let circleCalendarPattern = "/circles/:circleId/circle.ics"
    static let circlePersonActionPattern = "/circles/:circleId/people/:personId/:action"
    static let circleMeetingCancelPattern = "/circle-meetings/:meetingId/cancel"
    static let circleMeetingICSPattern = "/circle-meetings/:meetingId/meeting.ics"
    // Roll-out: invitations, single sign-on, email preferences, mentors who answer, guidance.
    static let invitationPattern = "/invitations/:token"
    static let programInvitationsPattern = "/programs/:programId/invitations"
    static let programInvitationsCSVPattern = "/programs/:programId/invitations.csv"
    static let siteInvitations = "/admin/invitations"
    // Program insight: the audit log, dashboards, the lineage web, each member's own data.
    static let audit = "/admin/audit"
    static let auditCSV = "/admin/audit.csv"
    static let siteDashboard = "/dashboard"
    static let siteDashboardCSV = "/dashboard.csv"
    static let programDashboardPattern = "/programs/:programId/dashboard"
    static let programDashboardCSVPattern = "/programs/:programId/dashboard.csv"
    static func programDashboard(_ id: UUID) -> String { program(id) + "/dashboard" }
    static let settingsExport = "/settings/export"
    static let settingsDelete = "/settings/delete"
    static let lineage = "/lineage"
    static let settingsLineage = "/settings/lineage"
    /// "?a=1&b=2" for the pairs given (percent-encoded), "" for none: filters carried from page to page.
    static func query(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = pairs.map { URLQueryItem(name: $0.0, value: $0.1) }
        return "?" + (components.percentEncodedQuery ?? "")
    }

    static func lineageBranch(_ person: UUID) -> String { lineage + "?person=\(person.uuidString.lowercased())" }
    static let notificationSettings = "/settings/notifications"
    static let unsubscribe = "/email/unsubscribe"
    static let singleSignOn = "/signin/sso"
    static let singleSignOnCallback = "/signin/sso/callback"
    static let singleSignOnLink = "/settings/sso"
    static let askMorePattern = "/mentoring/requests/:requestId/ask-more"
    static let replyPattern = "/mentoring/requests/:requestId/reply"
    static let reportRequestPattern = "/mentoring/requests/:requestId/report"
    static let reopenRequests = "/mentoring/reopen-requests"
    static let bossOrMentorGuide = "/guide/boss-or-mentor"
    static let dismissGuide = "/guide/boss-or-mentor/dismiss"
    static let requestReportDismissPattern = "/moderation/request-reports/:reportId/resolve"

    static func path(_ id: UUID) -> String { "/paths/\(id.uuidString.lowercased())" }
    static func circle(_ id: UUID) -> String { "/circles/\(id.uuidString.lowercased())" }
    static func circleMeeting(_ id: UUID) -> String { "/circle-meetings/\(id.uuidString.lowercased())" }
    static func event(_ id: UUID) -> String { "/events/\(id.uuidString.lowercased())" }
    static func resource(_ id: UUID) -> String { "/resources/\(id.uuidString.lowercased())" }
    static func challenge(_ id: UUID) -> String { "/challenges/\(id.uuidString.lowercased())" }
    static func cheer(_ id: UUID) -> String { "/check-ins/\(id.uuidString.lowercased())/cheers" }
    static func program(_ id: UUID) -> String { "/programs/\(id.uuidString.lowercased())" }
    static func programAdmin(_ id: UUID) -> String { program(id) + "/admin" }
    static func round(_ id: UUID) -> String { "/rounds/\(id.uuidString.lowercased())" }
    static func person(_ id: UUID) -> String { "/people/\(id.uuidString.lowercased())" }
    static func revokeToken(_ id: UUID) -> String { "/settings/tokens/\(id.uuidString.lowercased())/revoke" }
    static func revokeSession(_ id: String) -> String { "/settings/sessions/\(id)/revoke" }
    static func ask(_ id: UUID) -> String { person(id) + "/ask" }
    static func acceptRequest(_ id: UUID) -> String { "/mentoring/requests/\(id.uuidString.lowercased())/accept" }
    static func declineRequest(_ id: UUID) -> String { "/mentoring/requests/\(id.uuidString.lowercased())/decline" }
    static func withdrawRequest(_ id: UUID) -> String { "/mentoring/requests/\(id.uuidString.lowercased())/withdraw" }
    static func mentorship(_ id: UUID) -> String { "/mentorships/\(id.uuidString.lowercased())" }
    static func acknowledge(_ id: UUID) -> String { mentorship(id) + "/acknowledge" }
    static func end(_ id: UUID) -> String { mentorship(id) + "/end" }
    static func agreement(_ id: UUID) -> String { mentorship(id) + "/agreement" }
    static func pause(_ id: UUID) -> String { mentorship(id) + "/pause" }
    static func resume(_ id: UUID) -> String { mentorship(id) + "/resume" }
    static func complete(_ id: UUID) -> String { mentorship(id) + "/complete" }
    static func retrospective(_ id: UUID) -> String { mentorship(id) + "/retrospective" }
    static func goalUpdate(_ id: UUID) -> String { "/goals/\(id.uuidString.lowercased())" }
    static func goalMilestone(_ goal: UUID, _ milestone: UUID) -> String { goalUpdate(goal) + "/milestones/\(milestone.uuidString.lowercased())" }
    static func introduce(_ id: UUID) -> String { mentorship(id) + "/introductions" }
    static func endorse(_ id: UUID) -> String { mentorship(id) + "/endorsements" }
    static func answerIntroduction(_ id: UUID, _ answer: String) -> String { "/introductions/\(id.uuidString.lowercased())/\(answer)" }
    static func answerEndorsement(_ id: UUID, _ answer: String) -> String { "/endorsements/\(id.uuidString.lowercased())/\(answer)" }
    static func space(_ slug: String) -> String { "/spaces/\(slug)" }
    static func question(_ id: UUID) -> String { "/questions/\(id.uuidString.lowercased())" }
    static func questionVote(_ id: UUID) -> String { question(id) + "/votes" }
    static func answerVote(_ id: UUID) -> String { "/answers/\(id.uuidString.lowercased())/votes" }
    static func answerAccept(_ id: UUID) -> String { "/answers/\(id.uuidString.lowercased())/accept" }
    static func book(_ id: UUID) -> String { mentorship(id) + "/meetings" }
    static func notes(_ id: UUID) -> String { mentorship(id) + "/notes" }
    static func messages(_ id: UUID) -> String { mentorship(id) + "/messages" }
    static func meeting(_ id: UUID) -> String { "/meetings/\(id.uuidString.lowercased())" }
    static func meetingIcs(_ id: UUID) -> String { meeting(id) + "/ics" }
    static func cancelMeeting(_ id: UUID) -> String { meeting(id) + "/cancel" }
    static func outcome(_ id: UUID) -> String { meeting(id) + "/outcome" }
    static func meetingNotes(_ id: UUID) -> String { meeting(id) + "/notes" }
    static func items(_ id: UUID) -> String { meeting(id) + "/items" }
    static func feedback(_ id: UUID) -> String { meeting(id) + "/feedback" }
    static func resolveItem(_ id: UUID) -> String { "/items/\(id.uuidString.lowercased())/resolve" }
    static func calendarFeed(_ secret: String) -> String { "/calendar/\(secret).ics" }
    static func invitation(_ token: String) -> String { "/invitations/\(token)" }
    static func programInvitations(_ id: UUID) -> String { program(id) + "/invitations" }
    static func programInvitationsCSV(_ id: UUID) -> String { program(id) + "/invitations.csv" }
    static func askMore(_ id: UUID) -> String { "/mentoring/requests/\(id.uuidString.lowercased())/ask-more" }
    static func reply(_ id: UUID) -> String { "/mentoring/requests/\(id.uuidString.lowercased())/reply" }
    static func reportRequest(_ id: UUID) -> String { "/mentoring/requests/\(id.uuidString.lowercased())/report" }
    static func resolveRequestReport(_ id: UUID) -> String { "/moderation/request-reports/\(id.uuidString.lowercased())/resolve" }

    /// Only same-site paths may be used as a post-sign-in destination (no open redirects).
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count < 500 else { return nil }
        return next
    }
}

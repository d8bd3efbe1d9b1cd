import FluentKit

/// Every migration, in order. Numbered, reversible, never edited after they ship.
enum IthacaMigrations {
    static var all: [any Migration] {
        [
            M001CreateUsers(),
            M002CreateProfiles(),
            M003CreateSessions(),
            M004CreateAPITokens(),
            M005CreateRateLimits(),
            M006CreateMentorshipRequests(),
            M007CreateMentorships(),
            M008CreateAvailabilities(),
            M009CreateMeetings(),
            M010CreateNotesAndMessages(),
            M011CreateCalendarFeeds(),
            M012CloseMentorships(),
            M013CreateGoalsIntroductionsEndorsements(),
            M014CreateSpacesAndQuestions(),
            M015CreateSearchIndex(),
            M016CreatePrograms(),
            M017CreateCircles(),
            M018CreateChallenges(),
            M019CreateNotifications(),
            M020CreateComments(),
            M021CreateResources(),
            M022CreateEvents(),
            M023CommunityCircles(),
            M024CreateModeration(),
            M025CreateLearningPaths(),
            M026OfficeHoursAndEventCancelling(),
            M027HideComments(),
            M028CreateOutbox(),
            M029CreateInvitations(),
            M030RequestConversations(),
            M031CreateAuditLog(),
            M032CreateLineagePrivacy(),
            M033DashboardIndexes(),
            M034RoundGapBound(),
        ]
    }
}

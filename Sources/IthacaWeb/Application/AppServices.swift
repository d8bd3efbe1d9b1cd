import Foundation
import IthacaDomain
import IthacaStorage
import Mustache

/// The services every controller and the API share, built once per application.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let database: IthacaDatabase
    public let accounts: AccountService
    public let profiles: ProfileService
    public let directory: DirectoryService
    public let mentorships: MentorshipService
    public let availability: AvailabilityService
    public let meetings: MeetingService
    public let calendarFeeds: CalendarFeedService
    public let notes: NoteService
    public let goals: GoalService
    public let community: CommunityService
    public let introductions: IntroductionService
    public let programs: ProgramService
    public let challenges: ChallengeService
    public let notifications: NotificationService
    public let resources: ResourceService
    public let events: EventService
    public let circles: CircleService
    public let moderation: ModerationService
    public let learningPaths: LearningPathService
    let bookingPolicies: BookingPolicies
    public let profileStore: ProfileStore
    public let pages: PageRenderer

    init(configuration: AppConfiguration, database: IthacaDatabase, pages: PageRenderer) {
        self.configuration = configuration
        self.database = database
        self.pages = pages
        let accountStore = AccountStore(database: database)
        let profileStore = ProfileStore(database: database)
        self.profileStore = profileStore
        self.accounts = AccountService(
            accounts: accountStore, sessions: SessionStore(database: database), tokens: TokenStore(database: database),
            rateLimits: RateLimitStore(database: database), viewers: ViewerStore(database: database),
            hasher: configuration.passwordHashing, throttle: configuration.signInThrottle,
            sessionPolicy: configuration.sessionPolicy, clock: configuration.clock)
        let mentorshipStore = MentorshipStore(database: database)
        self.profiles = ProfileService(
            accounts: accountStore, profiles: profileStore, mentorships: mentorshipStore,
            introductions: IntroductionStore(database: database), clock: configuration.clock)
        self.directory = DirectoryService(profiles: profileStore, mentorships: mentorshipStore, clock: configuration.clock)
        self.mentorships = MentorshipService(
            store: mentorshipStore, profiles: profileStore, clock: configuration.clock, requestPolicy: configuration.requestPolicy)
        let programStore = ProgramStore(database: database)
        let bookingPolicies = BookingPolicies(programs: programStore)
        self.bookingPolicies = bookingPolicies
        let availabilityStore = AvailabilityStore(database: database)
        let meetingStore = MeetingStore(database: database)
        self.availability = AvailabilityService(
            store: availabilityStore, profiles: profileStore, mentorships: mentorships, meetings: meetingStore, clock: configuration.clock,
            policies: bookingPolicies)
        self.meetings = MeetingService(
            store: meetingStore, availability: availabilityStore, mentorships: mentorships, profiles: profileStore, clock: configuration.clock,
            policies: bookingPolicies)
        self.calendarFeeds = CalendarFeedService(
            store: CalendarFeedStore(database: database), meetings: meetingStore, meetingService: meetings, clock: configuration.clock)
        let posting = PostingGuard(store: RateLimitStore(database: database), limit: configuration.postingLimit, clock: configuration.clock)
        let notifications = NotificationService(store: NotificationStore(database: database), clock: configuration.clock)
        self.notifications = notifications
        let communityStore = CommunityStore(database: database)
        self.community = CommunityService(
            store: communityStore, profiles: profileStore, notifications: notifications, posting: posting, clock: configuration.clock)
        self.events = EventService(store: EventStore(database: database), profiles: profileStore, notifications: notifications, clock: configuration.clock)
        self.learningPaths = LearningPathService(store: LearningPathStore(database: database), profiles: profileStore, clock: configuration.clock)
        self.moderation = ModerationService(
            store: ModerationStore(database: database), community: communityStore, profiles: profileStore, notifications: notifications,
            clock: configuration.clock)
        self.circles = CircleService(
            store: CircleStore(database: database), programs: programStore, accounts: accountStore, profiles: profileStore,
            notifications: notifications, posting: posting, clock: configuration.clock)
        self.resources = ResourceService(
            store: ResourceStore(database: database), community: communityStore, profiles: profileStore, posting: posting,
            clock: configuration.clock)
        self.goals = GoalService(store: GoalStore(database: database), mentorships: mentorships, profiles: profileStore, clock: configuration.clock)
        self.introductions = IntroductionService(
            store: IntroductionStore(database: database), mentorships: mentorships, accounts: accountStore, clock: configuration.clock)
        self.programs = ProgramService(
            store: programStore, imports: ParticipantImportStore(database: database), profiles: profileStore,
            recommendationCache: RecommendationCache(), mentorships: mentorshipStore, notifications: notifications, clock: configuration.clock)
        self.challenges = ChallengeService(
            store: ChallengeStore(database: database), profiles: profileStore, notifications: notifications, clock: configuration.clock)
        self.notes = NoteService(store: NoteStore(database: database), mentorships: mentorships, meetings: meetings, clock: configuration.clock)
    }
}

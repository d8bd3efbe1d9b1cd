import Foundation
import IthacaDomain
import IthacaMail
import IthacaStorage
import Logging
import Mustache

/// The services every controller and the API share, built once per application. A class: the API handler and the
/// controllers are copied per request, and copying forty-odd references in a struct was a seventh of /healthz's CPU.
public final class AppServices: Sendable {
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
    public let invitations: InvitationService
    public let audit: AuditService
    public let lineage: LineageService
    public let dashboards: DashboardService
    public let personalData: PersonalDataService
    public let erasure: AccountErasureService
    /// Single sign-on, when an OpenID Connect provider is configured.
    public let singleSignOn: SingleSignOnService?
    let bookingPolicies: BookingPolicies
    let outbox: OutboxStore
    let composer: EmailComposer
    let jobs: JobRunner
    let meetingReminders: MeetingReminders
    let mailTransport: any MailTransport
    public let profileStore: ProfileStore
    public let pages: PageRenderer
    /// Set when `serve` is told to stop: new requests get 503 while it drains (see `DrainService`).
    public let draining = Draining()

    init(configuration: AppConfiguration, database: IthacaDatabase, pages: PageRenderer, mailKey: [UInt8], logger: Logger) throws {
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
        let lineageStore = LineageStore(database: database)
        let audit = AuditService(store: AuditLogStore(database: database), clock: configuration.clock)
        self.audit = audit
        let mailFrom = configuration.mailFrom ?? MailSender.defaultAddress(publicURL: configuration.publicURL, host: configuration.host)
        let composer = EmailComposer(
            sender: MailSender(address: mailFrom, name: configuration.mailFromName),
            links: EmailLinks(base: configuration.absoluteURL(""), signingKey: mailKey))
        self.composer = composer
        let outbox = OutboxStore(database: database)
        self.outbox = outbox
        let notificationStore = NotificationStore(database: database)
        let notifications = NotificationService(
            store: notificationStore, outbox: outbox, composer: composer, database: database, clock: configuration.clock)
        self.notifications = notifications
        self.profiles = ProfileService(
            accounts: accountStore, profiles: profileStore, mentorships: mentorshipStore, people: PersonReadStore(database: database),
            clock: configuration.clock)
        self.lineage = LineageService(store: lineageStore, profiles: profileStore, clock: configuration.clock)
        self.directory = DirectoryService(profiles: profileStore, mentorships: mentorshipStore, clock: configuration.clock)
        let meetingStore = MeetingStore(database: database)
        let meetingNotices = MeetingNotices(notifications: notifications, clock: configuration.clock, organizerEmail: mailFrom)
        self.mentorships = MentorshipService(
            store: mentorshipStore, profiles: profileStore, notifications: notifications, database: database, audit: audit, clock: configuration.clock,
            requestPolicy: configuration.requestPolicy, meetings: meetingStore, meetingNotices: meetingNotices)
        let programStore = ProgramStore(database: database)
        let bookingPolicies = BookingPolicies(programs: programStore)
        self.bookingPolicies = bookingPolicies
        let availabilityStore = AvailabilityStore(database: database)
        self.availability = AvailabilityService(
            store: availabilityStore, profiles: profileStore, mentorships: mentorships, meetings: meetingStore, clock: configuration.clock,
            policies: bookingPolicies)
        self.meetings = MeetingService(
            store: meetingStore, availability: availabilityStore, mentorships: mentorships, profiles: profileStore, clock: configuration.clock,
            policies: bookingPolicies, notices: meetingNotices, database: database)
        self.calendarFeeds = CalendarFeedService(
            store: CalendarFeedStore(database: database), meetings: meetingStore, meetingService: meetings, clock: configuration.clock)
        self.personalData = PersonalDataService(store: PersonalDataStore(database: database), calendar: calendarFeeds, clock: configuration.clock)
        let posting = PostingGuard(store: RateLimitStore(database: database), limit: configuration.postingLimit, clock: configuration.clock)
        let communityStore = CommunityStore(database: database)
        self.community = CommunityService(
            store: communityStore, profiles: profileStore, notifications: notifications, posting: posting, audit: audit, clock: configuration.clock)
        self.events = EventService(store: EventStore(database: database), profiles: profileStore, notifications: notifications, clock: configuration.clock)
        self.learningPaths = LearningPathService(store: LearningPathStore(database: database), profiles: profileStore, clock: configuration.clock)
        self.moderation = ModerationService(
            store: ModerationStore(database: database), community: communityStore, profiles: profileStore, notifications: notifications,
            audit: audit, clock: configuration.clock)
        self.circles = CircleService(
            store: CircleStore(database: database), programs: programStore, accounts: accountStore, profiles: profileStore,
            notifications: notifications, posting: posting, clock: configuration.clock)
        self.resources = ResourceService(
            store: ResourceStore(database: database), community: communityStore, profiles: profileStore, posting: posting,
            clock: configuration.clock)
        self.goals = GoalService(store: GoalStore(database: database), mentorships: mentorships, profiles: profileStore, clock: configuration.clock)
        self.introductions = IntroductionService(
            store: IntroductionStore(database: database), mentorships: mentorships, accounts: accountStore, profiles: profileStore,
            notifications: notifications, database: database, clock: configuration.clock)
        self.programs = ProgramService(
            store: programStore, imports: ParticipantImportStore(database: database), profiles: profileStore,
            recommendationCache: RecommendationCache(), mentorships: mentorshipStore, notifications: notifications, audit: audit,
            clock: configuration.clock, densePairLimit: configuration.denseMatchingPairLimit)
        self.erasure = AccountErasureService(
            store: AccountErasureStore(database: database), accounts: accountStore, sessions: SessionStore(database: database),
            hasher: configuration.passwordHashing, notifications: notifications, meetings: meetingStore, meetingNotices: meetingNotices,
            profiles: profileStore, audit: audit, database: database, clock: configuration.clock)
        self.dashboards = DashboardService(store: DashboardStore(database: database), programs: programs, clock: configuration.clock)
        self.challenges = ChallengeService(
            store: ChallengeStore(database: database), profiles: profileStore, notifications: notifications, clock: configuration.clock)
        self.notes = NoteService(store: NoteStore(database: database), mentorships: mentorships, meetings: meetings, clock: configuration.clock)
        let invitationStore = InvitationStore(database: database)
        let signOnStore = SingleSignOnStore(database: database)
        self.invitations = InvitationService(
            store: invitationStore, programs: programs, programStore: programStore, accounts: accountStore,
            profiles: profileStore, outbox: outbox, composer: composer, database: database, hasher: configuration.passwordHashing,
            audit: audit, clock: configuration.clock)

        let invitationService = self.invitations
        self.singleSignOn = try configuration.singleSignOn.map { sso in
            SingleSignOnService(
                provider: try configuration.signOnProvider
                    ?? OIDCSignOnProvider(settings: try sso.settings(redirectURI: configuration.absoluteURL(SiteRoute.singleSignOnCallback))),
                store: signOnStore, accounts: accountStore, invitations: invitationService,
                invitationStore: invitationStore, clock: configuration.clock, displayName: sso.displayName, allowedDomains: sso.allowedDomains)
        }

        let transport: any MailTransport = configuration.smtp.map { SMTPTransport(client: SMTPClient(settings: $0)) }
            ?? FileDropTransport(folder: URL(fileURLWithPath: configuration.effectiveMailDirectory))
        self.mailTransport = transport
        let owner = JobRunner.processOwner()
        let ledger = ReminderLedger(database: database)
        let accountService = self.accounts, mentorshipService = self.mentorships, clock = configuration.clock
        let policy = configuration.sessionPolicy
        let reminders = MeetingReminders(
            meetings: meetingStore, profiles: profileStore, notifications: notifications, ledger: ledger, database: database, clock: clock)
        self.meetingReminders = reminders
        self.jobs = JobRunner(
            leases: JobLeaseStore(database: database),
            jobs: [
                BackgroundJob(name: "sessions", every: 600) {
                    let now = clock.now()
                    try await accountService.sessions.deleteExpired(
                        idleSince: now.addingTimeInterval(-policy.idleTimeout), createdBefore: now.addingTimeInterval(-policy.absoluteTimeout))
                    try await signOnStore.deleteStale(before: now.addingTimeInterval(-3_600))
                },
                BackgroundJob(name: "request-expiry", every: 300) {
                    try await mentorshipService.expireOldRequests()
                    try await mentorshipService.remindExpiringRequests(ledger: ledger)
                },
                BackgroundJob(name: "meeting-reminders", every: 60) { try await reminders.send() },
                BackgroundJob(name: "digests", every: 900) { try await notifications.sendDueDigests() },
            ],
            delivery: OutboxDelivery(
                outbox: outbox, transport: transport, envelopeFrom: mailFrom, clock: clock, owner: owner, logger: logger),
            clock: clock, owner: owner, logger: logger)
    }
}

import Foundation
import IthacaDomain
import IthacaStorage

/// Tells people what happened, where each asked to hear it: the inbox always (unless they turned a kind off), and
/// email at once or in a daily or weekly digest. The inbox entry and the email are written in one transaction —
/// the caller's, when the change that causes them runs in `IthacaDatabase.transaction` — so a rolled-back change
/// tells nobody and a committed one loses no email. The text is composed when sent and never names an anonymous asker.
public struct NotificationService: Sendable {
    let store: NotificationStore
    let outbox: OutboxStore
    let composer: EmailComposer
    let database: IthacaDatabase
    let clock: AppClock
    public static let pageSize = 30

    /// One text for everyone.
    func send(
        to people: [UUID], except author: UUID? = nil, _ kind: NotificationKind, _ text: String, url: String,
        calendar: CalendarAttachment? = nil
    ) async throws {
        try await send(to: people, except: author, kind, url: url, calendar: { _ in calendar }) { _ in text }
    }

    /// A text (and calendar file) per recipient, e.g. a meeting time in each person's own time zone.
    func send(
        to people: [UUID], except author: UUID? = nil, _ kind: NotificationKind, url: String,
        calendar: (NotificationRecipient) -> CalendarAttachment? = { _ in nil }, text: (NotificationRecipient) -> String
    ) async throws {
        let recipients = try await store.recipients(people.filter { $0 != author }, kind: kind)
        try await deliver(kind, recipients.map { ($0, text($0), url, calendar($0)) })
    }

    /// The same kind of news to many people, each with their own text and page (a published round tells every pair):
    /// recipients looked up and rows written in batches.
    func sendEach(_ kind: NotificationKind, _ items: [(person: UUID, text: String, url: String)]) async throws {
        let recipients = Dictionary(uniqueKeysWithValues: try await store.recipients(items.map(\.person), kind: kind).map { ($0.id, $0) })
        try await deliver(kind, items.compactMap { item in recipients[item.person].map { ($0, item.text, item.url, nil) } })
    }

    /// Writes the inbox entries and emails, in one transaction (the caller's, when there is one).
    private func deliver(_ kind: NotificationKind, _ letters: [(recipient: NotificationRecipient, text: String, url: String, calendar: CalendarAttachment?)]) async throws {
        let wanted = letters.filter { $0.recipient.channel != .off }
        guard !wanted.isEmpty else { return }
        let now = clock.now()
        let deliveries = wanted.map {
            NotificationStore.Delivery(person: $0.recipient.id, text: $0.text, url: $0.url, digest: $0.recipient.channel.digest)
        }
        let emails: [(person: UUID?, message: OutboxMessage)] = wanted.compactMap { letter in
            guard letter.recipient.channel == .email,
                  let email = composer.notification(
                    to: letter.recipient, kind: kind, text: letter.text, url: letter.url, calendar: letter.calendar, now: now)
            else { return nil }
            return (letter.recipient.id, email)
        }
        let store = store, outbox = outbox
        try await database.transaction { _ in
            try await store.deliver(deliveries, kind: kind, now: now)
            try await outbox.enqueue(emails)
        }
    }

    public func inbox(of viewer: Viewer, offset: Int) async throws -> (items: [StoredNotification], next: Int?, unread: Int) {
        let items = try await store.notifications(of: viewer.id, offset: offset, limit: Self.pageSize + 1)
        return (Array(items.prefix(Self.pageSize)), items.count > Self.pageSize ? offset + Self.pageSize : nil,
                try await store.unreadCount(of: viewer.id))
    }

    /// Marks a notification read; returns the page it is about.
    @discardableResult
    public func markRead(_ id: UUID, viewer: Viewer) async throws -> String {
        guard let url = try await store.markRead(id, of: viewer.id, now: clock.now()) else { throw IthacaError.notFound("notification") }
        return url
    }

    public func markAllRead(viewer: Viewer) async throws {
        try await store.markAllRead(of: viewer.id, now: clock.now())
    }

    // MARK: Preferences

    public func preferences(of viewer: Viewer) async throws -> [NotificationKind: NotificationChannel] {
        try await store.preferences(of: viewer.id)
    }

    public func setPreferences(of viewer: Viewer, _ choices: [NotificationKind: NotificationChannel]) async throws {
        try await store.setPreferences(of: viewer.id, choices)
    }

    /// The one-click link in an email: stops email for one kind (or every kind) and keeps the inbox.
    public func unsubscribe(person: UUID, kind: NotificationKind?) async throws {
        let kinds = kind.map { [$0] } ?? NotificationKind.allCases
        let current = try await store.preferences(of: person)
        var choices: [NotificationKind: NotificationChannel] = [:]
        for kind in kinds where current[kind] != .off { choices[kind] = .inbox }
        try await store.setPreferences(of: person, choices)
    }

    // MARK: Digests

    /// Sends every digest that is due: a person's daily digest once their oldest waiting item is a day old, the
    /// weekly one after a week. Each digest email and the marking of its items commit together.
    @discardableResult
    func sendDueDigests() async throws -> Int {
        var sent = 0
        let now = clock.now()
        for (digest, age) in [("daily", 86_400.0), ("weekly", 7 * 86_400.0)] {
            let people = try await store.peopleWithDueDigest(digest, cutoff: now.addingTimeInterval(-age), limit: 500)
            for person in people {
                let store = store, outbox = outbox, composer = composer
                let didSend = try await database.transaction { _ -> Bool in
                    let items = try await store.takeDigest(digest, of: person, now: now)
                    guard !items.isEmpty, let recipient = try await store.recipients([person], kind: items[0].kind).first else { return false }
                    guard let email = composer.digest(to: recipient, weekly: digest == "weekly", items: items, now: now) else { return false }
                    try await outbox.enqueue([(person, email)])
                    return true
                }
                if didSend { sent += 1 }
            }
        }
        return sent
    }

    // MARK: Following questions

    public func follow(_ question: UUID, viewer: Viewer) async throws { try await store.follow(question, person: viewer.id) }
    public func unfollow(_ question: UUID, viewer: Viewer) async throws { try await store.unfollow(question, person: viewer.id) }
    public func isFollowing(_ question: UUID, viewer: Viewer) async throws -> Bool { try await store.isFollowing(question, person: viewer.id) }
}

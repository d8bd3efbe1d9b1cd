import Foundation
import IthacaDomain
import IthacaStorage

/// Loads the demo community. Every demo account shares one published password, so it is hashed once.
public enum DemoData {
    @discardableResult
    public static func load(into database: IthacaDatabase, hasher: PasswordHasher, now: Date) async throws -> Int {
        let people = DemoCommunity.generate()
        let hash = try await hasher.hash(DemoCommunity.password)
        return try await DemoLoader(database: database).load(people: people, passwordHash: hash, now: now)
    }
}

/// The demo's mentoring events, sent through the real notification service the first time the demo loads: the
/// showcase people's inboxes show requests, agreements and meetings, and their emails go to the outbox (and on to
/// `.eml` files without an SMTP server), as they would have had everything happened live.
enum DemoNotifications {
    static let showcase = ["tesfaye.alemu@northwind.example", "ana.parata@helioshealth.example"]

    static func send(_ services: AppServices) async throws {
        let store = MentorshipStore(database: services.database)
        let meetings = MeetingStore(database: services.database)
        let now = services.configuration.clock.now()
        var people: [UUID] = []
        for email in showcase { if let id = try await services.accounts.userId(email: email) { people.append(id) } }
        var told: Set<UUID> = []
        for person in people {
            let lookUp = { (ids: [UUID]) in try await services.profileStore.names(of: ids) }
            for request in try await store.requests(involving: person) where request.status == .pending && told.insert(request.id).inserted {
                let mentee = try await lookUp([request.menteeId])[request.menteeId] ?? "A mentee"
                try await services.notifications.send(
                    to: [request.mentorId], .requestReceived, "\(mentee) asks you for mentoring: “\(request.details.goal)”.", url: SiteRoute.mentoring)
            }
            for mentorship in try await store.mentorships(involving: person) where mentorship.status == .proposed {
                guard let id = mentorship.id, told.insert(id).inserted else { continue }
                try await services.notifications.send(
                    to: [mentorship.menteeId, mentorship.mentorId], .agreement,
                    "Your draft agreement is ready: read it and acknowledge it to get started.", url: SiteRoute.mentorship(id))
            }
            for meeting in try await meetings.meetings(involving: person) where meeting.status == .scheduled && meeting.start > now {
                guard told.insert(meeting.id).inserted else { continue }
                let names = try await lookUp([meeting.mentorId, meeting.menteeId])
                try await services.notifications.send(
                    to: [meeting.mentorId, meeting.menteeId], .meetingBooked, url: SiteRoute.meeting(meeting.id)
                ) { recipient in
                    "Your meeting with \(names[meeting.otherPerson(than: recipient.id)] ?? "a member") is booked: "
                        + "\(Format.meetingTime(meeting.interval, namingZone: recipient.timeZone))."
                }
            }
        }
    }
}

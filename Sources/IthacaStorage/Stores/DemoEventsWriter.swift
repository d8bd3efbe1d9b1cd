import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// The demo's upcoming events: a full meetup with a waitlist, a talk, and office hours online.
struct DemoEventsWriter {
    let db: any Database
    let ids: [Int: UUID]
    let now: Date

    func write(people: [DemoPerson]) async throws {
        let members = people.filter { !$0.isAdmin }.compactMap { ids[$0.key] }
        guard members.count > 40 else { return }
        let day: TimeInterval = 86_400
        let events: [(String, EventKind, TimeInterval, String, Int, Int, String)] = [
            ("Mentoring meetup: first-time managers", .meetup, 5 * day, "Northwind Labs, 3rd floor kitchen", 12, 15,
             "Short stories from new managers, then small-group conversations. Snacks provided."),
            ("Talk: what I learned from 100 days of open source", .talk, 9 * day, "https://meet.example.org/open-source-talk", 100, 24,
             "A member of the challenge looks back, with questions at the end."),
            ("Office hours: system design reviews", .officeHours, 3 * day, "https://meet.example.org/design-office-hours", 6, 4,
             "Bring a design doc or a diagram; get 15 minutes of friendly review."),
        ]
        for (index, event) in events.enumerated() {
            let id = UUID()
            let start = now.addingTimeInterval(event.2 + 17 * 3600)
            let isOfficeHours = event.1 == .officeHours
            try await db.sql.insert(into: "events")
                .columns("id", "title", "description", "kind", "starts_at", "ends_at", "location", "capacity", "host_id", "created_at", "slot_minutes")
                .values(SQLBind(id), SQLBind(event.0), SQLBind(event.6), SQLBind(event.1.rawValue), SQLBind(start),
                        SQLBind(start.addingTimeInterval(5400)), SQLBind(event.3), SQLBind(event.4), SQLBind(members[index * 13]),
                        SQLBind(now.addingTimeInterval(-2 * day)), SQLBind(isOfficeHours ? 15 : nil))
                .run()
            if isOfficeHours {
                // Office hours: 15-minute slots (90 minutes → 6 seats), the first few booked one person each.
                for (number, slot) in OfficeHours.slots(start: start, end: start.addingTimeInterval(5400), minutes: 15).prefix(event.5).enumerated() {
                    try await db.sql.insert(into: "office_hour_bookings").columns("id", "event_id", "person_id", "slot_start", "created_at")
                        .values(SQLBind(UUID()), SQLBind(id), SQLBind(members[(index * 29 + number * 3 + 1) % members.count]), SQLBind(slot.start),
                                SQLBind(now.addingTimeInterval(-day))).run()
                }
                continue
            }
            // The first `capacity` answers get seats, the rest wait in the order they answered.
            for answer in 0..<event.5 {
                let person = members[(index * 29 + answer * 3 + 1) % members.count]
                try await db.sql.insert(into: "event_rsvps").columns("id", "event_id", "person_id", "status", "created_at")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(person),
                            SQLBind(RSVPRule.status(going: answer, capacity: event.4).rawValue),
                            SQLBind(now.addingTimeInterval(-day + Double(answer) * 60)))
                    .run()
            }
        }
    }
}

import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// The demo's running challenge: "100 days of open source", three weeks in, with members checking in (some every
/// day, some now and then) and cheering each other on; the showcase mentee is one of them.
struct DemoChallengesWriter {
    let db: any Database
    let ids: [Int: UUID]
    let now: Date

    static let title = "100 days of open source"
    static let notes = [
        "Fixed a typo in the docs of a library I use every day.", "Reviewed a pull request and learned about property wrappers.",
        "Opened my first issue with a minimal reproduction.", "Wrote a test for an edge case nobody covered.",
        "Read the contributing guide and set up the project.", "Paired with a maintainer for 20 minutes.",
        "Triaged three old issues.", "Small refactor, big smile.", "",
    ]

    func write(people: [DemoPerson], showcase: String) async throws {
        let start = CalendarDay.adding(days: -20, to: CalendarDay.of(now)) ?? CalendarDay.of(now)
        let challenge = UUID()
        let creator = people.first { $0.email == showcase }.flatMap { ids[$0.key] }
        try await db.sql.insert(into: "challenges").columns("id", "title", "description", "start_date", "length_days", "created_by", "created_at")
            .values(SQLBind(challenge), SQLBind(Self.title),
                    SQLBind("Contribute to open source every day for 100 days: a fix, a review, a doc, an issue. **Small counts.**"),
                    SQLBind(start), SQLBind(100), SQLBind(creator), SQLBind(now.addingTimeInterval(-21 * 86_400)))
            .run()
        let members = people.filter { $0.email == showcase } + people.filter { !$0.isAdmin && $0.email != showcase }.prefix(14)
        var random = SplitMix64(seed: 100)
        var checkIns: [(UUID, UUID)] = []
        for (index, person) in members.enumerated() {
            guard let id = ids[person.key] else { continue }
            try await db.sql.insert(into: "challenge_members").columns("id", "challenge_id", "person_id", "joined_at")
                .values(SQLBind(UUID()), SQLBind(challenge), SQLBind(id), SQLBind(now.addingTimeInterval(-20 * 86_400))).run()
            // The first few keep a streak going up to yesterday; the others check in now and then.
            let steady = index < 4
            var insert = db.sql.insert(into: "check_ins").columns("id", "challenge_id", "person_id", "local_day", "note", "created_at")
            var any = false
            for day in 0..<20 where steady || random.next() % 3 == 0 {
                let checkIn = UUID()
                let local = CalendarDay.adding(days: day, to: start) ?? start
                let note = Self.notes[Int(random.next() % UInt64(Self.notes.count))]
                insert = insert.values(SQLBind(checkIn), SQLBind(challenge), SQLBind(id), SQLBind(local), SQLBind(note),
                                       SQLBind(now.addingTimeInterval(TimeInterval(day - 20) * 86_400)))
                checkIns.append((checkIn, id))
                any = true
            }
            if any { try await insert.run() }
        }
        // Encouragement: each check-in cheered by one or two other members.
        let memberIds = members.compactMap { ids[$0.key] }
        var nameOf: [UUID: String] = [:]
        for person in members { if let id = ids[person.key] { nameOf[id] = person.profile.name } }
        let showcaseId = people.first { $0.email == showcase }.flatMap { ids[$0.key] }
        for (checkIn, author) in checkIns where random.next() % 2 == 0 {
            let others = memberIds.filter { $0 != author }
            guard !others.isEmpty else { continue }
            let cheerer = others[Int(random.next() % UInt64(others.count))]
            try await db.sql.insert(into: "check_in_cheers").columns("id", "check_in_id", "person_id")
                .values(SQLBind(UUID()), SQLBind(checkIn), SQLBind(cheerer)).run()
            // The showcase member's inbox has the cheers they got (as the service would have sent them).
            if author == showcaseId {
                try await db.sql.insert(into: "notifications").columns("id", "person_id", "kind", "text", "url", "created_at")
                    .values(SQLBind(UUID()), SQLBind(author), SQLBind("cheer"),
                            SQLBind("\(nameOf[cheerer] ?? "A member") cheered your check-in in “\(Self.title)”. Keep going!"),
                            SQLBind("/challenges/\(challenge.uuidString.lowercased())"), SQLBind(now.addingTimeInterval(-3600)))
                    .run()
            }
        }
    }
}

import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// The demo's circles: a peer circle the showcase mentee belongs to (meetings, notes, a lively thread), a coached
/// group open to requests, and a forming peer circle looking for people.
struct DemoCirclesWriter {
    let db: any Database
    let ids: [Int: UUID]
    let now: Date

    struct DemoCircle {
        let details: CircleDetails
        let people: [UUID]
        let requests: [UUID]
        let notes: [String]
        let messages: [String]
        let meetingAgendas: [String]
    }

    func write(people: [DemoPerson], showcase: String) async throws {
        let members = people.filter { !$0.isAdmin }.compactMap { ids[$0.key] }
        guard members.count > 60, let showcaseId = people.first(where: { $0.email == showcase }).flatMap({ ids[$0.key] }) else { return }
        let others = members.filter { $0 != showcaseId }
        let circles = [
            DemoCircle(
                details: CircleDetails(
                    name: "New leads circle", goal: "Grow into our first lead roles together",
                    plan: "We meet every other week. Each meeting one person brings a real situation; the others ask questions before giving advice.",
                    kind: .peerCircle, capacity: 6, joinPolicy: .invitation),
                people: [others[3], showcaseId, others[17], others[31], others[45]], requests: [],
                notes: ["**Working agreements**\n\n- Cameras on when we can\n- What is said here stays here\n- Questions before advice",
                        "Reading list so far: *The Manager's Path* (chapters 1–3), *Radical Candor* (part 1)."],
                messages: ["Welcome, everyone! Looking forward to Thursday.", "Could we move the next one 30 minutes later? I have a clash.",
                           "Fine by me.", "Moved. See you then!", "Thanks for today: the feedback on my project kick-off was really useful."],
                meetingAgendas: ["Introductions and what each of us wants from the circle", "Case: a hard conversation about a missed deadline"]),
            DemoCircle(
                details: CircleDetails(
                    name: "Public speaking for engineers", goal: "Give a talk at a meetup or conference by summer",
                    plan: "1. Find your topic\n2. Outline and story\n3. Slides that help\n4. Dry runs with feedback\n5. Submit a proposal",
                    kind: .cohort, capacity: 8, joinPolicy: .request),
                people: [others[8], others[22], others[36], others[50]], requests: [others[60], showcaseId],
                notes: ["Proposal template: title, abstract (150 words), three takeaways, your bio."],
                messages: ["Homework for next time: write three possible titles for your talk.", "Here are mine: …"],
                meetingAgendas: ["Outline and story: bring your three titles"]),
            DemoCircle(
                details: CircleDetails(
                    name: "Career changers", goal: "Land a first job in tech after another career",
                    kind: .peerCircle, capacity: 5, joinPolicy: .request),
                people: [others[12], others[40]], requests: [], notes: [], messages: ["Anyone else coming from teaching? Say hi!"],
                meetingAgendas: []),
        ]
        let day: TimeInterval = 86_400
        for (index, circle) in circles.enumerated() {
            let id = UUID()
            let organiser = circle.people[0]
            let created = now.addingTimeInterval(-Double(30 - index * 7) * day)
            try await db.sql.insert(into: "circles")
                .columns("id", "kind", "reasons", "created_at", "name", "goal", "plan", "capacity", "join_policy", "organiser_id", "coach_id")
                .values(SQLBind(id), SQLBind(circle.details.kind.rawValue), SQLBind("[]"), SQLBind(created), SQLBind(circle.details.name),
                        SQLBind(circle.details.goal), SQLBind(circle.details.plan), SQLBind(circle.details.capacity),
                        SQLBind(circle.details.joinPolicy.rawValue), SQLBind(organiser), SQLBind(circle.details.kind == .cohort ? organiser : nil))
                .run()
            let connected = circle.people.map { ($0, CircleMemberStatus.member) } + circle.requests.map { ($0, CircleMemberStatus.requested) }
            for (offset, (person, status)) in connected.enumerated() {
                try await db.sql.insert(into: "circle_members").columns("id", "circle_id", "person_id", "status", "created_at")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(person), SQLBind(status.rawValue), SQLBind(created.addingTimeInterval(Double(offset) * 3600)))
                    .run()
            }
            for (number, agenda) in circle.meetingAgendas.enumerated() {
                // One meeting held last week, the next one ahead.
                let start = Calendar(identifier: .gregorian).startOfDay(for: now).addingTimeInterval((number == 0 ? -6 : 4) * day + 17 * 3600)
                try await db.sql.insert(into: "circle_meetings")
                    .columns("id", "circle_id", "agenda", "starts_at", "ends_at", "location", "scheduled_by", "created_at")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(agenda), SQLBind(start), SQLBind(start.addingTimeInterval(3600)),
                            SQLBind("https://meet.example.org/circle-\(index + 1)"), SQLBind(organiser), SQLBind(created))
                    .run()
            }
            for (kind, texts) in [(CirclePostKind.note, circle.notes), (.message, circle.messages)] {
                for (number, text) in texts.enumerated() {
                    try await db.sql.insert(into: "circle_posts").columns("id", "circle_id", "kind", "author_id", "body", "created_at")
                        .values(SQLBind(UUID()), SQLBind(id), SQLBind(kind.rawValue), SQLBind(circle.people[number % circle.people.count]),
                                SQLBind(text), SQLBind(now.addingTimeInterval(-Double(texts.count - number) * 3 * 3600)))
                        .run()
                }
            }
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaWeb
import Testing

/// Simultaneous sign-ups: the read-then-write critical sections must serialise, never race or fail.
///
/// The suite runs its tests one at a time. Every SQLite database in the test process shares NIOThreadPool.singleton
/// (two threads on a two-core machine), and a connection waiting for the write lock blocks a thread. Two races on two
/// databases at once block every thread, so neither lock holder can COMMIT until the 5 s busy timeout ("database is
/// locked"). A server has one database, so at most one connection per other event loop waits and a thread stays free.
@Suite(.serialized) struct ConcurrencyTests {
    private static let password = "a long passphrase here"

    @Test(arguments: TestDatabase.all)
    func simultaneousFirstSignUpsMakeExactlyOneAdmin(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // when eight people sign up at once on a fresh install
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await browser.json(.post, "/api/v1/accounts", ["email": "person\(index)@example.com", "password": Self.password, "name": "Person \(index)"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // then all succeed and exactly one is the admin
            #expect(statuses == Array(repeating: .created, count: 8))
            var roles: [String] = []
            for index in 0..<8 {
                let secret = try await token(browser, "person\(index)@example.com", Self.password)
                roles.append(try await browser.json(.get, "/api/v1/me", token: secret).object["role"] as? String ?? "?")
            }
            #expect(roles.filter { $0 == "admin" }.count == 1, "\(roles)")
            #expect(roles.filter { $0 == "member" }.count == 7, "\(roles)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func simultaneousSignUpsWithOneEmailCreateOneAccount(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // when the same email signs up eight times at once
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await browser.json(.post, "/api/v1/accounts", ["email": index % 2 == 0 ? "same@example.com" : "SAME@example.com", "password": Self.password, "name": "Same \(index)"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // then one wins and the rest are told it exists
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 7, "\(statuses)")
            #expect(try await browser.json(.post, "/api/v1/tokens", ["email": "same@example.com", "password": Self.password]).status == .created)
        }
    }

    /// Mentor and mentee acknowledge a new version of their agreement at the same moment: both acknowledgements are
    /// kept (each change is read and written inside the mentorship's critical section, not read, then saved whole).
    @Test(arguments: TestDatabase.all)
    func simultaneousAcknowledgementsAreBothKept(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let path = "/api/v1/mentorships/\(pair.id)/agreement"
            let current = try #require(try await browser.json(.get, "/api/v1/mentorships/\(pair.id)", token: pair.mentee.token).object["agreement"] as? [String: Any])
            for round in 1...12 {
                let edit: [String: Any] = [
                    "objectives": ["Objective of round \(round)"], "cadence": ["everyWeeks": 2, "minutes": 45],
                    "endDate": current["endDate"] as? String ?? "", "confidentiality": current["confidentiality"] as? String ?? "",
                ]
                let revised = try await browser.json(.put, path, edit, token: pair.mentee.token)
                let version = try #require((revised.object["agreement"] as? [String: Any])?["version"] as? Int, "\(revised.text)")
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for token in [pair.mentor.token, pair.mentee.token] {
                        group.addTask { try await browser.json(.post, path + "/acknowledge", ["version": version], token: token).status }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses == [.ok, .ok], "round \(round): \(statuses)")
                let after = try await browser.json(.get, "/api/v1/mentorships/\(pair.id)", token: pair.mentor.token)
                let acknowledged = (after.object["agreement"] as? [String: Any])?["acknowledgedBy"] as? [String] ?? []
                #expect(Set(acknowledged) == ["mentor", "mentee"], "round \(round): \(acknowledged)")
            }
        }
    }

    /// Overlapping meetings of one circle booked at the same moment: one is scheduled, the others are told the
    /// circle already meets then.
    @Test(arguments: TestDatabase.all)
    func simultaneousOverlappingCircleMeetingsMakeOne(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let coach = try await member(browser, "Coach Carla", "carla@example.com")
            let created = try await browser.json(.post, "/api/v1/circles", [
                "name": "Public speaking", "goal": "Give a conference talk", "kind": "cohort", "capacity": 5, "joinPolicy": "request",
            ], token: coach.token)
            let id = try #require(created.object["id"] as? String, "\(created.text)")
            let formatter = ISO8601DateFormatter(), now = browser.services.configuration.clock.now()
            // eight two-hour meetings starting a quarter of an hour apart: every two overlap
            let times = (0..<8).map { index in
                (start: formatter.string(from: now.addingTimeInterval((72 + Double(index) / 4) * 3600)),
                 end: formatter.string(from: now.addingTimeInterval((74 + Double(index) / 4) * 3600)))
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, time) in times.enumerated() {
                    group.addTask {
                        try await browser.json(.post, "/api/v1/circles/\(id)/meetings", [
                            "agenda": "Attempt \(index)", "start": time.start, "end": time.end, "location": "Room 1",
                        ], token: coach.token).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 7, "\(statuses)")
            let listed = try await browser.json(.get, "/api/v1/circles/\(id)", token: coach.token).object["meetings"] as? [[String: Any]] ?? []
            #expect(listed.count == 1, "\(listed)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func fiftySimultaneousBookingsOfOneSlotMakeOneMeeting(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let slot = try #require(try await freeSlots(browser, pair).first)
            // when both people press "book" on the same slot fifty times at once
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/meetings",
                                               ["start": slot, "durationMinutes": 45, "agenda": "Attempt \(index)"],
                                               token: index % 2 == 0 ? pair.mentee.token : pair.mentor.token).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // then exactly one wins, every other one is told the slot is taken, and one meeting exists
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 49, "\(statuses)")
            let meetings = try await browser.json(.get, "/api/v1/meetings", token: pair.mentor.token)
            #expect((meetings.object["items"] as? [Any])?.count == 1)
        }
    }
    /// Ending a mentorship while both people book meetings in it: whatever the order, no meeting stays scheduled on
    /// the ended mentorship (a booking that came first is cancelled by the end; one that comes after is refused).
    @Test(arguments: TestDatabase.all)
    func endingAMentorshipWhileBookingsRaceLeavesNoMeetingScheduled(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            for round in 0..<6 {
                let pair = try await makeMentorship(
                    browser, mentorEmail: "mentor\(round)@example.com", menteeEmail: "mentee\(round)@example.com")
                let slots = Array(try await freeSlots(browser, pair).prefix(8))
                try #require(slots.count == 8)
                let statuses = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                    for (index, slot) in slots.enumerated() {
                        group.addTask {
                            let status = try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/meetings",
                                                                ["start": slot, "durationMinutes": 45, "agenda": "Attempt \(index)"],
                                                                token: index % 2 == 0 ? pair.mentee.token : pair.mentor.token).status
                            return ("book", status)
                        }
                        if index == 2 + round % 4 {
                            group.addTask {
                                ("end", try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/end", [:] as [String: Any], token: pair.mentor.token).status)
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0.1.code < 500 }, "round \(round): \(statuses)")
                #expect(statuses.contains { $0 == ("end", .ok) }, "round \(round): \(statuses)")
                let meetings = try await browser.json(.get, "/api/v1/mentorships/\(pair.id)/meetings", token: pair.mentor.token)
                let scheduled = (meetings.object["items"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "scheduled" }
                #expect(scheduled.isEmpty, "round \(round): \(scheduled.count) meetings still scheduled on an ended mentorship")
            }
        }
    }
}

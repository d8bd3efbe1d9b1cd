import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The mentee asks, the mentor answers within capacity, both acknowledge the agreement — through the JSON API.
@Suite struct MentorshipRequestTests {
    /// Makes `person` open to mentoring with `capacity`, and optionally sets their manager.
    private func openToMentoring(_ browser: TestBrowser, _ token: String, capacity: Int = 2, managerId: String? = nil) async throws {
        var fields: [String: Any] = ["openToMentoring": true, "mentorCapacity": capacity]
        if let managerId { fields["managerId"] = managerId }
        let response = try await browser.json(.patch, "/api/v1/me", fields, token: token)
        #expect(response.status == .ok, "\(response.text)")
    }

    private func ask(_ browser: TestBrowser, _ token: String, mentor: String, goal: String = "Grow into a staff engineer role") async throws -> TestResponse {
        try await browser.json(.post, "/api/v1/mentorship-requests",
                               ["mentorId": mentor, "goal": goal, "focus": "careerMove", "message": "Hello!"], token: token)
    }

    @Test(arguments: TestDatabase.all)
    func aRequestAcceptedAndAcknowledgedByBothBecomesAnActiveMentorship(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given a mentor with room and a mentee
            let mentor = try await member(browser, "Grace Mentor", "grace@example.com")
            let mentee = try await member(browser, "Ada Mentee", "ada@example.com")
            try await openToMentoring(browser, mentor.token)
            // when the mentee asks
            let asked = try await ask(browser, mentee.token, mentor: mentor.id)
            #expect(asked.status == .created)
            #expect(asked.object["status"] as? String == "pending")
            let requestId = try #require(asked.object["id"] as? String)
            // and the mentor sees it and accepts
            let inbox = try await browser.json(.get, "/api/v1/mentorship-requests", token: mentor.token)
            #expect((inbox.object["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [requestId])
            let accepted = try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/accept", token: mentor.token)
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(accepted.object["status"] as? String == "proposed")
            let agreement = try #require(accepted.object["agreement"] as? [String: Any])
            #expect(agreement["objectives"] as? [String] == ["Grow into a staff engineer role"])
            #expect((agreement["expectations"] as? [[String: Any]])?.count == 4)
            #expect((agreement["confidentiality"] as? String)?.contains("stays between us") == true)
            let id = try #require(accepted.object["id"] as? String)
            let version = try #require(agreement["version"] as? Int)
            // and the mentor's profile counts the place the proposed mentorship holds
            let mentorProfile = try await browser.json(.get, "/api/v1/people/\(mentor.id)", token: mentee.token)
            #expect(mentorProfile.object["freePlaces"] as? Int == 1)
            // then one acknowledgement keeps it proposed, both make it active
            let first = try await browser.json(.post, "/api/v1/mentorships/\(id)/agreement/acknowledge", ["version": version], token: mentee.token)
            #expect(first.object["status"] as? String == "proposed")
            let second = try await browser.json(.post, "/api/v1/mentorships/\(id)/agreement/acknowledge", ["version": version], token: mentor.token)
            #expect(second.object["status"] as? String == "active")
            #expect(try await browser.json(.get, "/api/v1/mentorships", token: mentee.token).object["items"].map { ($0 as? [Any])?.count } == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func requestsThatBreakARuleAreRefusedWithAReason(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given a manager who mentors, and their report
            let boss = try await member(browser, "Bea Boss", "bea@example.com")
            let report = try await member(browser, "Rui Report", "rui@example.com")
            let full = try await member(browser, "Fay Full", "fay@example.com")
            try await openToMentoring(browser, boss.token)
            try await openToMentoring(browser, report.token, managerId: boss.id)
            try await openToMentoring(browser, full.token, capacity: 1)
            // then asking yourself, your manager, or your report is refused with the rule in words
            let yourself = try await ask(browser, report.token, mentor: report.id)
            #expect(yourself.status == .unprocessableContent)
            let manager = try await ask(browser, report.token, mentor: boss.id)
            #expect(manager.status == .unprocessableContent)
            #expect((manager.object["detail"] as? String)?.contains("boss, not your mentor") == true, "\(manager.text)")
            #expect(try await ask(browser, boss.token, mentor: report.id).status == .unprocessableContent)
            // and a second open request to the same mentor is a conflict
            #expect(try await ask(browser, boss.token, mentor: full.id).status == .created)
            #expect(try await ask(browser, boss.token, mentor: full.id).status == .conflict)
            // and bad fields are 422 with field errors
            let bad = try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": full.id, "goal": " ", "focus": "wizardry"], token: report.token)
            #expect(bad.status == .unprocessableContent)
            #expect(Set((bad.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["goal", "focus"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlyThePeopleInvolvedSeeOrAnswerARequest(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let mentor = try await member(browser, "Grace Mentor", "grace@example.com")
            let mentee = try await member(browser, "Ada Mentee", "ada@example.com")
            try await openToMentoring(browser, mentor.token)
            let requestId = try #require(try await ask(browser, mentee.token, mentor: mentor.id).object["id"] as? String)
            // a third person (even the site admin) cannot see or answer it
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/accept", token: admin.token).status == .notFound)
            #expect((try await browser.json(.get, "/api/v1/mentorship-requests", token: admin.token).object["items"] as? [Any])?.isEmpty == true)
            // the mentee cannot accept their own request; the mentor cannot withdraw it
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/accept", token: mentee.token).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/withdraw", token: mentor.token).status == .forbidden)
            // a declined request cannot be accepted afterwards
            let declined = try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/decline", ["reason": "Full this quarter"], token: mentor.token)
            #expect(declined.object["status"] as? String == "declined")
            #expect(declined.object["declineReason"] as? String == "Full this quarter")
            let late = try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/accept", token: mentor.token)
            #expect(late.status == .conflict)
            // with the request as it is now, and only to the people involved: the admin's attempt stays a plain 404
            #expect((late.object["current"] as? [String: Any])?["status"] as? String == "declined", "\(late.text)")
            let outsider = try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/accept", token: admin.token)
            #expect(outsider.status == .notFound && outsider.object["current"] == nil)
            // and the mentorship list of an outsider stays empty
            #expect((try await browser.json(.get, "/api/v1/mentorships", token: admin.token).object["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func concurrentAcceptsNeverExceedTheMentorsCapacity(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given a mentor with 3 places and 20 pending requests
            let mentor = try await member(browser, "Grace Mentor", "grace@example.com")
            try await openToMentoring(browser, mentor.token, capacity: 3)
            var requestIds: [String] = []
            for index in 0..<20 {
                let mentee = try await member(browser, "Mentee \(index)", "mentee\(index)@example.com")
                requestIds.append(try #require(try await ask(browser, mentee.token, mentor: mentor.id).object["id"] as? String))
            }
            // when the mentor accepts all of them at once
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for id in requestIds {
                    group.addTask { try await browser.json(.post, "/api/v1/mentorship-requests/\(id)/accept", token: mentor.token).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // then exactly 3 succeed, the others are refused (never a 500), and 3 mentorships exist
            #expect(statuses.filter { $0 == .ok }.count == 3)
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 17)
            #expect((try await browser.json(.get, "/api/v1/mentorships", token: mentor.token).object["items"] as? [Any])?.count == 3)
            // and the directory shows no free place left
            let people = try await browser.json(.get, "/api/v1/people?role=mentor&openOnly=true", token: mentor.token)
            #expect(!((people.object["items"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == mentor.id.uppercased() || $0["id"] as? String == mentor.id })
        }
    }

    @Test(arguments: TestDatabase.all)
    func duplicateSubmissionsCreateOneRequest(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let mentor = try await member(browser, "Grace Mentor", "grace@example.com")
            let mentee = try await member(browser, "Ada Mentee", "ada@example.com")
            try await openToMentoring(browser, mentor.token)
            // when the same request is sent 8 times at once
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 { group.addTask { try await ask(browser, mentee.token, mentor: mentor.id).status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // then one is created and the rest are conflicts
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 7)
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Pausing, completing, ending, looking back, and paying it forward, through the API and the pages.
@Suite struct MentorshipLifecycleTests {
    @Test(arguments: TestDatabase.all)
    func pauseResumeAndCompleteByBothBeforeTheEndDate(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let path = "/api/v1/mentorships/\(pair.id)"
            #expect(try await browser.json(.post, path + "/pause", token: pair.mentee.token).object["status"] as? String == "paused")
            #expect(try await browser.json(.get, path + "/slots", token: pair.mentee.token).status == .conflict)
            #expect(try await browser.json(.post, path + "/pause", token: pair.mentor.token).status == .conflict)
            #expect(try await browser.json(.post, path + "/resume", token: pair.mentor.token).object["status"] as? String == "active")
            // before the end date one side asking is not enough
            let asked = try await browser.json(.post, path + "/complete", token: pair.mentee.token)
            #expect(asked.object["status"] as? String == "active")
            #expect(asked.object["completionRequestedBy"] as? [String] == ["mentee"])
            // retrospectives wait for the end
            #expect(try await browser.json(.post, path + "/retrospectives", ["wentWell": "x"], token: pair.mentee.token).status == .conflict)
            let done = try await browser.json(.post, path + "/complete", token: pair.mentor.token)
            #expect(done.object["status"] as? String == "completed")
            #expect(done.object["closedAt"] != nil)
            // both look back once; the mentor says what they learned from the mentee
            let retro = try await browser.json(.post, path + "/retrospectives",
                                               ["learned": "How new joiners read our docs"], token: pair.mentor.token)
            #expect(retro.status == .created, "\(retro.text)")
            #expect(try await browser.json(.post, path + "/retrospectives", ["learned": "again"], token: pair.mentor.token).status == .conflict)
            #expect(try await browser.json(.post, path + "/retrospectives", ["wentWell": " "], token: pair.mentee.token).status == .unprocessableContent)
            let list = try await browser.json(.get, path + "/retrospectives", token: pair.mentee.token)
            #expect((list.object["items"] as? [[String: Any]])?.first?["learned"] as? String == "How new joiners read our docs")
            // a completed mentorship frees the mentor's place
            let mentor = try await browser.json(.get, "/api/v1/people/\(pair.mentor.id)", token: pair.mentee.token)
            #expect(mentor.object["freePlaces"] as? Int == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func editingTheAgreementMakesANewVersionBothAcknowledgeAgain(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let path = "/api/v1/mentorships/\(pair.id)/agreement"
            let current = try #require(try await browser.json(.get, "/api/v1/mentorships/\(pair.id)", token: pair.mentee.token).object["agreement"] as? [String: Any])
            var edit: [String: Any] = [
                "objectives": current["objectives"] as? [String] ?? [], "cadence": ["everyWeeks": 2, "minutes": 45],
                "endDate": current["endDate"] as? String ?? "", "confidentiality": current["confidentiality"] as? String ?? "",
            ]
            // saving the same terms changes nothing
            let same = try await browser.json(.put, path, edit, token: pair.mentee.token)
            #expect((same.object["agreement"] as? [String: Any])?["version"] as? Int == 1, "\(same.text)")
            // a real change is version 2, waiting for both, while the mentorship stays active
            edit["cadence"] = ["everyWeeks": 1, "minutes": 30]
            edit["objectives"] = ["Lead a project", "Give a talk at the all-hands"]
            let revised = try await browser.json(.put, path, edit, token: pair.mentee.token)
            let agreement = try #require(revised.object["agreement"] as? [String: Any])
            #expect(agreement["version"] as? Int == 2)
            #expect((agreement["acknowledgedBy"] as? [String])?.isEmpty == true)
            #expect(revised.object["status"] as? String == "active")
            // the old version can no longer be acknowledged; the new one can
            let stale = try await browser.json(.post, path + "/acknowledge", ["version": 1], token: pair.mentor.token)
            #expect(stale.status == .conflict)
            // the refusal carries the mentorship as it is now: the client sees version 2 without reading it again
            let now = try #require(stale.object["current"] as? [String: Any], "\(stale.text)")
            #expect((now["agreement"] as? [String: Any])?["version"] as? Int == 2 && now["id"] as? String == pair.id)
            #expect(try await browser.json(.post, path + "/acknowledge", ["version": 2], token: pair.mentor.token).status == .ok)
            // bad terms are field errors
            edit["endDate"] = "2001-01-01"
            edit["cadence"] = ["everyWeeks": 40, "minutes": 30]
            let bad = try await browser.json(.put, path, edit, token: pair.mentor.token)
            #expect(Set((bad.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["endDate", "cadence"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theReasonForEndingIsOnlyEverShownToWhoeverGaveIt(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let reason = "PRIVATE-END-REASON-51c2"
            let ended = try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/end", ["reason": reason], token: pair.mentee.token)
            #expect(ended.object["status"] as? String == "ended")
            #expect(ended.object["myEndReason"] as? String == reason)
            let mentorView = try await browser.json(.get, "/api/v1/mentorships/\(pair.id)", token: pair.mentor.token)
            #expect(!mentorView.text.contains(reason))
            try await browser.signIn(email: "grace@example.com", password: "a long passphrase here")
            let page = try await browser.get("/mentorships/\(pair.id)")
            #expect(page.text.contains("Ada Mentee ended this mentorship."))
            #expect(!page.text.contains(reason))
            // ending it again is refused with its current state, as the mentor may see it (not the mentee's reason)
            let again = try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/end", [:] as [String: Any], token: pair.mentor.token)
            #expect(again.status == .conflict)
            #expect((again.object["current"] as? [String: Any])?["status"] as? String == "ended", "\(again.text)")
            #expect(!again.text.contains(reason))
        }
    }

    @Test(arguments: TestDatabase.all)
    func lineageCountsEveryoneReachedOnceAlongAPayItForwardChain(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // A mentors B, B mentors C, C mentors D, and A also mentors C directly
            var people: [(id: String, token: String)] = []
            for (index, name) in ["Alma", "Ben", "Cleo", "Dev"].enumerated() {
                let person = try await member(browser, name, "p\(index)@example.com")
                try await browser.json(.patch, "/api/v1/me", ["openToMentoring": true, "mentorCapacity": 3], token: person.token)
                people.append(person)
            }
            func mentor(_ m: Int, _ e: Int) async throws {
                let asked = try await browser.json(.post, "/api/v1/mentorship-requests",
                                                   ["mentorId": people[m].id, "goal": "Grow", "focus": "leadership"], token: people[e].token)
                let requestId = try #require(asked.object["id"] as? String, "\(asked.text)")
                let id = try #require(try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/accept", token: people[m].token).object["id"] as? String)
                for token in [people[m].token, people[e].token] {
                    try await browser.json(.post, "/api/v1/mentorships/\(id)/agreement/acknowledge", ["version": 1], token: token)
                }
            }
            try await mentor(0, 1)
            try await mentor(1, 2)
            try await mentor(2, 3)
            try await mentor(0, 2)
            let alma = try await browser.json(.get, "/api/v1/people/\(people[0].id)", token: people[3].token)
            let lineage = try #require(alma.object["lineage"] as? [String: Any])
            #expect(lineage["reachDirect"] as? Int == 2)
            #expect(lineage["reachDownstream"] as? Int == 1)
            #expect(lineage["reachTotal"] as? Int == 3)
            let cleo = try #require(try await browser.json(.get, "/api/v1/people/\(people[2].id)", token: people[0].token).object["lineage"] as? [String: Any])
            #expect(Set((cleo["mentoredBy"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }) == ["Alma", "Ben"])
            // the profile page says it in words
            try await browser.signIn(email: "p3@example.com", password: "a long passphrase here")
            #expect(try await browser.get("/people/\(people[0].id.lowercased())").text.contains("3 people: 2 directly and 1 through them"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aMenteeWhoCompletedIsInvitedToPayItForward(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            for token in [pair.mentee.token, pair.mentor.token] {
                try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/complete", token: token)
            }
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let page = try await browser.get("/mentorships/\(pair.id)")
            #expect(page.text.contains("Pay it forward"))
            let accepted = try await browser.postForm("/profile/pay-it-forward", ["mentorCapacity": "2"])
            #expect(accepted.status == .seeOther)
            let me = try await browser.json(.get, "/api/v1/people/\(pair.mentee.id)", token: pair.mentor.token)
            #expect(me.object["openToMentoring"] as? Bool == true)
            #expect(me.object["mentorCapacity"] as? Int == 2)
            #expect(!(try await browser.get("/mentorships/\(pair.id)").text.contains("Pay it forward")))
        }
    }
}

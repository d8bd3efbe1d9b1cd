import Foundation
import IthacaMarkdown
import HTTPTypes
import HummingbirdTesting
import IthacaDomain
import IthacaWeb
import Testing

@testable import IthacaStorage

/// The mentoring in the demo: every state, meetings past and future, and a pay-it-forward chain.
@Suite struct DemoMentoringTests {
    private static let people = DemoCommunity.generate()
    private static let plan = DemoMentoring.plan(for: people)

    @Test func everyStateIsThere() {
        #expect(Set(Self.plan.mentorships.map(\.status)) == Set(MentorshipStatus.allCases))
        #expect(Set(Self.plan.requests.map(\.status)).isSuperset(of: [.pending, .declined, .withdrawn, .expired]))
        let meetings = Self.plan.mentorships.flatMap(\.meetings)
        #expect(meetings.contains { $0.dayOffset > 0 && $0.status == .scheduled })
        #expect(meetings.contains { $0.dayOffset < 0 && $0.status == .held && !$0.feedback.isEmpty && !$0.items.isEmpty })
        #expect(Set(meetings.map(\.status.code)) == Set(MeetingStatus.all.map(\.code)))
    }

    @Test func pairsRespectTheRules() {
        let byKey = Dictionary(uniqueKeysWithValues: Self.people.map { ($0.key, $0) })
        var placesHeld: [Int: Int] = [:]
        for pair in Self.plan.mentorships {
            let mentor = byKey[pair.mentor]!, mentee = byKey[pair.mentee]!
            #expect(mentor.profile.openToMentoring)
            #expect(mentor.profile.organization != mentee.profile.organization, "a different organisation keeps them out of one reporting line")
            if pair.status.occupiesCapacity { placesHeld[pair.mentor, default: 0] += 1 }
        }
        for (mentor, held) in placesHeld { #expect(held <= byKey[mentor]!.profile.mentorCapacity) }
        for request in Self.plan.requests { #expect(byKey[request.mentor]!.profile.openToMentoring) }
    }

    @Test func thePayItForwardChainIsThreeLinksDeep() {
        let edges = Self.plan.mentorships.filter { $0.status != .proposed && $0.status != .ended }
            .map { MentoringEdge(mentor: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", $0.mentor))!,
                                 mentee: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", $0.mentee))!) }
        let first = UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", Self.plan.chain[0]))!
        let reach = Lineage.reach(of: first, edges: edges)
        #expect(reach.direct.count == 1)
        #expect(reach.downstream.count >= 2)
    }

    @Test func theReadmeNamesTheShowcaseAccounts() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let mentee = Self.people[Self.plan.showcaseMentee]
        let mentor = Self.people[Self.plan.mentorships[0].mentor]
        #expect(text.contains(mentee.email), "README should name the showcase mentee \(mentee.email)")
        #expect(text.contains(mentor.email), "README should name the showcase mentor \(mentor.email)")
    }

    @Test(arguments: TestDatabase.all)
    func theDemoHasAProgramWithRecommendationsAndARunningChallenge(database: TestDatabase) async throws {
        try await withTestApp(database, configure: { $0.loadDemo = true }) { browser in
            let token = try await token(browser, Self.people[Self.plan.showcaseMentee].email, DemoCommunity.password)
            let programs = try await browser.json(.get, "/api/v1/programs", token: token).object["items"] as? [[String: Any]] ?? []
            let program = try #require(programs.first)
            #expect(program["myRole"] as? String == "mentee")
            #expect((program["counts"] as? [String: Any])?["mentees"] as? Int ?? 0 >= 60)
            let id = try #require(program["id"] as? String)
            let found = try await browser.json(.get, "/api/v1/programs/\(id)/recommendations", token: token)
            #expect((found.object["items"] as? [[String: Any]])?.count == 5, "\(found.text)")
            let challenges = try await browser.json(.get, "/api/v1/challenges", token: token).object["items"] as? [[String: Any]] ?? []
            let challenge = try #require(challenges.first)
            #expect(challenge["joined"] as? Bool == true && challenge["members"] as? Int == 15)
            let detail = try await browser.json(.get, "/api/v1/challenges/\(try #require(challenge["id"] as? String))", token: token)
            #expect(((detail.object["myProgress"] as? [String: Any])?["currentStreak"] as? Int ?? 0) >= 10, "\(detail.text.prefix(400))")
            #expect((detail.object["recentCheckIns"] as? [Any])?.isEmpty == false)
            let resources = try await browser.json(.get, "/api/v1/resources", token: token).object["items"] as? [[String: Any]] ?? []
            #expect(resources.count == 10 && resources.first?["recommendations"] as? Int ?? 0 >= 10)
            let events = try await browser.json(.get, "/api/v1/events", token: token).object["items"] as? [[String: Any]] ?? []
            #expect(events.count == 3 && events.contains { ($0["waitlisted"] as? Int ?? 0) > 0 })
            let circles = try await browser.json(.get, "/api/v1/circles", token: token).object["items"] as? [[String: Any]] ?? []
            #expect(Set(circles.compactMap { c in (c["name"] as? String).map { "\($0): \(c["myStatus"] as? String ?? "")" } })
                    == ["New leads circle: member", "Public speaking for engineers: requested"])
            let leads = try #require(circles.first { $0["myStatus"] as? String == "member" }?["id"] as? String)
            let thread = try await browser.json(.get, "/api/v1/circles/\(leads)/posts?kind=message", token: token).object["items"] as? [Any]
            #expect(thread?.count == 5)
            let paths = try await browser.json(.get, "/api/v1/learning-paths", token: token).object["items"] as? [[String: Any]] ?? []
            let leading = try #require(paths.first { $0["following"] as? Bool == true }?["id"] as? String)
            let progress = try await browser.json(.get, "/api/v1/learning-paths/\(leading)", token: token).object["myProgress"] as? [String: Any]
            #expect(progress?["done"] as? Int == 2 && progress?["total"] as? Int == 4)
            let adminLogin = try await browser.json(.post, "/api/v1/tokens", ["email": Self.people.first { $0.isAdmin }!.email, "password": DemoCommunity.password])
            let admin = try #require(adminLogin.object["token"] as? String)
            #expect((try await browser.json(.get, "/api/v1/reports", token: admin).object["items"] as? [Any])?.count == 1)
            let inbox = try await browser.json(.get, "/api/v1/notifications", token: token)
            #expect((inbox.object["unread"] as? Int ?? 0) > 0 && (inbox.text.contains("cheered your check-in")), "\(inbox.text.prefix(300))")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theLoadedDemoShowsTheShowcaseMenteeABitOfEverything(database: TestDatabase) async throws {
        try await withTestApp(database, configure: { $0.loadDemo = true }) { browser in
            let email = Self.people[Self.plan.showcaseMentee].email
            let token = try await token(browser, email, DemoCommunity.password)
            let mentorships = try await browser.json(.get, "/api/v1/mentorships", token: token)
            let statuses = Set((mentorships.object["items"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String })
            #expect(statuses == ["active", "completed", "proposed"])
            let meetings = try await browser.json(.get, "/api/v1/meetings", token: token).object["items"] as? [[String: Any]] ?? []
            #expect(meetings.contains { $0["status"] as? String == "scheduled" })
            #expect(meetings.contains { $0["status"] as? String == "held" })
            // the next meeting carries over the open items from the earlier ones
            let next = try #require(meetings.first { $0["status"] as? String == "scheduled" }?["id"] as? String)
            let detail = try await browser.json(.get, "/api/v1/meetings/\(next)", token: token)
            #expect((detail.object["carriedOver"] as? [Any])?.count == 3, "\(detail.text)")
            // a goal with milestones, an accepted introduction with contact details, an approved endorsement
            let goals = try await browser.json(.get, "/api/v1/me/goals", token: token).object["items"] as? [[String: Any]] ?? []
            #expect(goals.contains { $0["percent"] as? Int == 33 })
            let intros = try await browser.json(.get, "/api/v1/introductions", token: token).object["items"] as? [[String: Any]] ?? []
            #expect(intros.contains { $0["status"] as? String == "accepted" && ($0["contactEmail"] as? String)?.hasSuffix(".example") == true })
            let me = try await browser.json(.get, "/api/v1/me", token: token)
            #expect(((me.object["profile"] as? [String: Any])?["endorsements"] as? [Any])?.count == 1)
            // the mentee's page and the chain's first mentor's lineage render
            try await browser.signIn(email: email, password: DemoCommunity.password)
            #expect(try await browser.get("/mentoring").status == .ok)
            let home = try await browser.get("/")
            #expect(home.text.contains("Your next meetings") && home.text.contains("href=\"/meetings/"))
            // and the chain's first mentor reaches three people through it
            let name = Self.people[Self.plan.chain[0]].profile.name
            let query = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
            let found = try await browser.json(.get, "/api/v1/people?q=\(query)", token: token).object["items"] as? [[String: Any]] ?? []
            let founderId = try #require(found.first { $0["name"] as? String == name }?["id"] as? String)
            let founder = try await browser.json(.get, "/api/v1/people/\(founderId)", token: token)
            #expect(((founder.object["lineage"] as? [String: Any])?["reachTotal"] as? Int ?? 0) >= 3, "\(founder.text)")
            // the pay-it-forward web draws the chain: its founder, four people deep
            let web = try await browser.get("/lineage?person=\(founderId)")
            #expect(web.status == .ok && web.text.contains(">\(Markdown.escapeHTML(name))<"))
            #expect(web.text.contains("the longest chain is 4 people"), "the demo's chain is four people long")
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Learning paths: ordered resources, following, ticking steps off, progress seen only by the person.
@Suite struct LearningPathsTests {
    @Test(arguments: TestDatabase.all)
    func membersFollowAPathAndTickStepsOff(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada Author", "ada@example.com")
            let ben = try await member(browser, "Ben Learner", "ben@example.com")
            var resources: [String] = []
            for n in 1...3 {
                let shared = try await browser.json(.post, "/api/v1/resources", ["title": "Guide \(n)", "url": "https://example.org/\(n)", "kind": "article"],
                                                    token: ada.token)
                resources.append(try #require(shared.object["id"] as? String, "\(shared.text)"))
            }
            let bad = try await browser.json(.post, "/api/v1/learning-paths", ["title": "", "goal": "Mid-level", "steps": [resources[0], resources[0]]],
                                             token: ada.token)
            #expect(bad.status == .unprocessableContent && bad.text.contains("Give the path a title.") && bad.text.contains("once"))
            let unknown = try await browser.json(.post, "/api/v1/learning-paths", ["title": "X", "goal": "Y", "steps": [resources[0], UUID().uuidString]],
                                                 token: ada.token)
            #expect(unknown.status == .unprocessableContent)
            let created = try await browser.json(.post, "/api/v1/learning-paths", [
                "title": "From junior to mid-level backend", "goal": "Own a service end to end", "steps": [resources[2], resources[0], resources[1]],
            ], token: ada.token)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            #expect((created.object["steps"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Guide 3", "Guide 1", "Guide 2"])
            #expect(created.object["following"] as? Bool == true)
            // Ben reads it without progress, then ticks the second step: he follows it now and sees 1 of 3
            let before = try await browser.json(.get, "/api/v1/learning-paths/\(id)", token: ben.token)
            #expect(before.object["following"] as? Bool == false && before.object["myProgress"] == nil)
            let ticked = try await browser.json(.post, "/api/v1/learning-paths/\(id)/steps/\(resources[0])/done", token: ben.token)
            let progress = ticked.object["myProgress"] as? [String: Any]
            #expect(progress?["done"] as? Int == 1 && progress?["total"] as? Int == 3 && (progress?["nextStep"] as? String)?.lowercased() == resources[2].lowercased())
            // ticking twice counts once; a resource outside the path is not a step
            let again = try await browser.json(.post, "/api/v1/learning-paths/\(id)/steps/\(resources[0])/done", token: ben.token)
            #expect((again.object["myProgress"] as? [String: Any])?["done"] as? Int == 1)
            #expect(try await browser.json(.post, "/api/v1/learning-paths/\(id)/steps/\(UUID().uuidString)/done", token: ben.token).status == .notFound)
            // progress is Ben's own: Ada's view does not show it
            let adaView = try await browser.json(.get, "/api/v1/learning-paths/\(id)", token: ada.token)
            #expect((adaView.object["myProgress"] as? [String: Any])?["done"] as? Int == 0)
            let list = try await browser.json(.get, "/api/v1/learning-paths", token: ben.token).object["items"] as? [[String: Any]] ?? []
            #expect(list.first?["followers"] as? Int == 2 && list.first?["following"] as? Bool == true)
            // unticking and unfollowing
            let reopened = try await browser.json(.delete, "/api/v1/learning-paths/\(id)/steps/\(resources[0])/done", token: ben.token)
            #expect((reopened.object["myProgress"] as? [String: Any])?["done"] as? Int == 0)
            #expect(try await browser.json(.delete, "/api/v1/learning-paths/\(id)/follow", token: ben.token).status == .noContent)
            #expect(try await browser.json(.get, "/api/v1/learning-paths/\(id)", token: ben.token).object["following"] as? Bool == false)
        }
    }

    @Test(arguments: TestDatabase.all)
    func thePathPagesWorkWithoutJavaScriptAndProgressShowsOnMyOwnPage(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let ada = try await member(browser, "Ada Author", "ada@example.com")
            let ben = try await member(browser, "Ben Learner", "ben@example.com")
            var resources: [String] = []
            for n in 1...2 {
                let shared = try await browser.json(.post, "/api/v1/resources", ["title": "Book <b>\(n)</b>", "url": "https://example.org/b\(n)", "kind": "book"],
                                                    token: ada.token)
                resources.append(try #require(shared.object["id"] as? String).lowercased())
            }
            try await browser.signIn(email: "ben@example.com", password: "a long passphrase here")
            let bad = try await browser.postForm("/paths", ["title": "Reading list", "goal": "Read more", "step1": resources[0]])
            #expect(bad.status == .unprocessableContent && bad.text.contains("2 to 30 steps"))
            let created = try await browser.postForm("/paths", ["title": "Reading <i>list</i>", "goal": "Read more", "step1": resources[1], "step2": resources[0]])
            let location = try #require(created.header("Location"))
            #expect(try await browser.postForm(location + "/steps/\(resources[1])/done", [:]).status == .seeOther)
            let page = try await browser.get(location)
            #expect(page.text.contains("Reading &lt;i&gt;list&lt;/i&gt;") && page.text.contains("Book &lt;b&gt;2&lt;/b&gt;") && page.text.contains("1 of 2 steps done"))
            let mine = try await browser.get("/people/\(ben.id.lowercased())")
            #expect(mine.text.contains("Your learning paths") && mine.text.contains("1 of 2 steps"))
            let other = browser.fresh()
            try await other.signIn(email: "ada@example.com", password: "a long passphrase here")
            #expect(!(try await other.get("/people/\(ben.id.lowercased())")).text.contains("Your learning paths"))
            _ = ada
        }
    }
}

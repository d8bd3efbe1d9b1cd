import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Moderation: reports go to the space's moderators; a hidden post leaves pages, lists and search for everyone but
/// its author (who reads the reason) and the moderators; decisions are logged; anonymous askers are revealed to site
/// admins only, and only through a report.
@Suite struct ModerationTests {
    @Test(arguments: TestDatabase.all)
    func aReportedAnswerIsHiddenWithAReasonAndLogged(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let mod = try await member(browser, "Mona Moderator", "mona@example.com")
            let asker = try await member(browser, "Ada Asker", "ada@example.com")
            let troll = try await member(browser, "Tom Troll", "tom@example.com")
            let reader = try await member(browser, "Ben Reader", "ben@example.com")
            let spaceId = try #require((try await browser.json(.post, "/api/v1/spaces/career-growth/join", token: asker.token)).object["id"] as? String)
            try await browser.json(.post, "/api/v1/spaces/career-growth/join", token: troll.token)
            #expect(try await browser.json(.post, "/api/v1/spaces/\(spaceId)/moderators", ["personId": mod.id], token: admin.token).status == .noContent)
            let question = try await browser.json(.post, "/api/v1/spaces/career-growth/questions", ["title": "How do I ask for a raise politely?"], token: asker.token)
            let qid = try #require(question.object["id"] as? String)
            let answer = try await browser.json(.post, "/api/v1/questions/\(qid)/answers", ["body": "Zorblax spam spam buy now"], token: troll.token)
            let aid = try #require(answer.object["id"] as? String)
            #expect(try await searchHits(browser, "zorblax", reader.token) == 1)
            // reports: a reason is needed, not on your own post, once per person
            #expect(try await browser.json(.post, "/api/v1/reports", ["target": "answer", "id": aid, "reason": " "], token: reader.token).status == .unprocessableContent)
            #expect(try await browser.json(.post, "/api/v1/reports", ["target": "answer", "id": aid, "reason": "spam"], token: troll.token).status == .unprocessableContent)
            #expect(try await browser.json(.post, "/api/v1/reports", ["target": "answer", "id": aid, "reason": "Spam"], token: reader.token).status == .created)
            #expect(try await browser.json(.post, "/api/v1/reports", ["target": "answer", "id": aid, "reason": "Spam!"], token: reader.token).status == .conflict)
            #expect(try await browser.json(.post, "/api/v1/reports", ["target": "answer", "id": aid, "reason": "Advertising"], token: asker.token).status == .created)
            // only moderators see the queue; the moderator heard about it
            #expect(try await browser.json(.get, "/api/v1/reports", token: reader.token).status == .forbidden)
            let queue = try await browser.json(.get, "/api/v1/reports", token: mod.token).object["items"] as? [[String: Any]] ?? []
            #expect(queue.count == 2 && queue.first?["author"] as? String == "Tom Troll" && queue.first?["post"] as? String == "Zorblax spam spam buy now")
            let modInbox = try await browser.json(.get, "/api/v1/notifications", token: mod.token).object["items"] as? [[String: Any]] ?? []
            #expect(modInbox.first?["kind"] as? String == "moderation")
            // hiding needs moderator rights and a reason
            #expect(try await browser.json(.post, "/api/v1/moderation/hide", ["target": "answer", "id": aid, "reason": "Spam"], token: reader.token).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/moderation/hide", ["target": "answer", "id": aid], token: mod.token).status == .unprocessableContent)
            #expect(try await browser.json(.post, "/api/v1/moderation/hide", ["target": "answer", "id": aid, "reason": "Advertising is not allowed here."],
                                           token: mod.token).status == .noContent)
            // gone for readers, from the question and from search; the author sees it with the reason
            let seen = try await browser.json(.get, "/api/v1/questions/\(qid)", token: reader.token)
            #expect(!seen.text.contains("Zorblax"))
            #expect(try await searchHits(browser, "zorblax", reader.token) == 0)
            let own = try await browser.json(.get, "/api/v1/questions/\(qid)", token: troll.token)
            #expect(own.text.contains("Zorblax") && own.text.contains("Advertising is not allowed here."))
            let trollInbox = try await browser.json(.get, "/api/v1/notifications", token: troll.token).object["items"] as? [[String: Any]] ?? []
            #expect((trollInbox.first?["text"] as? String ?? "").contains("Advertising is not allowed here."))
            // the reports are resolved and the decision logged
            #expect((try await browser.json(.get, "/api/v1/reports", token: mod.token).object["items"] as? [Any])?.isEmpty == true)
            let log = try await browser.json(.get, "/api/v1/moderation/log", token: mod.token).object["items"] as? [[String: Any]] ?? []
            #expect(log.first?["action"] as? String == "hide" && log.first?["moderator"] as? String == "Mona Moderator")
            // a hidden post cannot be reported again; restoring brings it back to search
            #expect(try await browser.json(.post, "/api/v1/reports", ["target": "answer", "id": aid, "reason": "x"], token: admin.token).status == .notFound)
            #expect(try await browser.json(.post, "/api/v1/moderation/restore", ["target": "answer", "id": aid], token: mod.token).status == .noContent)
            #expect(try await searchHits(browser, "zorblax", reader.token) == 1)
            #expect(try await browser.json(.post, "/api/v1/moderation/restore", ["target": "answer", "id": aid], token: mod.token).status == .conflict)
            // a whole question hidden: gone from the space's list, 404 for readers, visible to its asker
            #expect(try await browser.json(.post, "/api/v1/moderation/hide", ["target": "question", "id": qid, "reason": "Duplicate of another question."],
                                           token: admin.token).status == .noContent)
            #expect(try await browser.json(.get, "/api/v1/questions/\(qid)", token: reader.token).status == .notFound)
            let list = try await browser.json(.get, "/api/v1/spaces/career-growth/questions", token: reader.token)
            #expect(!list.text.contains("raise politely"))
            #expect(try await browser.json(.get, "/api/v1/questions/\(qid)", token: asker.token).text.contains("Duplicate of another question."))
            #expect(try await browser.json(.post, "/api/v1/questions/\(qid)/answers", ["body": "late"], token: troll.token).status == .notFound)
            // comments are reported and hidden the same way
            let other = try await browser.json(.post, "/api/v1/spaces/career-growth/questions", ["title": "Where do I start with public speaking?"], token: asker.token)
            let otherId = try #require(other.object["id"] as? String)
            let comment = try await browser.json(.post, "/api/v1/questions/\(otherId)/comments", ["body": "Quuxly rude remark"], token: troll.token)
            let commentId = try #require(comment.object["id"] as? String, "\(comment.text)")
            #expect(try await browser.json(.post, "/api/v1/reports", ["target": "comment", "id": commentId, "reason": "Rude"], token: asker.token).status == .created)
            #expect(try await browser.json(.post, "/api/v1/moderation/hide", ["target": "comment", "id": commentId, "reason": "Be kind."], token: mod.token).status == .noContent)
            #expect(!(try await browser.json(.get, "/api/v1/questions/\(otherId)", token: reader.token)).text.contains("Quuxly"))
            let page = browser.fresh()
            try await page.signIn(email: "tom@example.com", password: "a long passphrase here")
            let ownPage = try await page.get("/questions/\(otherId.lowercased())")
            #expect(ownPage.text.contains("Quuxly") && ownPage.text.contains("Be kind."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlySiteAdminsLearnWhoAskedAnonymouslyAndOnlyThroughAReport(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let mod = try await member(browser, "Mona Moderator", "mona@example.com")
            let shy = try await member(browser, "Shy Zebediah", "shy@example.com")
            let reader = try await member(browser, "Ben Reader", "ben@example.com")
            let spaceId = try #require((try await browser.json(.post, "/api/v1/spaces/career-growth/join", token: shy.token)).object["id"] as? String)
            try await browser.json(.post, "/api/v1/spaces/\(spaceId)/moderators", ["personId": mod.id], token: admin.token)
            let asked = try await browser.json(.post, "/api/v1/spaces/career-growth/questions", ["title": "Something rude", "anonymous": true], token: shy.token)
            let qid = try #require(asked.object["id"] as? String)
            #expect(try await browser.json(.post, "/api/v1/reports", ["target": "question", "id": qid, "reason": "Abusive"], token: reader.token).status == .created)
            let modView = try await browser.json(.get, "/api/v1/reports", token: mod.token)
            #expect(modView.text.contains("A member (asked anonymously)") && !modView.text.contains("Zebediah"))
            let adminView = try await browser.json(.get, "/api/v1/reports", token: admin.token)
            #expect(adminView.text.contains("Shy Zebediah (asked anonymously)"))
            // …and nowhere else, not even for the admin
            #expect(!(try await browser.json(.get, "/api/v1/questions/\(qid)", token: admin.token)).text.contains("Zebediah"))
            // the moderation page says the same
            let page = browser.fresh()
            try await page.signIn(email: "mona@example.com", password: "a long passphrase here")
            let html = try await page.get("/moderation")
            #expect(html.status == .ok && html.text.contains("A member (asked anonymously)") && !html.text.contains("Zebediah"))
            let hidden = try await page.postForm("/moderation/hide", ["target": "question", "id": qid, "reason": "Please keep it kind.", "back": "/moderation"])
            #expect(hidden.status == .seeOther && hidden.header("Location") == "/moderation")
            #expect(try await page.get("/moderation").text.contains("hid a question in Career growth"))
            let outsider = browser.fresh()
            try await outsider.signIn(email: "ben@example.com", password: "a long passphrase here")
            #expect(try await outsider.get("/moderation").status == .forbidden)
            #expect(try await outsider.get("/questions/\(qid.lowercased())").status == .notFound)
        }
    }

    private func searchHits(_ browser: TestBrowser, _ query: String, _ token: String) async throws -> Int {
        (try await browser.json(.get, "/api/v1/search?q=\(query)", token: token).object["items"] as? [Any])?.count ?? -1
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaDomain
import IthacaStorage
import IthacaWeb
import Testing

/// Searching the demo community (about 300 people) through the API and the directory page.
@Suite struct DirectoryTests {
    private static let community = DemoCommunity.generate()

    private static func withDemo(_ database: TestDatabase, _ test: @escaping @Sendable (TestBrowser, String) async throws -> Void) async throws {
        try await withTestApp(database, configure: { $0.loadDemo = true }) { browser in
            let admin = try await token(browser, DemoCommunity.adminEmail, DemoCommunity.password)
            try await test(browser, admin)
        }
    }

    /// Every page of a search, following nextCursor.
    private static func all(_ browser: TestBrowser, _ query: String, token: String, limit: Int = 20) async throws -> (items: [[String: Any]], totals: [Int]) {
        var items: [[String: Any]] = []
        var totals: [Int] = []
        var cursor: String?
        repeat {
            var uri = "/api/v1/people?\(query)&limit=\(limit)"
            if let cursor { uri += "&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor)" }
            let page = try await browser.json(.get, uri, token: token)
            try #require(page.status == .ok, "\(uri): \(page.text)")
            let pageItems = page.object["items"] as? [[String: Any]] ?? []
            #expect(pageItems.count <= limit)
            items += pageItems
            totals.append(page.object["total"] as? Int ?? -1)
            cursor = page.object["nextCursor"] as? String
            if cursor != nil { #expect(pageItems.count == limit) }
        } while cursor != nil && items.count < 1_000
        return (items, totals)
    }

    @Test(arguments: TestDatabase.all)
    func openSwiftMentorsAreOpenMentorsOfferingSwiftEachWithAReason(database: TestDatabase) async throws {
        try await Self.withDemo(database) { browser, admin in
            // when
            let (items, totals) = try await Self.all(browser, "skill=Swift&role=mentor&openOnly=true", token: admin, limit: 100)
            // then
            // the demo's mentorships hold places: a mentor whose places are all taken is not "open" now
            var held: [Int: Int] = [:]
            for pair in DemoMentoring.plan(for: Self.community).mentorships where pair.status.occupiesCapacity { held[pair.mentor, default: 0] += 1 }
            let expected = Self.community.filter { p in
                p.profile.openToMentoring && p.profile.mentorCapacity > (held[p.key] ?? 0)
                    && p.profile.skillsOffered.contains { $0.lowercased() == "swift" }
            }
            #expect(!items.isEmpty)
            #expect(items.count == expected.count)
            #expect(totals.allSatisfy { $0 == items.count })
            for item in items {
                let name = item["name"] as? String ?? "?"
                #expect(item["openToMentoring"] as? Bool == true, "\(name)")
                #expect((item["freePlaces"] as? Int ?? 0) > 0, "\(name)")
                #expect((item["skillsOffered"] as? [String] ?? []).contains { $0.lowercased() == "swift" }, "\(name) does not offer Swift")
                #expect((item["reasons"] as? [String] ?? []).contains { $0.contains("Swift") }, "\(name): \(item["reasons"] ?? "")")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSurnameFindsThePersonWithANameReason(database: TestDatabase) async throws {
        try await Self.withDemo(database) { browser, admin in
            // given a person of the demo community
            let person = Self.community[137]
            let surname = try #require(person.profile.name.split(separator: " ").last.map(String.init))
            // when
            let (items, totals) = try await Self.all(browser, "q=\(surname.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: admin, limit: 100)
            // then
            let hit = try #require(items.first { $0["name"] as? String == person.profile.name }, "\(surname) not found")
            #expect((hit["reasons"] as? [String] ?? []).contains { $0.hasPrefix("Name matches") })
            #expect(totals.first == items.count)
            #expect((items.first?["reasons"] as? [String] ?? []).contains { $0.hasPrefix("Name matches") }, "a name match ranks first")
        }
    }

    @Test(arguments: TestDatabase.all)
    func pagesWalkEveryResultOnceAndOrganisationsFilter(database: TestDatabase) async throws {
        try await Self.withDemo(database) { browser, admin in
            // when walking everyone, 20 at a time
            let (everyone, totals) = try await Self.all(browser, "q=", token: admin)
            // then
            let ids = everyone.compactMap { $0["id"] as? String }
            #expect(ids.count == Self.community.count)
            #expect(Set(ids).count == ids.count, "no duplicates")
            #expect(totals.allSatisfy { $0 == Self.community.count })
            #expect(totals.count == (Self.community.count + 19) / 20)
            // when filtering by organisation
            let (helios, heliosTotals) = try await Self.all(browser, "organization=Helios%20Health", token: admin)
            #expect(helios.count == Self.community.filter { $0.profile.organization == "Helios Health" }.count)
            #expect(heliosTotals.first == helios.count)
            #expect(helios.allSatisfy { $0["organization"] as? String == "Helios Health" })
            #expect(Set(helios.compactMap { $0["id"] as? String }).count == helios.count)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badPagingInputIsAClientErrorNeverA500(database: TestDatabase) async throws {
        try await Self.withDemo(database) { browser, admin in
            // when
            let badCursor = try await browser.json(.get, "/api/v1/people?cursor=bm90LWEtY3Vyc29y", token: admin)
            let garbage = try await browser.json(.get, "/api/v1/people?cursor=%25%25%25", token: admin)
            let zero = try await browser.json(.get, "/api/v1/people?limit=0", token: admin)
            let huge = try await browser.json(.get, "/api/v1/people?limit=500", token: admin)
            let notANumber = try await browser.json(.get, "/api/v1/people?limit=many", token: admin)
            // then
            #expect(badCursor.status == .badRequest)
            #expect(badCursor.headers[.contentType] == "application/problem+json")
            #expect(garbage.status == .badRequest)
            for response in [zero, huge, notANumber] {
                #expect([.badRequest, .unprocessableContent].contains(response.status), "\(response.status) \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            // and the directory page refuses a bad cursor the same way
            let web = browser.fresh()
            try await web.signIn(email: DemoCommunity.adminEmail, password: DemoCommunity.password)
            #expect(try await web.get("/people?cursor=bm90LWEtY3Vyc29y").status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDirectoryPageShowsCardsWithReasonsAndANextLink(database: TestDatabase) async throws {
        try await Self.withDemo(database) { browser, admin in
            // given
            let total = try await browser.json(.get, "/api/v1/people?skill=swift", token: admin).object["total"] as? Int ?? 0
            #expect(total > 20)
            // when signed out
            let signedOut = try await browser.get("/people?skill=swift")
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.location?.hasPrefix("/signin?next=") == true)
            // when signed in
            #expect(try await browser.signIn(email: DemoCommunity.adminEmail, password: DemoCommunity.password).status == .seeOther)
            let page = try await browser.get("/people?skill=swift")
            // then
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "class=\"card result person-card\"").count - 1 == 20)
            #expect(page.text.contains("Offers Swift"))
            #expect(page.text.contains("rel=\"next\""))
            #expect(page.text.contains("Showing 1–20 of \(total)"))
            // and the next page follows on
            let next = try #require(page.text.range(of: #"href="([^"]+)" rel="next""#, options: .regularExpression).map { String(page.text[$0]) })
            let href = next.replacingOccurrences(of: "href=\"", with: "").replacingOccurrences(of: "\" rel=\"next\"", with: "")
                .replacingOccurrences(of: "&amp;", with: "&")
            let second = try await browser.get(href)
            #expect(second.status == .ok)
            #expect(second.text.contains("Showing 21–"))
            #expect(second.text.contains("rel=\"prev\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDirectoryNeedsSigningIn(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let response = try await browser.get("/people")
            #expect(response.status == .seeOther)
            #expect(response.location == "/signin?next=/people")
            #expect(try await browser.json(.get, "/api/v1/people").status == .unauthorized)
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// What others may see of a person: never gender, email only for self and admins, and nothing they type runs.
@Suite struct PrivacyTests {
    private static let marker = "marker-gender-7731"

    @Test(arguments: TestDatabase.all)
    func genderIsNeverShownToAnyoneElseNotEvenAdmins(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given an admin, a member with a gender, and another member
            let admin = try await member(browser, "Ada Admin", "admin@example.com")
            let bea = try await member(browser, "Bea Private", "bea@example.com")
            let cy = try await member(browser, "Cy Curious", "cy@example.com")
            let patched = try await browser.json(.patch, "/api/v1/me", ["gender": Self.marker, "headline": "Findable headline"], token: bea.token)
            #expect(patched.status == .ok)
            #expect((patched.object["preferences"] as? [String: Any])?["gender"] as? String == Self.marker, "I see my own")
            for viewer in [admin, cy, bea] {
                // when
                let person = try await browser.json(.get, "/api/v1/people/\(bea.id)", token: viewer.token)
                let directory = try await browser.json(.get, "/api/v1/people?q=findable", token: viewer.token)
                // then
                #expect(person.status == .ok)
                #expect(!person.text.contains(Self.marker))
                #expect(person.object["gender"] == nil)
                #expect((directory.object["items"] as? [[String: Any]])?.count == 1)
                #expect(!directory.text.contains(Self.marker))
            }
            // and the pages, for an admin and a member
            for (email, password) in [("admin@example.com", "a long passphrase here"), ("cy@example.com", "a long passphrase here")] {
                let web = browser.fresh()
                #expect(try await web.signIn(email: email, password: password).status == .seeOther)
                let page = try await web.get("/people/\(bea.id.lowercased())")
                let listing = try await web.get("/people?q=findable")
                #expect(page.status == .ok)
                #expect(page.text.contains("Bea Private"))
                #expect(!page.text.contains(Self.marker), "\(email)")
                #expect(listing.text.contains("Bea Private"))
                #expect(!listing.text.contains(Self.marker), "\(email)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func emailIsShownToThePersonAndSiteAdminsOnly(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            let admin = try await member(browser, "Ada Admin", "admin@example.com")
            let bea = try await member(browser, "Bea", "bea@example.com")
            let cy = try await member(browser, "Cy", "cy@example.com")
            // when / then
            let path = "/api/v1/people/\(bea.id)"
            #expect(try await browser.json(.get, path, token: bea.token).object["email"] as? String == "bea@example.com")
            #expect(try await browser.json(.get, path, token: admin.token).object["email"] as? String == "bea@example.com")
            let asMember = try await browser.json(.get, path, token: cy.token)
            #expect(asMember.status == .ok)
            #expect(asMember.object["email"] == nil)
            #expect(!asMember.text.contains("bea@example.com"))
            // and on the page
            let web = browser.fresh()
            try await web.signIn(email: "cy@example.com", password: "a long passphrase here")
            #expect(!(try await web.get("/people/\(bea.id.lowercased())").text.contains("bea@example.com")))
            let adminWeb = browser.fresh()
            try await adminWeb.signIn(email: "admin@example.com", password: "a long passphrase here")
            #expect(try await adminWeb.get("/people/\(bea.id.lowercased())").text.contains("bea@example.com"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func whatPeopleTypeIsEscapedAndUnsafeMarkupDropped(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            let mallory = try await member(browser, "Mallory", "mallory@example.com")
            let bio = "Hello [x](javascript:alert(1)) and <img src=x onerror=alert(1)> and <script>alert(2)</script>"
            let patched = try await browser.json(.patch, "/api/v1/me", [
                "name": "<script>alert(1)</script>", "headline": "\"><svg onload=alert(3)>", "bio": bio,
            ], token: mallory.token)
            #expect(patched.status == .ok, "\(patched.text)")
            let viewer = browser.fresh()
            try await viewer.signUp(name: "Vic Viewer", email: "vic@example.com")
            // when
            let page = try await viewer.get("/people/\(mallory.id.lowercased())")
            let listing = try await viewer.get("/people?q=alert")
            let api = try await viewer.json(.get, "/api/v1/people/\(mallory.id)")
            // then
            #expect(page.status == .ok)
            for html in [page.text, listing.text] {
                #expect(!html.contains("<script>alert"))
                #expect(!html.contains("<svg"))
                #expect(!html.lowercased().contains("javascript:"))
                #expect(html.range(of: "<[^>]*onerror", options: .regularExpression) == nil)
                #expect(html.range(of: "<[^>]*onload", options: .regularExpression) == nil)
            }
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let bioHtml = try #require(api.object["bioHtml"] as? String)
            #expect(!bioHtml.lowercased().contains("javascript:"))
            #expect(!bioHtml.contains("<script"))
            #expect(bioHtml.range(of: "<[^>]*onerror", options: .regularExpression) == nil)
        }
    }
}

import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaStorage
@testable import IthacaWeb
import Testing

/// People an import created get in through an emailed, single-use invitation: set a password (same policy as sign-up),
/// land on their program; the link works once, for 7 days, and a new one replaces it. Only program admins invite.
@Suite struct InvitationTests {
    static let header = "email,name,organisation,team,title,manager email,role,skills,goals,time zone,capacity\n"

    /// A program with two imported newcomers and one existing member; returns the program id and the admin's token.
    func importedProgram(_ browser: TestBrowser) async throws -> (program: String, admin: (id: String, token: String)) {
        let admin = try await member(browser, "Site Admin", "admin@example.com")
        _ = try await member(browser, "Ada Existing", "ada@example.com")
        let created = try await browser.json(.post, "/api/v1/programs", ["name": "Spring cohort", "startDate": "2027-01-04", "endDate": "2027-06-30"],
                                             token: admin.token)
        let program = try #require(created.object["id"] as? String)
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(admin.token)"
        headers[.contentType] = "text/csv"
        let csv = Self.header + """
            ada@example.com,Ada Existing,Analytical,,,,mentee,Swift,Lead a team,Europe/London,
            nia@example.com,Nia New,Elsewhere,,,,mentor,Go,,America/New_York,1
            omar@example.com,Omar Ölçer,Elsewhere,,,,mentee,Go,Ship it,Europe/Istanbul,
            """
        let applied = try await browser.request(.post, "/api/v1/programs/\(program)/imports", headers: headers, body: csv)
        #expect(applied.object["created"] as? Int == 2, "\(applied.text)")
        return (program, admin)
    }

    func states(_ browser: TestBrowser, _ program: String, _ token: String) async throws -> [String: String] {
        let items = try await browser.json(.get, "/api/v1/programs/\(program)/invitations", token: token).object["items"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: items.map { ($0["email"] as? String ?? "", $0["status"] as? String ?? "") })
    }

    @Test(arguments: TestDatabase.all)
    func anImportedPersonJoinsThroughTheirInvitationAndLandsOnTheProgram(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let (program, admin) = try await importedProgram(browser)
            // imported people cannot sign in yet
            #expect(try await states(browser, program, admin.token) == [
                "ada@example.com": "joined", "nia@example.com": "not_invited", "omar@example.com": "not_invited"])
            // when the admin invites everyone not yet signed in
            let invited = try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["everyoneNotJoined": true], token: admin.token)
            #expect(invited.status == .ok)
            #expect((invited.object["invited"] as? [String])?.count == 2 && (invited.object["alreadyJoined"] as? [String])?.count == 1)
            #expect(try await states(browser, program, admin.token)["nia@example.com"] == "invited")
            // then each gets one email with their own link; the database keeps only its hash
            let emails = try await browser.emails(to: "omar@example.com")
            #expect(emails.count == 1 && emails.first?.subject == "You're invited to Spring cohort")
            #expect(try await browser.emails(to: "ada@example.com").isEmpty)
            let link = try #require(try await browser.link(in: "omar@example.com", startingWith: "/invitations/"))
            let token = String(link.dropFirst("/invitations/".count))
            #expect(token.count == 43, "256 random bits, base64url")
            let text = EmailText.decoded(try #require(emails.first).message)
            #expect(text.contains("Hello Omar Ölçer") && text.contains("(Europe/Istanbul)"), "in the recipient's time zone")
            // the link opens a page to choose a password; a weak one is refused with what to fix
            let omar = browser.fresh()
            let page = try await omar.get(link)
            #expect(page.status == .ok && page.text.contains("omar@example.com") && page.text.contains("Spring cohort"))
            let weak = try await omar.postForm(link, ["password": "short"])
            #expect(weak.status == .unprocessableContent && weak.text.contains("field-error"))
            // a good password joins, signs in and lands on the program
            let joined = try await omar.postForm(link, ["password": "a long passphrase here"])
            #expect(joined.status == .seeOther && joined.location == "/programs/\(program.lowercased())")
            #expect(try await omar.get("/mentoring").status == .ok)
            #expect(try await states(browser, program, admin.token)["omar@example.com"] == "joined")
            // the link works once
            let again = try await browser.fresh().get(link)
            #expect(again.status == .gone && again.text.contains("already used"))
            #expect(try await browser.fresh().postForm(link, ["password": "another long passphrase"]).status == .gone)
            #expect(try await browser.json(.post, "/api/v1/invitations/\(token)/accept", ["password": "another long passphrase"]).status == .conflict)
            // and the password works for signing in
            #expect(try await browser.fresh().signIn(email: "omar@example.com", password: "a long passphrase here").location == "/")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aNewInvitationReplacesTheOldLinkAndLinksExpireAfterSevenDays(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let (program, admin) = try await importedProgram(browser)
            let people = try await browser.json(.get, "/api/v1/programs/\(program)/invitations", token: admin.token).object["items"] as? [[String: Any]] ?? []
            let nia = try #require(people.first { $0["email"] as? String == "nia@example.com" }?["personId"] as? String)
            try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["people": [nia]], token: admin.token)
            let first = try #require(try await browser.link(in: "nia@example.com", startingWith: "/invitations/"))
            clock.advance(by: 60)
            try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["people": [nia]], token: admin.token)
            let second = try #require(try await browser.link(in: "nia@example.com", startingWith: "/invitations/"))
            #expect(first != second)
            let replaced = try await browser.fresh().get(first)
            #expect(replaced.status == .gone && replaced.text.contains("newer invitation"))
            // seven days later the new link has expired too, and says how to get another
            clock.advance(by: 7 * 86_400)
            let expired = try await browser.fresh().get(second)
            #expect(expired.status == .gone && expired.text.contains("expired") && expired.text.contains("send your invitation again"))
            // an unknown link is a clear page too, never a 500
            #expect(try await browser.fresh().get("/invitations/not-a-real-token").status == .gone)
            #expect(try await browser.json(.post, "/api/v1/invitations/not-a-real-token/accept", ["password": "a long passphrase here"]).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlyProgramAdminsInviteAndSeeStatesAndTheCSVAgrees(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let (program, admin) = try await importedProgram(browser)
            let ada = try await token(browser, "ada@example.com", "a long passphrase here")
            #expect(try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["everyoneNotJoined": true], token: ada).status == .forbidden)
            #expect(try await browser.json(.get, "/api/v1/programs/\(program)/invitations", token: ada).status == .forbidden)
            let stranger = try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["people": [UUID().uuidString]], token: admin.token)
            #expect(stranger.status == .unprocessableContent)
            #expect(try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["people": [String]()], token: admin.token).status
                    == .unprocessableContent)
            // through the participants page: "invite everyone", then the CSV
            _ = try await browser.signIn(email: "admin@example.com", password: "a long passphrase here")
            let page = try await browser.get("/programs/\(program)/admin")
            #expect(page.text.contains("Invite everyone not yet signed in (2)") && page.text.contains("Not invited"))
            #expect(try await browser.postForm("/programs/\(program)/invitations", ["everyone": "1"]).status == .seeOther)
            let csv = try await browser.get("/programs/\(program)/invitations.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = csv.text.split(whereSeparator: \.isNewline).map(String.init)
            #expect(rows.first == "name,email,status,invited_at,expires_at,joined_at")
            #expect(rows.contains { $0.contains("nia@example.com,invited,") } && rows.contains { $0.contains("ada@example.com,joined,") })
            #expect(try await browser.get("/programs/\(program)/admin").text.contains("Send again"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func siteAdminsInvitePeopleWhoAreInNoProgramAndTheyAcceptThroughTheAPI(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            _ = try await member(browser, "Site Admin", "admin@example.com")
            _ = try await member(browser, "Member", "member@example.com")
            let member = browser.fresh()
            _ = try await member.signIn(email: "member@example.com", password: "a long passphrase here")
            #expect(try await member.get("/admin/invitations").status == .notFound)
            _ = try await browser.signIn(email: "admin@example.com", password: "a long passphrase here")
            #expect(try await browser.get("/programs").text.contains("href=\"/admin/invitations\""), "site admins find the page")
            #expect(!(try await member.get("/programs").text.contains("/admin/invitations")))
            let bad = try await browser.postForm("/admin/invitations", ["people": "Zoe <zoe@example.com>\nnot an address"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("is not an email address") && bad.text.contains("zoe@example.com"))
            #expect(try await browser.emails(to: "zoe@example.com").isEmpty, "nothing is sent while the list has a problem")
            #expect(try await browser.postForm("/admin/invitations", ["people": "Zoe Zed <zoe@example.com>\nmember@example.com"]).status == .seeOther)
            #expect(try await browser.emails(to: "member@example.com").isEmpty, "people who joined are skipped")
            let link = try #require(try await browser.link(in: "zoe@example.com", startingWith: "/invitations/"))
            let token = String(link.dropFirst("/invitations/".count))
            let api = browser.fresh()
            let weak = try await api.json(.post, "/api/v1/invitations/\(token)/accept", ["password": "short"])
            #expect(weak.status == .unprocessableContent && weak.errorFields == ["password"])
            let accepted = try await api.json(.post, "/api/v1/invitations/\(token)/accept", ["password": "a long passphrase here"])
            #expect(accepted.status == .ok && accepted.object["email"] as? String == "zoe@example.com" && accepted.object["name"] as? String == "Zoe Zed")
            let signedIn = try await api.json(.post, "/api/v1/tokens", ["email": "zoe@example.com", "password": "a long passphrase here"])
            #expect(signedIn.status == .created)
        }
    }
}

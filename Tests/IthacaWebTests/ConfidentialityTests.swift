import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Private notes are for their author; shared notes and messages for the two people; site admins see none of it.
/// Marker strings are planted and looked for everywhere an admin or the other person could look.
@Suite struct ConfidentialityTests {
    @Test(arguments: TestDatabase.all)
    func notesAndMessagesStayBetweenTheRightPeople(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let pair = try await makeMentorship(browser)
            let privateMarker = "MENTEE-PRIVATE-8c1d", sharedMarker = "MENTEE-SHARED-2b9e", messageMarker = "MESSAGE-4e7f"
            #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/notes", ["body": privateMarker], token: pair.mentee.token).status == .created)
            let shared = try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/notes", ["body": sharedMarker, "shared": true], token: pair.mentee.token)
            #expect(shared.object["shared"] as? Bool == true)
            #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/messages", ["body": messageMarker], token: pair.mentor.token).status == .created)
            #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/messages", ["body": "   "], token: pair.mentor.token).status == .unprocessableContent)

            // the author sees both notes; the mentor only the shared one
            let menteeNotes = try await browser.json(.get, "/api/v1/mentorships/\(pair.id)/notes", token: pair.mentee.token)
            #expect(menteeNotes.text.contains(privateMarker) && menteeNotes.text.contains(sharedMarker))
            let mentorNotes = try await browser.json(.get, "/api/v1/mentorships/\(pair.id)/notes", token: pair.mentor.token)
            #expect(mentorNotes.text.contains(sharedMarker))
            #expect(!mentorNotes.text.contains(privateMarker))
            #expect(try await browser.json(.get, "/api/v1/mentorships/\(pair.id)/messages", token: pair.mentee.token).text.contains(messageMarker))

            // the mentor's page shows the shared note and the message, never the private note
            try await browser.signIn(email: "grace@example.com", password: "a long passphrase here")
            let mentorPage = try await browser.get("/mentorships/\(pair.id)")
            #expect(mentorPage.text.contains(sharedMarker) && mentorPage.text.contains(messageMarker))
            #expect(!mentorPage.text.contains(privateMarker))

            // a site admin gets 404 for all of it, in the API and the pages
            for path in ["notes", "messages"] {
                let response = try await browser.json(.get, "/api/v1/mentorships/\(pair.id)/\(path)", token: admin.token)
                #expect(response.status == .notFound)
                #expect(!response.text.contains("MARKER") && !response.text.contains(privateMarker) && !response.text.contains(messageMarker))
                #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/\(path)", ["body": "hi"], token: admin.token).status == .notFound)
            }
            #expect(try await browser.json(.get, "/api/v1/mentorships/\(pair.id)", token: admin.token).status == .notFound)
            let adminBrowser = browser.fresh()
            try await adminBrowser.signIn(email: "admin@example.com", password: "a long passphrase here")
            let adminPage = try await adminBrowser.get("/mentorships/\(pair.id)")
            #expect(adminPage.status == .notFound)
            for marker in [privateMarker, sharedMarker, messageMarker] { #expect(!adminPage.text.contains(marker)) }
        }
    }
}

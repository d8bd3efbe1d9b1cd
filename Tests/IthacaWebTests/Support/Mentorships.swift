import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Two members in one mentorship, with their API tokens.
struct MentorshipFixture {
    let mentor: (id: String, token: String)
    let mentee: (id: String, token: String)
    let id: String
}

/// Weekdays 09:00–12:00 in Lisbon.
var lisbonMornings: [String: Any] { [
    "timeZone": "Europe/Lisbon",
    "windows": ["monday", "tuesday", "wednesday", "thursday", "friday"].map { ["weekday": $0, "start": "09:00", "end": "12:00"] },
    "exceptions": [] as [Any],
] }

/// A mentor publishing `availability` and a mentee, in a mentorship both acknowledged (or only proposed).
func makeMentorship(
    _ browser: TestBrowser, active: Bool = true, availability: [String: Any] = lisbonMornings,
    mentorEmail: String = "grace@example.com", menteeEmail: String = "ada@example.com"
) async throws -> MentorshipFixture {
    let mentor = try await member(browser, "Grace Mentor", mentorEmail)
    let mentee = try await member(browser, "Ada Mentee", menteeEmail)
    try await browser.json(.patch, "/api/v1/me", ["openToMentoring": true, "mentorCapacity": 2], token: mentor.token)
    #expect(try await browser.json(.put, "/api/v1/me/availability", availability, token: mentor.token).status == .ok)
    let asked = try await browser.json(.post, "/api/v1/mentorship-requests",
                                       ["mentorId": mentor.id, "goal": "Lead a project", "focus": "leadership"], token: mentee.token)
    let requestId = try #require(asked.object["id"] as? String)
    let accepted = try await browser.json(.post, "/api/v1/mentorship-requests/\(requestId)/accept", token: mentor.token)
    let id = try #require(accepted.object["id"] as? String)
    if active {
        for token in [mentor.token, mentee.token] {
            try await browser.json(.post, "/api/v1/mentorships/\(id)/agreement/acknowledge", ["version": 1], token: token)
        }
    }
    return MentorshipFixture(mentor: mentor, mentee: mentee, id: id)
}

/// The free slots' start times, as the API wrote them.
func freeSlots(_ browser: TestBrowser, _ mentorship: MentorshipFixture) async throws -> [String] {
    let response = try await browser.json(.get, "/api/v1/mentorships/\(mentorship.id)/slots", token: mentorship.mentee.token)
    return (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
}

/// Books `start` for 45 minutes as the mentee.
@discardableResult
func book(_ browser: TestBrowser, _ mentorship: MentorshipFixture, _ start: String, agenda: String = "Talk about the project plan") async throws -> TestResponse {
    try await browser.json(.post, "/api/v1/mentorships/\(mentorship.id)/meetings",
                           ["start": start, "durationMinutes": 45, "agenda": agenda], token: mentorship.mentee.token)
}

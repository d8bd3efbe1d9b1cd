import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaDomain
import Testing

/// Browser sessions end when idle too long, when too old, and (elsewhere) when the password changes.
@Suite struct SessionTimeoutTests {
    private static let policy = SessionPolicy.standard
    private static let hour: TimeInterval = 60 * 60

    @Test(arguments: TestDatabase.all)
    func anIdleSessionIsSignedOut(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            #expect(try await browser.get("/settings").status == .ok)
            // when
            clock.advance(by: Self.policy.idleTimeout + 1)
            // then
            let response = try await browser.get("/settings")
            #expect(response.status == .seeOther)
            #expect(response.location == "/signin?next=/settings")
            #expect(try await browser.json(.get, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSessionUsedWithinTheIdleWindowStays(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            // when used every 11 hours, well past one idle timeout in total
            for _ in 1...3 {
                clock.advance(by: Self.policy.idleTimeout - Self.hour)
                // then
                #expect(try await browser.get("/settings").status == .ok)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAbsoluteTimeoutEndsEvenAnActiveSession(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            let step = Self.policy.idleTimeout - Self.hour
            var elapsed: TimeInterval = 0
            // when the session is used every 11 hours until it is 14 days old
            while elapsed + step < Self.policy.absoluteTimeout {
                clock.advance(by: step)
                elapsed += step
                #expect(try await browser.get("/settings").status == .ok, "after \(elapsed / Self.hour) h")
            }
            clock.advance(by: step)
            // then
            let response = try await browser.get("/settings")
            #expect(response.status == .seeOther)
            #expect(response.location == "/signin?next=/settings")
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingThePasswordEndsOtherSessionsButKeepsThisBrowserSignedIn(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given the same person signed in on two devices
            try await browser.signUp(email: "ada@example.com")
            let laptop = browser
            let phone = browser.fresh()
            #expect(try await phone.signIn(email: "ada@example.com").status == .seeOther)
            let before = try #require(laptop.cookie("ithaca_session"))
            // when the laptop changes the password
            let response = try await laptop.postForm("/settings/password", [
                "currentPassword": "correct horse battery staple", "newPassword": "a brand new passphrase 2026",
            ])
            // then
            #expect(response.status == .seeOther)
            #expect(response.location == "/settings")
            let after = try #require(laptop.cookie("ithaca_session"))
            #expect(after != before)
            #expect(try await laptop.get("/settings").status == .ok)
            #expect(try await phone.get("/settings").status == .seeOther)
            laptop.setCookie("ithaca_session", before)
            #expect(try await laptop.get("/settings").status == .seeOther)
            // and the new password is the one that works
            let fresh = browser.fresh()
            #expect(try await fresh.signIn(email: "ada@example.com").status == .unauthorized)
            #expect(try await fresh.signIn(email: "ada@example.com", password: "a brand new passphrase 2026").status == .seeOther)
        }
    }
}

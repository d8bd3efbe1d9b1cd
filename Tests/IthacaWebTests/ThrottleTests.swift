import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import IthacaWeb
import Testing

/// Sign-in throttling per account and per client address, in fixed windows moved by the test clock.
@Suite struct ThrottleTests {
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    private static let password = "correct horse battery staple"

    private static func configure(failures: Int = 3, perAddress: Int = 50) -> (inout AppConfiguration) -> Void {
        { configuration in
            configuration.signInThrottle = SignInThrottle(failuresPerAccount: failures, attemptsPerAddress: perAddress, window: 15 * 60)
            configuration.trustForwardedFor = true
        }
    }

    private static func from(_ address: String) -> HTTPFields { [forwardedFor: address] }

    @Test(arguments: TestDatabase.all)
    func repeatedFailuresLockTheAccountEvenForTheRightPassword(database: TestDatabase) async throws {
        try await withTestApp(database, configure: Self.configure()) { browser in
            // given three failures from different addresses
            try await browser.fresh().signUp(email: "ada@example.com")
            for attempt in 1...3 {
                let failed = try await browser.signIn(email: "ada@example.com", password: "guess number \(attempt)", headers: Self.from("198.51.100.\(attempt)"))
                #expect(failed.status == .unauthorized)
            }
            // when the right password follows
            let web = try await browser.signIn(email: "ada@example.com", headers: Self.from("198.51.100.9"))
            let api = try await browser.json(.post, "/api/v1/tokens", ["email": "ada@example.com", "password": Self.password], headers: Self.from("198.51.100.10"))
            // then both answer 429 with Retry-After
            #expect(web.status == .tooManyRequests)
            #expect(web.text.contains("Too many sign-in attempts"))
            #expect(Int(web.headers[.retryAfter] ?? "").map { (1...900).contains($0) } == true)
            #expect(browser.cookie("ithaca_session") == nil)
            #expect(api.status == .tooManyRequests)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(Int(api.headers[.retryAfter] ?? "").map { (1...900).contains($0) } == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anUnknownEmailIsThrottledExactlyLikeAKnownOne(database: TestDatabase) async throws {
        try await withTestApp(database, configure: Self.configure()) { browser in
            // given
            try await browser.fresh().signUp(email: "ada@example.com")
            // when both are guessed at the same rate
            var known: [HTTPResponse.Status] = []
            var unknown: [HTTPResponse.Status] = []
            for attempt in 1...5 {
                known.append(try await browser.signIn(email: "ada@example.com", password: "guess \(attempt)", headers: Self.from("198.51.100.\(attempt)")).status)
                unknown.append(try await browser.signIn(email: "nobody@example.com", password: "guess \(attempt)", headers: Self.from("203.0.113.\(attempt)")).status)
            }
            // then nothing tells them apart
            #expect(known == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests, .tooManyRequests])
            #expect(unknown == known)
            let apiKnown = try await browser.json(.post, "/api/v1/tokens", ["email": "ada@example.com", "password": "x"], headers: Self.from("192.0.2.1"))
            let apiUnknown = try await browser.json(.post, "/api/v1/tokens", ["email": "nobody@example.com", "password": "x"], headers: Self.from("192.0.2.2"))
            #expect(apiKnown.status == .tooManyRequests)
            #expect(apiUnknown.status == apiKnown.status)
            #expect(apiUnknown.headers[.retryAfter] == apiKnown.headers[.retryAfter])
        }
    }

    @Test(arguments: TestDatabase.all)
    func oneBusyAddressIsLimitedWhileAnotherStillSignsIn(database: TestDatabase) async throws {
        try await withTestApp(database, configure: Self.configure(failures: 100, perAddress: 5)) { browser in
            // given
            try await browser.fresh().signUp(email: "ada@example.com")
            // when one address tries many accounts
            for attempt in 1...5 {
                let response = try await browser.signIn(email: "user\(attempt)@example.com", password: "guess", headers: Self.from("203.0.113.7"))
                #expect(response.status == .unauthorized)
            }
            let blocked = try await browser.signIn(email: "ada@example.com", headers: Self.from("203.0.113.7"))
            let blockedAPI = try await browser.json(.post, "/api/v1/tokens", ["email": "ada@example.com", "password": Self.password], headers: Self.from("203.0.113.7"))
            // then that address is refused, even with the right password, and another is not
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] != nil)
            #expect(blockedAPI.status == .tooManyRequests)
            let elsewhere = try await browser.signIn(email: "ada@example.com", headers: Self.from("198.51.100.200"))
            #expect(elsewhere.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func signInWorksAgainOnceTheWindowHasPassed(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock, configure: Self.configure()) { browser in
            // given a locked account
            try await browser.fresh().signUp(email: "ada@example.com")
            for attempt in 1...3 {
                try await browser.signIn(email: "ada@example.com", password: "guess \(attempt)")
            }
            let locked = try await browser.signIn(email: "ada@example.com")
            #expect(locked.status == .tooManyRequests)
            let retryAfter = try #require(Int(locked.headers[.retryAfter] ?? ""))
            // when the window passes
            clock.advance(by: TimeInterval(retryAfter))
            // then
            let web = try await browser.signIn(email: "ada@example.com")
            #expect(web.status == .seeOther)
            let api = try await browser.fresh().json(.post, "/api/v1/tokens", ["email": "ada@example.com", "password": Self.password])
            #expect(api.status == .created)
        }
    }
}

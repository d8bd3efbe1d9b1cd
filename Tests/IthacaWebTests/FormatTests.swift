import Foundation
import Testing
@testable import IthacaWeb

/// Formatting helpers used by pages.
@Suite struct FormatTests {
    @Test(arguments: [
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", "Chrome on Linux"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox on Windows"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iOS"),
        ("curl/8.5.0", "curl"),
        ("", "Unknown browser"),
    ])
    func devicesAreNamedPlainly(userAgent: String, expected: String) {
        #expect(Format.device(userAgent) == expected)
    }

    @Test func initialsTakeTheFirstTwoWords() {
        #expect(Format.initials("Ada King Lovelace") == "AK")
        #expect(Format.initials("élodie") == "É")
    }

    @Test func tenureReadsAsAMonthAndYear() {
        #expect(Format.tenure("2019-03-04") == "Since March 2019")
        #expect(Format.tenure("not a date") == nil)
    }

    @Test func localTimeShowsTheOffsetWithDaylightSaving() {
        let july = Date(timeIntervalSince1970: 1_783_000_000)  // 2026-07-02
        #expect(Format.localTime(timeZone: "Europe/Lisbon", now: july).hasSuffix("(UTC+1)"))
    }
}

import Foundation
import HTTPTypes
import IthacaWeb
import NIOConcurrencyHelpers

/// A clock tests move by hand (session timeouts, throttling windows) instead of sleeping.
final class TestClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        current = NIOLockedValueBox(start)
    }

    var now: Date { current.withLockedValue { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    var appClock: AppClock { AppClock { self.now } }
}

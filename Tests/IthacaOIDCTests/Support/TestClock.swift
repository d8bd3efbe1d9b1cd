import Foundation
import Synchronization

/// A clock the test moves by hand (for expiry and the JWKS refresh rate limit).
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }

    /// The closure `OIDCClient` takes.
    var function: @Sendable () -> Date { { self.now } }
}

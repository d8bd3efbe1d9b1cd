import Foundation
import Synchronization

/// A clock tests move by hand (timeouts, expiry, reminders, rate limits) instead of sleeping.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }

    /// "Now" as a closure, for code that takes one.
    public var function: @Sendable () -> Date { { self.now } }
}

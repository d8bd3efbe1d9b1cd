import Foundation

/// How long a sign-in lasts, and how often to record that it is still in use.
public struct SessionPolicy: Sendable, Equatable {
    /// A session unused for this long ends.
    public var idleTimeout: TimeInterval
    /// A session ends this long after sign-in, however busy.
    public var absoluteTimeout: TimeInterval
    /// The least time between two writes of "last seen".
    public var touchInterval: TimeInterval

    /// A policy with the given timeouts, in seconds.
    public init(idleTimeout: TimeInterval, absoluteTimeout: TimeInterval, touchInterval: TimeInterval) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.touchInterval = touchInterval
    }

    /// Idle for 12 hours or 14 days after sign-in ends a session; "last seen" is written at most once a minute.
    public static let standard = SessionPolicy(
        idleTimeout: 12 * 60 * 60,
        absoluteTimeout: 14 * 24 * 60 * 60,
        touchInterval: 60
    )

    /// Whether a session created at `createdAt` and last used at `lastSeenAt` has ended by `now`.
    public func isExpired(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= idleTimeout || now.timeIntervalSince(createdAt) >= absoluteTimeout
    }

    /// Whether "last seen" is stale enough to write again.
    public func needsTouch(lastSeenAt: Date, now: Date) -> Bool {
        // Writing on every request would cost a database write per page view;
        // a minute's precision is plenty for a 12-hour idle timeout.
        now.timeIntervalSince(lastSeenAt) >= touchInterval
    }

    /// Whether "last seen" is so stale that it must be written now, even if that means waiting for other writes: until
    /// half the idle timeout has passed, a write skipped while the database is busy is made by a later request, after
    /// that a skipped write could end a session that is in use.
    public func mustTouch(lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= idleTimeout / 2
    }
}

import Foundation

/// How long a mentorship request waits for an answer.
public struct RequestPolicy: Sendable, Equatable, Codable {
    /// A pending request this old expires.
    public var expiry: TimeInterval

    /// A policy with the given expiry, in seconds.
    public init(expiry: TimeInterval = 14 * 24 * 60 * 60) {
        self.expiry = expiry
    }

    /// Requests expire after 14 days.
    public static let standard = RequestPolicy()

    /// The moment a request created at `createdAt` expires.
    public func expiresAt(createdAt: Date) -> Date {
        createdAt.addingTimeInterval(expiry)
    }

    /// Whether a request created at `createdAt` has reached its expiry by `now` (exactly at expiry counts).
    public func isExpired(createdAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(createdAt) >= expiry
    }

    /// The status to act on: an open request past its expiry is expired, even before a sweeper has stored that.
    /// `createdAt` is when the request last landed with someone (`MentorshipRequest.waitingSince`).
    public func effectiveStatus(_ stored: MentorshipRequestStatus, createdAt: Date, now: Date) -> MentorshipRequestStatus {
        stored.isOpen && isExpired(createdAt: createdAt, now: now) ? .expired : stored
    }
}

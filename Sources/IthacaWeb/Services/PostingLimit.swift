import Foundation
import IthacaDomain
import IthacaStorage

/// How much one person may post (questions, answers, comments, resources) in a window: enough for a lively
/// conversation, too little for a flood. Counted in the database, so every server process shares the count.
public struct PostingLimit: Sendable, Equatable {
    public var posts: Int
    public var window: TimeInterval

    public init(posts: Int, window: TimeInterval) {
        self.posts = posts
        self.window = window
    }

    /// 30 posts per 10 minutes.
    public static let standard = PostingLimit(posts: 30, window: 10 * 60)
}

/// Applies the posting limit before a post is stored.
struct PostingGuard: Sendable {
    let store: RateLimitStore
    let limit: PostingLimit
    let clock: AppClock

    func admit(_ viewer: Viewer) async throws {
        let now = clock.now().timeIntervalSince1970
        let window = max(Int64(limit.window), 1)
        let start = Int64(now) / window * window
        let count = try await store.hit(bucket: "post:\(viewer.id.uuidString)", windowStart: start)
        if count > limit.posts {
            throw IthacaError.rateLimited(retryAfterSeconds: Int(start + window - Int64(now)))
        }
    }
}

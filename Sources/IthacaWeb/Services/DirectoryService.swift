import Foundation
import IthacaDomain
import IthacaStorage

/// Finding people: filters, ranking with reasons, and cursor pagination.
public struct DirectoryService: Sendable {
    let profiles: ProfileStore
    let mentorships: MentorshipStore
    let clock: AppClock

    public struct Page: Sendable {
        public var hits: [DirectoryHit]
        public var offset: Int
        public var total: Int
        public var nextCursor: String?
    }

    public func search(_ query: DirectoryQuery, limit: Int, cursor: String?) async throws -> Page {
        let offset = try cursor.map(Self.decodeCursor) ?? 0
        let taken = try await mentorships.placesTaken()
        let candidates = try await profiles.directoryCandidates(for: query).map { candidate in
            var candidate = candidate
            candidate.activeMentees = taken[candidate.id] ?? 0
            return candidate
        }
        let ranked = DirectoryRanking.rank(candidates, for: query, now: clock.now())
        let end = min(ranked.count, offset + limit)
        let hits = offset < end ? Array(ranked[offset..<end]) : []
        return Page(hits: hits, offset: offset, total: ranked.count, nextCursor: end < ranked.count ? Self.encodeCursor(end) : nil)
    }

    public func organizations() async throws -> [String] { try await profiles.organizations() }
    public func popularSkills() async throws -> [String] { try await profiles.popularSkills() }

    /// Cursors are opaque to clients: base64url of the next offset.
    static func encodeCursor(_ offset: Int) -> String {
        SecretToken.base64URL(Array("o:\(offset)".utf8))
    }

    static func decodeCursor(_ cursor: String) throws -> Int {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("o:"), let offset = Int(text.dropFirst(2)), (0...1_000_000).contains(offset)
        else { throw IthacaError.badRequest("The cursor is not valid: use the nextCursor of a previous page.") }
        return offset
    }
}

import Foundation

/// Filters and orders directory candidates, explaining each match in words.
public enum DirectoryRanking {
    /// The candidates that meet every part of `query`, best first (then by name, then id).
    ///
    /// Every filter is applied here even if the database already narrowed the list,
    /// so a loose SQL prefilter can never show someone who doesn't match.
    public static func rank(
        _ candidates: [DirectoryCandidate], for query: DirectoryQuery, now: Date
    ) -> [DirectoryHit] {
        let terms = query.terms
        let hits = candidates.compactMap { candidate in
            DirectoryMatch(candidate: candidate, query: query, terms: terms, now: now)?.hit
        }
        return hits.sorted(by: isOrderedBefore)
    }

    private static func isOrderedBefore(_ a: DirectoryHit, _ b: DirectoryHit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        switch a.candidate.name.localizedCaseInsensitiveCompare(b.candidate.name) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return a.candidate.id.uuidString < b.candidate.id.uuidString
        }
    }
}

import Foundation

/// What kind of connection someone is open to, as a directory filter.
public enum DirectoryRole: String, CaseIterable, Sendable {
    case mentor, mentee, peer

    /// A label for the filter.
    public var label: String {
        switch self {
        case .mentor: "Open to mentoring"
        case .mentee: "Looking for a mentor"
        case .peer: "Open to peer mentoring"
        }
    }
}

/// One person found in the directory, with how well and why they matched.
public struct DirectoryHit: Sendable, Equatable {
    public var candidate: DirectoryCandidate
    /// Higher is a better match; only meaningful relative to other hits for the same query.
    public var score: Double
    /// Short phrases for people, e.g. "Offers Swift", in order of importance.
    public var reasons: [String]

    /// A hit with the given score and reasons.
    public init(candidate: DirectoryCandidate, score: Double, reasons: [String]) {
        self.candidate = candidate
        self.score = score
        self.reasons = reasons
    }
}

import Foundation

/// One earlier meeting, reduced to what carry-over needs: when it was and the items recorded in it.
public struct MeetingRecordSummary: Equatable, Sendable, Codable {
    public var meetingId: UUID
    public var start: Date
    public var items: [CarriedItem]

    public init(meetingId: UUID, start: Date, items: [CarriedItem]) {
        self.meetingId = meetingId
        self.start = start
        self.items = items
    }
}

/// What both people see before a meeting: action items and open questions from earlier meetings not yet resolved
/// ("come with answers to questions you were asked").
public enum CarryOver {
    /// The unresolved items of `meetings` that started before `before` (all of them when nil), oldest first.
    ///
    /// An item recorded in several meetings counts once, in the place it first appeared, and its latest record
    /// decides whether it is still open. Items are the same when they share an id, or when they have the same kind
    /// and the same text, ignoring case and spacing (people often retype a question that is still open).
    public static func items(from meetings: [MeetingRecordSummary], before: Date? = nil) -> [CarriedItem] {
        let earlier = meetings.filter { meeting in before.map { meeting.start < $0 } ?? true }.sorted { $0.start < $1.start }
        var ordered: [CarriedItem] = []
        var indexById: [UUID: Int] = [:]
        var indexByText: [String: Int] = [:]
        for meeting in earlier {
            for item in meeting.items {
                let textKey = key(item)
                if let index = indexById[item.id] ?? indexByText[textKey] {
                    // Keep the first appearance's id and wording; take the latest resolution.
                    ordered[index].resolved = item.resolved
                    indexById[item.id] = index
                    indexByText[textKey] = index
                } else {
                    indexById[item.id] = ordered.count
                    indexByText[textKey] = ordered.count
                    ordered.append(item)
                }
            }
        }
        return ordered.filter { !$0.resolved }
    }

    /// Kind plus text folded to lower case with runs of whitespace collapsed.
    private static func key(_ item: CarriedItem) -> String {
        let words = item.text.lowercased().split(whereSeparator: { $0.isWhitespace })
        return item.kind.rawValue + ":" + words.joined(separator: " ")
    }
}

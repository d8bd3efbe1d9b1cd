import Foundation

/// "@Ada Lovelace" in a post: who is mentioned, among the people who could be (the space's members). Names have
/// spaces, so at each "@" the longest member name the text continues with wins, and it must end at a word boundary
/// ("@Ada" does not mention "Adam").
public enum Mentions {
    public struct Candidate: Sendable, Equatable {
        public let id: UUID
        public let name: String

        public init(id: UUID, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The people mentioned, in order of first mention, each once.
    public static func find(in text: String, among candidates: [Candidate]) -> [UUID] {
        guard text.contains("@") else { return [] }
        let names = candidates.filter { !$0.name.isEmpty }.map { (id: $0.id, name: Array($0.name.lowercased())) }
            .sorted { $0.name.count > $1.name.count }
        let characters = Array(text.lowercased())
        var found: [UUID] = []
        for (index, character) in characters.enumerated() where character == "@" {
            // An "@" inside a word (an email address) is not a mention.
            if index > 0, characters[index - 1].isLetter || characters[index - 1].isNumber { continue }
            let rest = characters[(index + 1)...]
            for candidate in names where rest.starts(with: candidate.name) {
                let end = index + 1 + candidate.name.count
                if end < characters.count, characters[end].isLetter || characters[end].isNumber { continue }
                if !found.contains(candidate.id) { found.append(candidate.id) }
                break
            }
        }
        return found
    }
}

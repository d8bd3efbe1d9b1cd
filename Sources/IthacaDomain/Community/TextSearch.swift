import Foundation

/// Full-text search over questions and answers, ranked the same way whatever database found the candidates.
///
/// The database (SQLite FTS5 or PostgreSQL full-text search) only finds the posts that contain a query word;
/// ranking and highlighting happen here, so both databases order results identically.
public enum TextSearch {
    /// Most words a query uses.
    public static let maximumTerms = 8

    /// Lowercased words of letters and digits, at least 2 characters, without repeats, in order.
    public static func terms(_ query: String) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for word in words(query) where word.count >= 2 && seen.insert(word).inserted {
            result.append(word)
            if result.count == maximumTerms { break }
        }
        return result
    }

    /// The words of a text as the ranking sees them (lowercased runs of letters and digits, diacritics folded).
    public static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// One post that matched: a question, or an answer to it.
    public struct Document: Sendable, Equatable {
        public let questionId: UUID
        public let title: String
        public let body: String
        public let createdAt: Date

        public init(questionId: UUID, title: String, body: String, createdAt: Date) {
            self.questionId = questionId
            self.title = title
            self.body = body
            self.createdAt = createdAt
        }
    }

    /// A question and how well it matched.
    public struct Hit: Sendable, Equatable {
        public let questionId: UUID
        public let score: Double
    }

    /// Questions ranked by BM25 over their own text and their answers' (title words count three times), ties broken
    /// by the newest post and then the id, so the order never depends on the database.
    public static func rank(_ documents: [Document], terms: [String]) -> [Hit] {
        guard !terms.isEmpty, !documents.isEmpty else { return [] }
        let bags = documents.map { doc -> [String: Int] in
            var bag: [String: Int] = [:]
            for word in words(doc.title) { bag[word, default: 0] += 3 }
            for word in words(doc.body) { bag[word, default: 0] += 1 }
            return bag
        }
        let lengths = bags.map { Double($0.values.reduce(0, +)) }
        let average = max(1, lengths.reduce(0, +) / Double(lengths.count))
        let n = Double(documents.count)
        var idf: [String: Double] = [:]
        for term in terms {
            let df = Double(bags.filter { $0[term] != nil }.count)
            idf[term] = log(1 + (n - df + 0.5) / (df + 0.5))
        }
        var byQuestion: [UUID: (score: Double, newest: Date)] = [:]
        for (index, doc) in documents.enumerated() {
            var score = 0.0
            for term in terms {
                guard let tf = bags[index][term].map(Double.init) else { continue }
                score += idf[term]! * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[index] / average))
            }
            let current = byQuestion[doc.questionId] ?? (0, .distantPast)
            byQuestion[doc.questionId] = (current.score + score, max(current.newest, doc.createdAt))
        }
        return byQuestion.filter { $0.value.score > 0 }
            .sorted { a, b in
                // Scores are rounded so that floating-point noise can't reorder equal matches.
                let (sa, sb) = ((a.value.score * 1e6).rounded(), (b.value.score * 1e6).rounded())
                if sa != sb { return sa > sb }
                if a.value.newest != b.value.newest { return a.value.newest > b.value.newest }
                return a.key.uuidString < b.key.uuidString
            }
            .map { Hit(questionId: $0.key, score: $0.value.score) }
    }

    /// A short excerpt of `text` around the first matching word, as pieces marked `true` where a query word is.
    public static func highlight(_ text: String, terms: [String], around: Int = 80) -> [(text: String, match: Bool)] {
        let wanted = Set(terms)
        var pieces: [(String, Bool)] = []
        var current = ""
        var firstMatch: Int?
        var position = 0
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            let key = words(word).first ?? ""
            if wanted.contains(key) {
                if !current.isEmpty { pieces.append((current, false)); current = "" }
                pieces.append((word, true))
                if firstMatch == nil { firstMatch = position }
            } else {
                current += word
            }
            position += word.count
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber { word.append(character) } else {
                flushWord()
                current.append(character)
                position += 1
            }
        }
        flushWord()
        if !current.isEmpty { pieces.append((current, false)) }
        // Trim to a window around the first match.
        let start = max(0, (firstMatch ?? 0) - around)
        let end = start + 2 * around + 40
        var result: [(text: String, match: Bool)] = []
        var offset = 0
        for (piece, match) in pieces {
            let pieceEnd = offset + piece.count
            defer { offset = pieceEnd }
            if pieceEnd <= start || offset >= end { continue }
            if match { result.append((piece, true)); continue }
            let from = max(0, start - offset), to = min(piece.count, end - offset)
            result.append((String(piece.dropFirst(from).prefix(to - from)), false))
        }
        if start > 0 { result.insert(("…", false), at: 0) }
        if end < text.count { result.append(("…", false)) }
        return result
    }
}

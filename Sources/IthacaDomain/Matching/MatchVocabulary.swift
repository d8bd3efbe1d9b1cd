import Foundation

/// The words of one program's goals and offers, with TF-IDF weights in integer thousandths.
///
/// Built once per program from every mentee's goals and every mentor's offer, so a word that everyone uses
/// ("career", "grow") weighs little and a specific one ("kubernetes", "negotiation") weighs a lot.
/// Weights are integers so every score is exact and the same on every machine.
public struct MatchVocabulary: Sendable {
    /// A document as (term, weight) sorted by term; weights are the L2-normalised TF-IDF times 1000.
    public struct Vector: Sendable, Hashable {
        public var terms: [Int32]
        public var weights: [Int32]
    }

    public private(set) var words: [String] = []
    public private(set) var vectors: [Vector] = []

    /// Builds the vocabulary from `documents` (mentees' goals then mentors' offers) and each document's vector.
    public init(documents: [String]) {
        var index: [String: Int32] = [:]
        var documentFrequency: [Int] = []
        var counts: [[(Int32, Int)]] = []
        counts.reserveCapacity(documents.count)
        // Tokenising is the slow part and independent per document: done on all cores first.
        let tokenLists = MatchVocabulary.onAllCores(documents, MatchVocabulary.tokens(of:))
        for tokens in tokenLists {
            var local: [Int32: Int] = [:]
            for token in tokens {
                let term: Int32
                if let known = index[token] {
                    term = known
                } else {
                    term = Int32(words.count)
                    index[token] = term
                    words.append(token)
                    documentFrequency.append(0)
                }
                local[term, default: 0] += 1
            }
            for term in local.keys { documentFrequency[Int(term)] += 1 }
            counts.append(local.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        let total = Double(documents.count)
        let idf = documentFrequency.map { log((1 + total) / (1 + Double($0))) + 1 }
        vectors = counts.map { terms in
            let raw = terms.map { (1 + log(Double($0.1))) * idf[Int($0.0)] }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let weights = raw.map { norm > 0 ? Int32(($0 / norm * 1000).rounded()) : 0 }
            return Vector(terms: terms.map(\.0), weights: weights)
        }
    }

    /// `transform` applied to every element on all cores, results in order.
    static func onAllCores<T: Sendable, U: Sendable>(_ items: [T], _ transform: (T) -> U) -> [U] {
        guard items.count > 1 else { return items.map(transform) }
        let chunks = min(items.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        var parts = [[U]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { parts in
            let shared = SharedBuffer(base: parts.baseAddress!)
            withoutActuallyEscaping(transform) { transform in
                let box = UncheckedBox(value: transform)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let range = (items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)
                    shared.base[chunk] = items[range].map(box.value)
                }
            }
        }
        return parts.flatMap { $0 }
    }

    /// Lower-cased words of two letters or more, without the commonest English words.
    public static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        func flush() {
            if current.count >= 2, !stopWords.contains(current) { tokens.append(current) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 128 {
                // ASCII fast path: most goals are plain English.
                if (value >= 97 && value <= 122) || (value >= 48 && value <= 57) {
                    current.unicodeScalars.append(scalar)
                } else if value >= 65 && value <= 90 {
                    current.unicodeScalars.append(Unicode.Scalar(value + 32)!)
                } else {
                    flush()
                }
            } else if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "have", "how", "in", "into", "is", "it",
        "its", "me", "more", "my", "of", "on", "or", "our", "so", "than", "that", "the", "their", "them", "this", "to",
        "want", "we", "what", "when", "with", "would", "you", "your", "like", "can", "get", "better", "about",
    ]
}

/// Hands a value that is only read to concurrent workers.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
}

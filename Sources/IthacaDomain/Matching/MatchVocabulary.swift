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
        // Tokenising and counting are independent per document: each chunk, on all cores, numbers its own words;
        // the chunks' words are then numbered in order of first appearance, as one pass over all documents would.
        let chunks = MatchVocabulary.onAllCores(chunksOf: documents, DocumentCounts.init)
        var index: [String: Int32] = [:]
        var documentFrequency: [Int] = []
        let globalTerms = chunks.map { chunk in
            chunk.words.indices.map { local in
                let word = chunk.words[local]
                let term: Int32
                if let known = index[word] {
                    term = known
                } else {
                    term = Int32(words.count)
                    index[word] = term
                    words.append(word)
                    documentFrequency.append(0)
                }
                documentFrequency[Int(term)] += chunk.documentFrequency[local]
                return term
            }
        }
        let total = Double(documents.count)
        let idf = documentFrequency.map { log((1 + total) / (1 + Double($0))) + 1 }
        let parts = MatchVocabulary.onAllCores(Array(chunks.indices)) { chunk in
            chunks[chunk].vectors(terms: globalTerms[chunk], idf: idf)
        }
        vectors = parts.flatMap { $0 }
    }

    /// `transform` applied to every element on all cores, results in order.
    static func onAllCores<T: Sendable, U: Sendable>(_ items: [T], _ transform: (T) -> U) -> [U] {
        guard items.count > 1 else { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let box = UncheckedBox(value: transform)
            return onAllCores(chunksOf: items) { $0.map(box.value) }.flatMap { $0 }
        }
    }

    /// `body` applied to consecutive slices of `items` (a few per core) on all cores, results in order.
    static func onAllCores<T: Sendable, U: Sendable>(chunksOf items: [T], _ body: (ArraySlice<T>) -> U) -> [U] {
        let chunks = min(items.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        guard chunks > 1 else { return [body(items[...])] }
        var parts = [U?](repeating: nil, count: chunks)
        parts.withUnsafeMutableBufferPointer { parts in
            let shared = SharedBuffer(base: parts.baseAddress!)
            withoutActuallyEscaping(body) { body in
                let box = UncheckedBox(value: body)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let range = (items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)
                    shared.base[chunk] = box.value(items[range])
                }
            }
        }
        return parts.map { $0! }
    }

    /// Lower-cased words of two letters or more, without the commonest English words.
    public static func tokens(of text: String) -> [String] {
        var text = text
        return text.withUTF8(asciiTokens) ?? scalarTokens(of: text)
    }

    /// The same tokens for plain ASCII text, read as bytes (most goals are plain English); nil for any other text.
    static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { current in
            var tokens: [String] = []
            var length = 0
            func flush() {
                if length >= 2 {
                    let token = String(decoding: UnsafeBufferPointer(rebasing: current[..<length]), as: UTF8.self)
                    if !stopWords.contains(token) { tokens.append(token) }
                }
                length = 0
            }
            for byte in bytes {
                switch byte {
                case 97...122, 48...57:
                    current[length] = byte
                    length += 1
                case 65...90:
                    current[length] = byte + 32
                    length += 1
                case 128...:
                    return nil
                default:
                    flush()
                }
            }
            flush()
            return tokens
        }
    }

    /// Tokens of any text, scalar by scalar: letters and digits of every script, lower-cased.
    static func scalarTokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        func flush() {
            if current.count >= 2, !stopWords.contains(current) { tokens.append(current) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 128 {
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

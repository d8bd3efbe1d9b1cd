import Foundation

/// A run of documents tokenised and counted, with words numbered within the run (in order of first appearance):
/// one worker's share of building a `MatchVocabulary`.
struct DocumentCounts: Sendable {
    var words: [String] = []
    /// How many of the run's documents use each word.
    var documentFrequency: [Int] = []
    /// Per document: its distinct words (run numbers) and how often each occurs, at `termStart[d]..<termStart[d + 1]`.
    var termStart: [Int] = [0]
    var terms: [Int32] = []
    var counts: [Int32] = []

    init(documents: ArraySlice<String>) {
        var index: [String: Int32] = [:]
        // Per word: the last document that used it and its place in `terms` there (no dictionary per document).
        var lastDocument: [Int] = []
        var place: [Int] = []
        for (document, text) in documents.enumerated() {
            for token in MatchVocabulary.tokens(of: text) {
                let term: Int
                if let known = index[token] {
                    term = Int(known)
                } else {
                    term = words.count
                    index[token] = Int32(term)
                    words.append(token)
                    documentFrequency.append(0)
                    lastDocument.append(-1)
                    place.append(0)
                }
                if lastDocument[term] == document {
                    counts[place[term]] += 1
                } else {
                    lastDocument[term] = document
                    place[term] = terms.count
                    terms.append(Int32(term))
                    counts.append(1)
                    documentFrequency[term] += 1
                }
            }
            termStart.append(terms.count)
        }
    }

    /// Each document's vector, given the vocabulary's number (`vocabularyTerm`) of each run word and every word's idf.
    func vectors(terms vocabularyTerm: [Int32], idf: [Double]) -> [MatchVocabulary.Vector] {
        (0..<(termStart.count - 1)).map { document in
            let pairs = (termStart[document]..<termStart[document + 1])
                .map { (vocabularyTerm[Int(terms[$0])], Int(counts[$0])) }
                .sorted { $0.0 < $1.0 }
            let raw = pairs.map { (1 + log(Double($0.1))) * idf[Int($0.0)] }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let weights = raw.map { norm > 0 ? Int32(($0 / norm * 1000).rounded()) : 0 }
            return MatchVocabulary.Vector(terms: pairs.map(\.0), weights: weights)
        }
    }
}

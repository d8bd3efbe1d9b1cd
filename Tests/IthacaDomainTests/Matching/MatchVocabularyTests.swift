import Foundation
import IthacaDomain
import Testing

@Test func plainAndAccentedTextAreTokenisedAlike() {
    // given goals in plain ASCII (read as bytes) and with accents (read scalar by scalar)
    let plain = "I want to grow in Swift, SQL-2 and C++; get BETTER at public speaking!"
    let accented = "Café für Kubernetes: naïve SQL-2 ÉTUDES, x y"
    // then both give lower-cased words of two letters or more, without stop words, in order
    #expect(MatchVocabulary.tokens(of: plain) == ["grow", "swift", "sql", "public", "speaking"])
    #expect(MatchVocabulary.tokens(of: accented) == ["café", "für", "kubernetes", "naïve", "sql", "études"])
    #expect(MatchVocabulary.tokens(of: "") == [])
}

@Test func theVocabularyNumbersWordsInOrderOfFirstUseAndWeighsRareWordsMore() {
    // given more documents than there are chunks, so several workers count words
    let documents = (0..<200).map { "kubernetes mentoring " + ($0 % 50 == 0 ? "negotiation" : "career") + " \($0 % 7)x" }
    // when the vocabulary is built
    let vocabulary = MatchVocabulary(documents: documents)
    // then words are numbered in order of first use over all documents
    #expect(Array(vocabulary.words.prefix(5)) == ["kubernetes", "mentoring", "negotiation", "0x", "career"])
    #expect(vocabulary.words.count == 11)
    // and each vector is sorted by word, a rare word weighs more than a common one in the same document
    let first = vocabulary.vectors[0]
    #expect(first.terms == first.terms.sorted())
    let weight = Dictionary(uniqueKeysWithValues: zip(first.terms.map { vocabulary.words[Int($0)] }, first.weights))
    #expect(weight["negotiation"]! > weight["kubernetes"]!)
    #expect(vocabulary.vectors.count == 200)
}

import Foundation
import IthacaDomain
import Testing

@Suite struct TextSearchTests {
    @Test func termsAreLowercasedWordsWithoutRepeatsOrPunctuation() {
        #expect(TextSearch.terms("How do I *ask* for feedback? Feedback!") == ["how", "do", "ask", "for", "feedback"])
        #expect(TextSearch.terms("Café OR drop; table--") == ["cafe", "or", "drop", "table"])
        #expect(TextSearch.terms(String(repeating: "word ", count: 3) + "a b c d e f g h i j k") == ["word"])
    }

    @Test func titlesCountMoreAndAnswersAddToTheirQuestion() {
        let q1 = UUID(), q2 = UUID(), now = Date(timeIntervalSince1970: 1_800_000_000)
        let docs = [
            TextSearch.Document(questionId: q1, title: "Feedback from my manager", body: "How?", createdAt: now),
            TextSearch.Document(questionId: q2, title: "Career move", body: "I need feedback on my plan", createdAt: now),
            TextSearch.Document(questionId: q2, title: "", body: "Unrelated answer", createdAt: now),
        ]
        let hits = TextSearch.rank(docs, terms: ["feedback"])
        #expect(hits.map(\.questionId) == [q1, q2])
        #expect(TextSearch.rank(docs, terms: ["nothing"]).isEmpty)
    }

    @Test func tiesAreBrokenByTheNewestPostThenTheId() {
        let older = UUID(), newer = UUID()
        let docs = [
            TextSearch.Document(questionId: older, title: "Same words", body: "", createdAt: Date(timeIntervalSince1970: 1)),
            TextSearch.Document(questionId: newer, title: "Same words", body: "", createdAt: Date(timeIntervalSince1970: 2)),
        ]
        #expect(TextSearch.rank(docs, terms: ["same"]).map(\.questionId) == [newer, older])
    }

    @Test func highlightingMarksWholeWordsInAnExcerpt() {
        let pieces = TextSearch.highlight("Ask your manager for feedback, then give feedback back.", terms: ["feedback"])
        #expect(pieces.filter(\.match).map(\.text) == ["feedback", "feedback"])
        #expect(pieces.map(\.text).joined() == "Ask your manager for feedback, then give feedback back.")
        let long = String(repeating: "filler ", count: 60) + "needle" + String(repeating: " filler", count: 60)
        let excerpt = TextSearch.highlight(long, terms: ["needle"])
        #expect(excerpt.first?.text == "…" && excerpt.last?.text == "…")
        #expect(excerpt.contains { $0.match && $0.text == "needle" })
    }
}

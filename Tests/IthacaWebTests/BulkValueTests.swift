import Foundation
@testable import IthacaStorage
import Testing

/// Imports write list columns as JSON text by hand on SQLite: it must be exactly what `JSONEncoder` (and so Fluent)
/// writes, and reading it back must give the same list.
@Suite struct BulkValueTests {
    static let lists: [[String]] = [
        [], ["Swift"], ["Swift", "System design"], ["C/C++", "say \"hi\"", "back\\slash"], ["tab\there", "line\nbreak", "bell\u{07}"],
        ["Zürich", "日本語", "emoji 🚀", "café"], ["", " "], ["a,b", "[x]", "\"quoted\""],
    ]

    @Test(arguments: lists)
    func listsAreWrittenAsJSONEncoderWritesThem(list: [String]) throws {
        let expected = String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
        #expect(JSONText.array(list) == expected)
        let decoded = try JSONDecoder().decode([String].self, from: Data(JSONText.array(list).utf8))
        #expect(decoded == list)
    }

    @Test(arguments: lists)
    func plainListsAreReadWithoutAParserAndOthersAreLeftToOne(list: [String]) {
        let text = JSONText.array(list)
        let plain = JSONText.plainArray(text)
        if text.contains("\\") { #expect(plain == nil) } else { #expect(plain == list) }
    }

    @Test func textThatIsNotAPlainListIsLeftToTheParser() {
        for text in ["", "[", "[\"a\",]", "[\"a\" \"b\"]", "[ \"a\" ]", "[\"a\",\"b\"", "{\"a\":1}", "[1,2]", "[\"a\"", "[,\"a\"]"] {
            #expect(JSONText.plainArray(text) == nil, "\(text)")
        }
        #expect(JSONText.plainArray("[]") == [])
    }
}

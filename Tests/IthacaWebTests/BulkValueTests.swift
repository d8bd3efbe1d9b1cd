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

    @Test func uuidsAreWrittenAndReadAsFoundationWritesThem() {
        for id in (0..<200).map({ _ in UUID() }) + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))] {
            #expect(UUIDText.string(id) == id.uuidString)
            #expect(UUIDText.parse(id.uuidString) == id && UUIDText.parse(id.uuidString.lowercased()) == id)
        }
        for text in ["", "not a uuid", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5FF", "E621E1F8xC36C-495A-93FC-0C247A3E6E5F",
                     "G621E1F8-C36C-495A-93FC-0C247A3E6E5F"] {
            #expect(UUIDText.parse(text) == nil, "\(text)")
        }
    }

    @Test func randomUUIDsAreVersionFourDistinctAndAscendingAsText() {
        let ids = RandomUUIDs.ascending(10_000)
        #expect(ids.count == 10_000 && Set(ids).count == 10_000)
        #expect(ids.allSatisfy { $0.uuid.6 >> 4 == 4 && $0.uuid.8 >> 6 == 0b10 })
        let text = ids.map(\.uuidString)
        #expect(text == text.sorted())
        #expect(RandomUUIDs.ascending(0).isEmpty)
    }
}

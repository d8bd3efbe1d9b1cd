import IthacaTestSupport
import Foundation

/// What Python's `email` package (policy.default) read from a message; see tests/support/parse_eml.py.
struct ParsedEmail: Decodable {
    struct Attachment: Decodable {
        let filename: String?
        let content_type: String
        let disposition: String?
        let data_base64: String
        var data: Data? { Data(base64Encoded: data_base64) }
    }

    let subject: String?
    let from: String
    let to: String
    let headers: [[String]]
    let content_type: String
    let text: String?
    let html: String?
    let attachments: [Attachment]
    let defects: [String]

    func headers(named name: String) -> [String] {
        headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
    }

    /// Parses `raw` (written to a temporary .eml) or an existing file.
    static func parse(raw: String) async throws -> ParsedEmail {
        let directory = try makeTemporaryDirectory("parse")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("message.eml")
        try Data(raw.utf8).write(to: file)
        return try await parse(file: file)
    }

    static func parse(file: URL) async throws -> ParsedEmail {
        let output = try await runChecked(["python3", SupportPaths.script("parse_eml.py").path, file.path])
        return try JSONDecoder().decode(ParsedEmail.self, from: Data(output.utf8))
    }
}

import IthacaTestSupport
import Foundation
import IthacaMail
import Testing

@Suite("Filing messages as .eml")
struct EmailFileDropTests {
    @Test("Writes a readable .eml named by date and Message-ID into a folder it creates")
    func writesFile() async throws {
        let root = try makeTemporaryDirectory("drop")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("outbox/nested")
        let message = try EmailMessage(
            from: MailAddress("mentors@ithaca.example"), to: [MailAddress("mentee@example.org")], subject: Fixtures.subject,
            date: Fixtures.date, messageID: "<session/42+x@ithaca.example>", textBody: Fixtures.text,
            htmlBody: Fixtures.html)

        let file = try EmailFileDrop(directory: folder).write(message)
        #expect(file.lastPathComponent == "20261207T093000Z-session_42_x_ithaca.example.eml")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [file.lastPathComponent])

        let parsed = try await ParsedEmail.parse(file: file)
        #expect(parsed.subject == Fixtures.subject)
        #expect(parsed.text == lf(Fixtures.text))
        #expect(parsed.html == Fixtures.html)
        #expect(parsed.headers(named: "Message-ID") == ["<session/42+x@ithaca.example>"])
    }

    @Test("Writing the same message twice leaves one file and no temporary files")
    func idempotent() throws {
        let folder = try makeTemporaryDirectory("drop")
        defer { try? FileManager.default.removeItem(at: folder) }
        let message = try Fixtures.simple()
        let drop = EmailFileDrop(directory: folder)
        let first = try drop.write(message)
        let second = try drop.write(message)
        #expect(first == second)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [first.lastPathComponent])
    }
}

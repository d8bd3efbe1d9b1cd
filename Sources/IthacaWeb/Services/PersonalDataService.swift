import Foundation
import IthacaDomain
import IthacaStorage
import ZIPFoundation

/// A member's own data: everything Ithaca holds about them as a zip of JSON files plus their calendar.
/// Each kind is written to a temporary file a page of rows at a time, the files are zipped into another temporary
/// file (ZIPFoundation, deflate), and the zip is streamed out and deleted: memory stays flat however much there is.
public struct PersonalDataService: Sendable {
    let store: PersonalDataStore
    let calendar: CalendarFeedService
    let clock: AppClock

    /// The finished zip on disk; `ExportFile.stream` reads it out in chunks and removes it.
    public struct ExportFile: Sendable {
        public let url: URL
        public let size: Int
        public let filename: String
    }

    static let readme = """
        Everything Ithaca holds about you, as of the date in this folder's name.

        account.json      your account (email, role, when you joined)
        profile.json      your profile as you wrote it
        requests.json     mentorship requests you sent and received
        mentorships.json  your mentorships with their agreements
        notes.json        the notes you wrote (private and shared); other people's notes are theirs and are not here
        messages.json     messages you sent and received in your mentorships
        meetings.json     your meetings; meeting-items.json their agendas, questions and action items
        feedback.json     meeting feedback you gave and received
        retrospectives.json, goals.json, questions.json, answers.json, comments.json, circle-posts.json, check-ins.json, enrolments.json
        calendar.ics      your meetings, for any calendar app

        """

    public func export(for viewer: Viewer) async throws -> ExportFile {
        let stamp = CalendarDay.of(clock.now())
        let folder = "ithaca-export-\(stamp)"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ithaca-export-\(UUID().uuidString)")
        let files = work.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: files) }
        do {
            var names: [String] = []
            for kind in PersonalDataStore.kinds {
                let name = kind.file + ".json"
                try await write(kind, of: viewer.id, to: files.appendingPathComponent(name))
                names.append(name)
            }
            try Data(try await calendar.calendar(of: viewer.id).utf8).write(to: files.appendingPathComponent("calendar.ics"))
            try Data(Self.readme.utf8).write(to: files.appendingPathComponent("README.txt"))
            names += ["calendar.ics", "README.txt"]
            let zip = work.appendingPathComponent(folder + ".zip")
            let archive = try Archive(url: zip, accessMode: .create)
            for name in names {
                try archive.addEntry(with: folder + "/" + name, relativeTo: work, compressionMethod: .deflate)
            }
            let size = (try FileManager.default.attributesOfItem(atPath: zip.path)[.size] as? NSNumber)?.intValue ?? 0
            return ExportFile(url: zip, size: size, filename: folder + ".zip")
        } catch {
            try? FileManager.default.removeItem(at: work)
            throw error
        }
    }

    /// A JSON array of the kind's rows, written page by page.
    func write(_ kind: PersonalDataStore.Kind, of person: UUID, to url: URL) async throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw IthacaError.unavailable("The export could not be written.") }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data("[".utf8))
        var first = true
        try await store.rows(kind, of: person) { rows in
            for row in rows {
                let json = try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
                try handle.write(contentsOf: Data((first ? "\n" : ",\n").utf8) + json)
                first = false
            }
        }
        try handle.write(contentsOf: Data("\n]\n".utf8))
    }
}

extension PersonalDataService.ExportFile {
    /// The zip's bytes, read 64 KiB at a time as the response asks for them; the file and its folder are removed
    /// once read to the end or abandoned.
    public func chunks() -> ExportChunks { ExportChunks(url: url) }
}

/// A file read lazily in chunks (pulled by the consumer, so a slow client never makes the server buffer the file).
public struct ExportChunks: AsyncSequence, Sendable {
    public typealias Element = ArraySlice<UInt8>
    let url: URL

    public final class AsyncIterator: AsyncIteratorProtocol {
        let url: URL
        var handle: FileHandle?
        var finished = false

        init(url: URL) { self.url = url }

        public func next() async throws -> ArraySlice<UInt8>? {
            guard !finished else { return nil }
            do {
                if handle == nil { handle = try FileHandle(forReadingFrom: url) }
                if let data = try handle?.read(upToCount: 64 * 1024), !data.isEmpty { return ArraySlice(data) }
            } catch {
                finish()
                throw error
            }
            finish()
            return nil
        }

        func finish() {
            finished = true
            try? handle?.close()
            handle = nil
            try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
        }

        deinit { if !finished { finish() } }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(url: url) }
}

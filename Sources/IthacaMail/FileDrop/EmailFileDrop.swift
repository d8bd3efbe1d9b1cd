import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files messages as `.eml` in a folder instead of sending them, for when no SMTP URL is configured.
///
/// Each file is written under a temporary dot-name and renamed into place, so a reader
/// watching the folder never sees half a message.
public struct EmailFileDrop: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Writes `message` as `20261207T093000Z-<message-id>.eml` and returns the file's URL.
    @discardableResult
    public func write(_ message: EmailMessage) throws -> URL {
        try write(raw: message.rendered(), date: message.date, identifier: message.messageID)
    }

    /// Writes a message rendered earlier (an outbox keeps the exact text) as `<date>-<identifier>.eml`.
    @discardableResult
    public func write(raw text: String, date: Date, identifier: String) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = "\(RFC5322Date.compact(date))-\(Self.fileSafe(identifier)).eml"
        let destination = directory.appendingPathComponent(name)
        let temporary = directory.appendingPathComponent(".\(name).\(UInt32.random(in: .min ... .max)).tmp")
        do {
            try Data(text.utf8).write(to: temporary, options: .withoutOverwriting)
            // rename(2) replaces atomically; the same message written twice keeps one file.
            if rename(temporary.path, destination.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return destination
    }

    /// The Message-ID without brackets, with anything but letters, digits, ".", "-" and "_"
    /// replaced by "_", so it is safe on every file system.
    static func fileSafe(_ messageID: String) -> String {
        let core = messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        let safe = core.map { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) ? $0 : "_" }
        return String(String(safe).prefix(120))
    }
}

import Foundation

/// Where the Python helpers live, found from this source file so tests work from any directory.
///
/// Layout assumed: `<package>/Tests/IthacaMailTests/Support/SupportPaths.swift` and
/// `<package>/tests/support/*.py`. `ITHACA_MAIL_SUPPORT_DIR` overrides the folder.
enum SupportPaths {
    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["ITHACA_MAIL_SUPPORT_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // IthacaMailTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("tests/support")
    }

    static var receiverScript: URL { directory.appendingPathComponent("smtp_receiver.py") }
    static var parserScript: URL { directory.appendingPathComponent("parse_eml.py") }
}

/// A fresh folder under the system temporary directory.
func makeTemporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("ithaca-mail-\(label)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A test failure with a message that says what to fix.
struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A helper server from `tests/support/` (a real SMTP server, a real OpenID provider) run for a test on loopback.
///
/// The script announces itself with one `READY <detail>` line on stdout (the port, or the issuer URL); output goes
/// through files, so a chatty script can never fill a pipe and hang. A script that cannot start fails the test with
/// its own explanation: nothing is skipped.
public final class SupportScript: @unchecked Sendable {
    /// What followed `READY ` (a port, an URL).
    public let ready: String
    private let process: Process
    private let stdin: Pipe
    private let work: URL

    private init(ready: String, process: Process, stdin: Pipe, work: URL) {
        self.ready = ready
        self.process = process
        self.stdin = stdin
        self.work = work
    }

    /// Starts `python3 tests/support/<name> <arguments>` and waits for its READY line.
    public static func start(_ name: String, _ arguments: [String], timeout: Duration = .seconds(60)) async throws -> SupportScript {
        let script = SupportPaths.directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw TestSetupError("\(script.path) is missing (set ITHACA_TEST_SUPPORT_DIR)")
        }
        let work = try makeTemporaryDirectory(name.replacingOccurrences(of: ".py", with: ""))
        let stdoutURL = work.appendingPathComponent("stdout.txt")
        let stderrURL = work.appendingPathComponent("stderr.txt")
        for url in [stdoutURL, stderrURL] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        // Kept open for the script's life: scripts that watch stdin end when the test process dies.
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        do {
            try process.run()
        } catch {
            throw TestSetupError("could not start python3 \(script.path): \(error)")
        }
        func errors() -> String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let output = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
                return SupportScript(
                    ready: line.dropFirst("READY ".count).trimmingCharacters(in: .whitespaces), process: process, stdin: stdin, work: work)
            }
            if !process.isRunning {
                throw TestSetupError(
                    "\(name) exited with status \(process.terminationStatus) before READY (are the packages of tests/requirements.txt "
                        + "installed?): \(errors())")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw TestSetupError("\(name) printed no READY within \(timeout): \(errors())")
    }

    /// What the script wrote to stderr so far (for failure messages).
    public var errorOutput: String {
        (try? String(contentsOf: work.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? ""
    }

    /// Stops the script (SIGTERM, then SIGKILL after 5 s) and removes its files.
    public func stop() async {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: work)
    }
}

/// Where the helper scripts live: `<package>/tests/support`, found from this file (or `ITHACA_TEST_SUPPORT_DIR`).
public enum SupportPaths {
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["ITHACA_TEST_SUPPORT_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // IthacaTestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("tests/support")
    }

    public static func script(_ name: String) -> URL { directory.appendingPathComponent(name) }
}

/// A fresh folder under the system temporary directory.
public func makeTemporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ithaca-\(label)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The test's own set-up failed (a helper would not start, a file is missing): said in one sentence.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

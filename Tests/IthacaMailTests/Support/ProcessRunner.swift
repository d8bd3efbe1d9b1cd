import IthacaTestSupport
import Foundation

/// Runs a command to completion without blocking a thread; output goes through files,
/// so a chatty command can never fill a pipe and hang.
struct ProcessResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

func runProcess(_ arguments: [String], in directory: URL? = nil) async throws -> ProcessResult {
    let scratch = try makeTemporaryDirectory("run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)

    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: TestSetupError("could not run \(arguments.joined(separator: " ")): \(error)"))
        }
    }
    return ProcessResult(
        status: status,
        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    )
}

/// Like `runProcess`, but a non-zero exit is an error carrying stderr.
@discardableResult
func runChecked(_ arguments: [String], in directory: URL? = nil) async throws -> String {
    let result = try await runProcess(arguments, in: directory)
    guard result.status == 0 else {
        throw TestSetupError("`\(arguments.joined(separator: " "))` exited with \(result.status): \(result.stderr)")
    }
    return result.stdout
}

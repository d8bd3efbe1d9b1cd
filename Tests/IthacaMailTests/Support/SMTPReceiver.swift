import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The envelope the receiver stored beside each message (NNNNNN.json).
struct ReceivedEnvelope: Decodable {
    let mail_from: String
    let rcpt_tos: [String]
    let auth_user: String?
    let tls: Bool
}

/// One message as `smtp_receiver.py` stored it.
struct ReceivedMessage {
    let file: URL
    let raw: String
    let envelope: ReceivedEnvelope
}

/// A running `tests/support/smtp_receiver.py` on a free loopback port.
///
/// Started with `--port 0`; the script picks the port and announces it as `READY <port>`.
final class SMTPReceiver: @unchecked Sendable {
    let port: Int
    let outDirectory: URL
    private let process: Process
    private let workDirectory: URL

    private init(port: Int, outDirectory: URL, process: Process, workDirectory: URL) {
        self.port = port
        self.outDirectory = outDirectory
        self.process = process
        self.workDirectory = workDirectory
    }

    static func start(_ options: [String], host: String = "127.0.0.1") async throws -> SMTPReceiver {
        let script = SupportPaths.receiverScript
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw TestSetupError("the SMTP receiver script is missing at \(script.path) (set ITHACA_MAIL_SUPPORT_DIR)")
        }
        let work = try makeTemporaryDirectory("receiver")
        let out = work.appendingPathComponent("messages")
        let stdoutURL = work.appendingPathComponent("stdout.txt")
        let stderrURL = work.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--port", "0", "--host", host, "--out", out.path] + options
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        do {
            try process.run()
        } catch {
            throw TestSetupError("could not start python3 \(script.path): \(error)")
        }

        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let output = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }),
                let port = Int(line.dropFirst("READY ".count).trimmingCharacters(in: .whitespaces))
            {
                return SMTPReceiver(port: port, outDirectory: out, process: process, workDirectory: work)
            }
            if !process.isRunning {
                let errors = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
                throw TestSetupError(
                    "the SMTP receiver exited with \(process.terminationStatus) before READY; is aiosmtpd installed "
                        + "(python3 -m pip install aiosmtpd)? stderr: \(errors)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        let errors = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        throw TestSetupError("the SMTP receiver did not print READY within 30 s; stderr: \(errors)")
    }

    /// Stops the script (SIGTERM) and removes its files.
    func stop() async {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: workDirectory)
    }

    /// Every stored message, in arrival order.
    func messages() throws -> [ReceivedMessage] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outDirectory.path)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted().map { name in
            let file = outDirectory.appendingPathComponent(name)
            let sidecar = file.deletingPathExtension().appendingPathExtension("json")
            return ReceivedMessage(
                file: file,
                raw: try String(contentsOf: file, encoding: .utf8),
                envelope: try JSONDecoder().decode(ReceivedEnvelope.self, from: Data(contentsOf: sidecar))
            )
        }
    }

    /// The stored messages once there are `count` of them. The receiver stores a message
    /// before answering 250, so after a successful send they are normally there already.
    func waitForMessages(_ count: Int, timeout: Duration = .seconds(10)) async throws -> [ReceivedMessage] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let found = try messages()
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("expected \(count) message(s) in \(outDirectory.path), found \(try messages().count)")
    }
}

/// Runs `body` with a receiver started with `options`, and always stops it afterwards.
func withReceiver<T>(
    _ options: [String] = [],
    host: String = "127.0.0.1",
    _ body: (SMTPReceiver) async throws -> T
) async throws -> T {
    let receiver = try await SMTPReceiver.start(options, host: host)
    do {
        let result = try await body(receiver)
        await receiver.stop()
        return result
    } catch {
        await receiver.stop()
        throw error
    }
}

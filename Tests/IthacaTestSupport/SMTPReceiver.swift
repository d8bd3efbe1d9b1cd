import Foundation

/// The envelope the receiver stored beside each message (NNNNNN.json).
public struct ReceivedEnvelope: Decodable, Sendable {
    public let mail_from: String
    public let rcpt_tos: [String]
    public let auth_user: String?
    public let tls: Bool
}

/// One message as `smtp_receiver.py` stored it.
public struct ReceivedMessage: Sendable {
    public let file: URL
    public let raw: String
    public let envelope: ReceivedEnvelope
}

/// A real SMTP server (`tests/support/smtp_receiver.py`, aiosmtpd) on loopback, storing every message it accepts.
public final class SMTPReceiver: Sendable {
    public let port: Int
    public let outDirectory: URL
    private let script: SupportScript

    private init(port: Int, outDirectory: URL, script: SupportScript) {
        self.port = port
        self.outDirectory = outDirectory
        self.script = script
    }

    /// Starts a receiver; `port` 0 picks a free one (pass an earlier receiver's port to bring "the same server" back).
    public static func start(_ options: [String] = [], host: String = "127.0.0.1", port: Int = 0, into out: URL? = nil) async throws -> SMTPReceiver {
        let out = try out ?? makeTemporaryDirectory("received").appendingPathComponent("messages")
        let script = try await SupportScript.start("smtp_receiver.py", ["--port", "\(port)", "--host", host, "--out", out.path] + options)
        guard let chosen = Int(script.ready) else {
            await script.stop()
            throw TestSetupError("the SMTP receiver announced “\(script.ready)” instead of a port")
        }
        return SMTPReceiver(port: chosen, outDirectory: out, script: script)
    }

    public func stop() async { await script.stop() }

    /// Every stored message, in arrival order.
    public func messages() throws -> [ReceivedMessage] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outDirectory.path)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted().map { name in
            let file = outDirectory.appendingPathComponent(name)
            let sidecar = file.deletingPathExtension().appendingPathExtension("json")
            return ReceivedMessage(
                file: file, raw: try String(contentsOf: file, encoding: .utf8),
                envelope: try JSONDecoder().decode(ReceivedEnvelope.self, from: Data(contentsOf: sidecar)))
        }
    }

    /// The stored messages once there are `count` of them.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(10)) async throws -> [ReceivedMessage] {
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
public func withReceiver<T>(_ options: [String] = [], host: String = "127.0.0.1", _ body: (SMTPReceiver) async throws -> T) async throws -> T {
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

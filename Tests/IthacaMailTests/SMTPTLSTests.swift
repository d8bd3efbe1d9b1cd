import IthacaTestSupport
import Foundation
import IthacaMail
import Testing

/// TLS and authentication against aiosmtpd with a CA made by `openssl` in the test.
@Suite("TLS and authentication")
struct SMTPTLSTests {
    /// Contains @ : / and % so it must be percent-encoded in the URL.
    static let user = "mentor@ithaca.example"
    static let password = "p@ss:w/rd%1"
    static let encodedCredentials = "mentor%40ithaca.example:p%40ss%3Aw%2Frd%251"

    @Test("STARTTLS with the CA from tls-ca and AUTH PLAIN delivers the message")
    func startTLSWithPlain() async throws {
        let pki = try await TestCertificates.make()
        defer { pki.remove() }
        let options = pki.receiverOptions + ["--require-starttls", "--auth", "\(Self.user):\(Self.password)"]
        try await withReceiver(options) { receiver in
            let url = "smtp://\(Self.encodedCredentials)@localhost:\(receiver.port)?tls-ca=\(pki.caFile)&timeout=10"
            try await SMTPClient(settings: try SMTPSettings(url: url)).send(try Fixtures.invite())
            let received = try await receiver.waitForMessages(1)
            #expect(received[0].envelope.tls)
            #expect(received[0].envelope.auth_user == Self.user)
            let parsed = try await ParsedEmail.parse(file: received[0].file)
            #expect(parsed.subject == Fixtures.subject)
        }
    }

    @Test("AUTH LOGIN is used when the server does not offer PLAIN")
    func authLogin() async throws {
        let pki = try await TestCertificates.make()
        defer { pki.remove() }
        let options = pki.receiverOptions + ["--require-starttls", "--auth", "\(Self.user):\(Self.password)", "--auth-exclude", "PLAIN"]
        try await withReceiver(options) { receiver in
            let url = "smtp://\(Self.encodedCredentials)@127.0.0.1:\(receiver.port)?tls-ca=\(pki.caFile)"
            try await SMTPClient(settings: try SMTPSettings(url: url)).send(try Fixtures.simple())
            let received = try await receiver.waitForMessages(1)
            #expect(received[0].envelope.auth_user == Self.user)
            #expect(received[0].envelope.tls)
        }
    }

    @Test("A wrong password is a permanent failure and nothing is delivered")
    func wrongPassword() async throws {
        let pki = try await TestCertificates.make()
        defer { pki.remove() }
        let options = pki.receiverOptions + ["--require-starttls", "--auth", "\(Self.user):\(Self.password)"]
        try await withReceiver(options) { receiver in
            let url = "smtp://mentor%40ithaca.example:wrong@localhost:\(receiver.port)?tls-ca=\(pki.caFile)"
            let client = SMTPClient(settings: try SMTPSettings(url: url))
            let error = await #expect(throws: SMTPError.self) { try await client.send(try Fixtures.simple()) }
            #expect(error?.isTransient == false)
            #expect(error?.code == 535)
            #expect(error?.message.contains("wrong") == false)
            #expect(try receiver.messages().isEmpty)
        }
    }

    @Test("A certificate from a CA that is not trusted is a permanent failure")
    func untrustedCertificate() async throws {
        let pki = try await TestCertificates.make()
        defer { pki.remove() }
        try await withReceiver(pki.receiverOptions) { receiver in
            let client = SMTPClient(settings: try SMTPSettings(url: "smtp://localhost:\(receiver.port)"))
            let error = await #expect(throws: SMTPError.self) { try await client.send(try Fixtures.simple()) }
            #expect(error?.isTransient == false, "\(String(describing: error))")
            #expect(try receiver.messages().isEmpty)
        }
    }

    @Test("Implicit TLS (smtps://) with AUTH delivers the message")
    func implicitTLS() async throws {
        let pki = try await TestCertificates.make()
        defer { pki.remove() }
        let options = pki.receiverOptions + ["--implicit-tls", "--auth", "\(Self.user):\(Self.password)"]
        try await withReceiver(options) { receiver in
            let url = "smtps://\(Self.encodedCredentials)@127.0.0.1:\(receiver.port)?tls-ca=\(pki.caFile)"
            try await SMTPClient(settings: try SMTPSettings(url: url)).send(try Fixtures.invite())
            let received = try await receiver.waitForMessages(1)
            #expect(received[0].envelope.tls)
            #expect(received[0].envelope.auth_user == Self.user)
        }
    }

    @Test("smtps:// against a plain server fails in the TLS handshake, as transient")
    func implicitTLSAgainstPlainServer() async throws {
        try await withReceiver { receiver in
            let client = SMTPClient(settings: try SMTPSettings(url: "smtps://127.0.0.1:\(receiver.port)?timeout=5"))
            let error = await #expect(throws: SMTPError.self) { try await client.send(try Fixtures.simple()) }
            #expect(error?.message.contains("TLS") == true, "\(String(describing: error))")
            #expect(try receiver.messages().isEmpty)
        }
    }

    @Test("A password is sent without TLS to a loopback server")
    func clearTextOnLoopback() async throws {
        try await withReceiver(["--auth", "\(Self.user):\(Self.password)"]) { receiver in
            let url = "smtp://\(Self.encodedCredentials)@127.0.0.1:\(receiver.port)"
            try await SMTPClient(settings: try SMTPSettings(url: url)).send(try Fixtures.simple())
            let received = try await receiver.waitForMessages(1)
            #expect(received[0].envelope.auth_user == Self.user)
            #expect(!received[0].envelope.tls)
        }
    }

    @Test("A password is never sent without TLS to a host that is not loopback")
    func noClearTextElsewhere() async throws {
        // 127.0.0.2 is reachable on Linux but is not one of the loopback names the client exempts.
        try await withReceiver(["--auth", "\(Self.user):\(Self.password)"], host: "127.0.0.2") { receiver in
            let url = "smtp://\(Self.encodedCredentials)@127.0.0.2:\(receiver.port)"
            let client = SMTPClient(settings: try SMTPSettings(url: url))
            let error = await #expect(throws: SMTPError.self) { try await client.send(try Fixtures.simple()) }
            #expect(error?.isTransient == false)
            #expect(error?.message.contains("does not offer STARTTLS") == true)
            #expect(try receiver.messages().isEmpty)
        }
    }
}

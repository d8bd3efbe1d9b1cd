import IthacaTestSupport
import Foundation
import Testing

@testable import IthacaMail

@Suite("SMTP settings from a URL")
struct SMTPSettingsTests {
    @Test("smtp:// means STARTTLS on port 587 with a 30 second timeout and no credentials")
    func smtpDefaults() throws {
        let settings = try SMTPSettings(url: "smtp://mail.example.org")
        #expect(settings.security == .startTLS)
        #expect(settings.host == "mail.example.org")
        #expect(settings.port == 587)
        #expect(settings.username == nil && settings.password == nil)
        #expect(settings.timeout == .seconds(30))
        #expect(settings.tlsCAFile == nil && settings.heloName == nil)
        #expect(!settings.isLoopback)
    }

    @Test("smtps:// means implicit TLS on port 465")
    func smtpsDefaults() throws {
        let settings = try SMTPSettings(url: "SMTPS://mail.example.org")
        #expect(settings.security == .implicitTLS)
        #expect(settings.port == 465)
    }

    @Test("User and password are percent-decoded")
    func percentDecoding() throws {
        let settings = try SMTPSettings(url: "smtp://mentor%40ithaca.example:p%40ss%3Aw%2Frd%25%20x@mail.example.org:2525")
        #expect(settings.username == "mentor@ithaca.example")
        #expect(settings.password == "p@ss:w/rd% x")
        #expect(settings.host == "mail.example.org")
        #expect(settings.port == 2525)
    }

    @Test("An unencoded @ in the password is kept: the host starts after the last @")
    func unencodedAt() throws {
        let settings = try SMTPSettings(url: "smtp://user:p@ss@mail.example.org")
        #expect(settings.password == "p@ss")
        #expect(settings.host == "mail.example.org")
    }

    @Test("IPv6 literals and localhost count as loopback", arguments: ["smtp://[::1]:2525", "smtp://localhost", "smtp://127.0.0.1:25"])
    func loopback(url: String) throws {
        #expect(try SMTPSettings(url: url).isLoopback)
    }

    @Test("Options set the timeout, the EHLO name and the extra CA")
    func options() async throws {
        let pki = try await TestCertificates.make()
        defer { pki.remove() }
        let settings = try SMTPSettings(url: "smtp://host?timeout=2.5&helo=app.example.org&tls-ca=\(pki.caFile)")
        #expect(settings.timeout == .milliseconds(2500))
        #expect(settings.heloName == "app.example.org")
        #expect(settings.tlsCAFile == pki.caFile)
        #expect(settings.extraTrustRoots.count == 1)
    }

    @Test("The description hides the password")
    func descriptionHidesPassword() throws {
        let settings = try SMTPSettings(url: "smtp://user:hunter2@mail.example.org")
        #expect(settings.description == "smtp://user:***@mail.example.org:587?timeout=30")
        #expect(!settings.description.contains("hunter2"))
    }

    /// Each bad input, the error it must give and the exact sentence printed at start-up.
    static let badInputs: [(url: String, error: SMTPSettingsError, message: String)] = [
        ("  ", .empty, "The SMTP URL is empty; expected something like smtp://user:password@mail.example.org:587."),
        ("mail.example.org:587", .missingScheme,
         "The SMTP URL has no scheme; it must start with smtp:// (STARTTLS) or smtps:// (implicit TLS)."),
        ("http://mail.example.org", .unsupportedScheme("http"),
         "The SMTP URL scheme \"http\" is not supported; use smtp:// (STARTTLS) or smtps:// (implicit TLS)."),
        ("smtp://", .missingHost, "The SMTP URL has no host name; expected something like smtp://mail.example.org:587."),
        ("smtp://user:secret@:587", .missingHost,
         "The SMTP URL has no host name; expected something like smtp://mail.example.org:587."),
        ("smtp://mail example.org", .invalidHost("mail example.org"),
         "The SMTP host \"mail example.org\" is not a valid host name or IP address."),
        ("smtp://[not-ip]:25", .invalidHost("not-ip"), "The SMTP host \"not-ip\" is not a valid host name or IP address."),
        ("smtp://host:0", .invalidPort("0"), "The SMTP port \"0\" is not a number between 1 and 65535."),
        ("smtp://host:70000", .invalidPort("70000"), "The SMTP port \"70000\" is not a number between 1 and 65535."),
        ("smtp://host:smtp", .invalidPort("smtp"), "The SMTP port \"smtp\" is not a number between 1 and 65535."),
        ("smtp://host:", .invalidPort(""), "The SMTP port \"\" is not a number between 1 and 65535."),
        ("smtp://user:sec%zzret@host", .invalidPercentEncoding(field: "password"),
         "The SMTP password in the URL has an invalid percent-encoding; write a literal % as %25."),
        ("smtp://us%zzer:secret@host", .invalidPercentEncoding(field: "user name"),
         "The SMTP user name in the URL has an invalid percent-encoding; write a literal % as %25."),
        ("smtp://:secret@host", .passwordWithoutUser,
         "The SMTP URL has a password but no user name; write smtp://user:password@host."),
        ("smtp://user@host", .userWithoutPassword,
         "The SMTP URL has a user name but no password; write smtp://user:password@host, or neither for no authentication."),
        ("smtp://host/relay", .unexpectedPath("/relay"),
         "The SMTP URL must not have a path (found \"/relay\"); put options after ? as in smtp://host?timeout=10."),
        ("smtp://host?verify=no", .unknownOption("verify"),
         "The SMTP URL option \"verify\" is unknown; the supported options are tls-ca, timeout and helo."),
        ("smtp://host?timeout=5&timeout=6", .duplicateOption("timeout"),
         "The SMTP URL option \"timeout\" is given more than once."),
        ("smtp://host?timeout=soon", .invalidTimeout("soon"), "The SMTP timeout \"soon\" is not a positive number of seconds."),
        ("smtp://host?timeout=0", .invalidTimeout("0"), "The SMTP timeout \"0\" is not a positive number of seconds."),
        ("smtp://host?timeout=-3", .invalidTimeout("-3"), "The SMTP timeout \"-3\" is not a positive number of seconds."),
        ("smtp://host?helo=not%20a%20name", .invalidHeloName("not a name"),
         "The SMTP helo name \"not a name\" is not a valid host name."),
        ("smtp://host?tls-ca=/nonexistent/ca.pem", .unreadableCAFile(path: "/nonexistent/ca.pem", reason: "no such file"),
         "The CA file \"/nonexistent/ca.pem\" given by tls-ca could not be read (no such file)."),
        ("smtp://host?tls-ca=/tmp", .unreadableCAFile(path: "/tmp", reason: "it is a directory"),
         "The CA file \"/tmp\" given by tls-ca could not be read (it is a directory)."),
    ]

    @Test("Every bad input gives its own one-sentence message", arguments: 0..<badInputs.count)
    func badInput(index: Int) {
        let (url, expected, message) = Self.badInputs[index]
        #expect(throws: expected) { try SMTPSettings(url: url) }
        #expect(expected.description == message)
        #expect(!message.contains("\n") && message.hasSuffix("."))
        #expect(!message.contains("secret"))
    }

    @Test("A CA file without certificates is reported as such")
    func caFileWithoutCertificates() throws {
        let directory = try makeTemporaryDirectory("ca")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("junk.pem")
        try "not a certificate\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: SMTPSettingsError.noCertificatesInCAFile(path: file.path)) {
            try SMTPSettings(url: "smtps://host?tls-ca=\(file.path)")
        }
        #expect(
            SMTPSettingsError.noCertificatesInCAFile(path: "/x.pem").description
                == "The CA file \"/x.pem\" given by tls-ca contains no PEM certificates.")
    }
}

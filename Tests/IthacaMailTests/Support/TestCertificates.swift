import IthacaTestSupport
import Foundation

/// A throw-away CA and a server certificate for localhost / 127.0.0.1, made with the `openssl` CLI.
///
/// Each call makes a fresh set (EC keys, so it takes milliseconds); nothing is shared
/// between tests and nothing outlives the test run.
struct TestCertificates {
    let directory: URL
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    var certificateFile: String { directory.appendingPathComponent("server.pem").path }
    var keyFile: String { directory.appendingPathComponent("server.key").path }

    /// Deletes the keys and certificates.
    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Receiver options serving this certificate.
    var receiverOptions: [String] { ["--tls-cert", certificateFile, "--tls-key", keyFile] }

    static func make() async throws -> TestCertificates {
        let directory = try makeTemporaryDirectory("pki")
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await runChecked(
            ["openssl", "req", "-x509"] + curve + [
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Ithaca Mail Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ], in: directory)
        try await runChecked(
            ["openssl", "req"] + curve + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
            in: directory)
        let extensions = """
            subjectAltName = DNS:localhost, IP:127.0.0.1
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            """
        try extensions.write(to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        try await runChecked(
            [
                "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext",
            ], in: directory)
        return TestCertificates(directory: directory)
    }
}

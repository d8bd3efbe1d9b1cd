import Foundation
import NIOCore
import NIOSSL

/// Where and how to deliver mail over SMTP, parsed from an `smtp://` or `smtps://` URL.
///
/// - `smtp://user:pass@host:587` connects in plain TCP and upgrades with STARTTLS (default port 587).
/// - `smtps://user:pass@host:465` speaks TLS from the first byte (default port 465).
/// - User and password are percent-decoded; give both or neither (no AUTH).
/// - Options: `tls-ca=/path/ca.pem` (extra trusted roots), `timeout=SECONDS` (default 30),
///   `helo=NAME` (EHLO name; default is the local address literal).
///
/// Parsing is done by hand rather than with `URLComponents` so that every bad input gets
/// its own message, and so that an unencoded `@` in the password still works (the host
/// starts after the last `@`).
public struct SMTPSettings: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is secured.
    public enum Security: String, Sendable, Equatable {
        /// Plain TCP upgraded with STARTTLS, mandatory whenever the server offers it (`smtp://`).
        case startTLS
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
    }

    public let security: Security
    public let host: String
    public let port: Int
    public let username: String?
    public let password: String?
    /// Applies to connecting and to every reply awaited from the server.
    public let timeout: Duration
    /// Name sent with EHLO/HELO; `nil` sends the local address literal such as `[192.0.2.7]`.
    public let heloName: String?
    /// The `tls-ca` file whose certificates are trusted in addition to the system roots.
    public let tlsCAFile: String?
    /// Certificates loaded from `tlsCAFile` at parse time, so a bad file fails at start-up.
    let extraTrustRoots: [NIOSSLCertificate]

    public static let defaultTimeout: Duration = .seconds(30)

    public init(url: String) throws(SMTPSettingsError) {
        let text = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .empty }
        guard let schemeEnd = text.range(of: "://"), schemeEnd.lowerBound != text.startIndex else {
            throw .missingScheme
        }
        let scheme = String(text[..<schemeEnd.lowerBound])
        switch scheme.lowercased() {
        case "smtp": security = .startTLS
        case "smtps": security = .implicitTLS
        default: throw .unsupportedScheme(scheme)
        }

        // RFC 3986: the authority ends at the first "/", "?" or "#".
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var tail = rest[authorityEnd...]
        var query: Substring = ""
        if let questionMark = tail.firstIndex(of: "?") {
            query = tail[tail.index(after: questionMark)...]
            tail = tail[..<questionMark]
        }
        if let hash = query.firstIndex(of: "#") {
            throw .unexpectedPath(String(query[hash...]))
        }
        guard tail.isEmpty || tail == "/" else { throw .unexpectedPath(String(tail)) }

        let hostAndPort: Substring
        if let at = authority.lastIndex(of: "@") {
            (username, password) = try Self.credentials(from: authority[..<at])
            hostAndPort = authority[authority.index(after: at)...]
        } else {
            (username, password) = (nil, nil)
            hostAndPort = authority
        }
        let (host, port) = try Self.hostAndPort(from: hostAndPort)
        self.host = host
        self.port = port ?? (security == .startTLS ? 587 : 465)

        let options = try Self.options(from: query)
        timeout = try options["timeout"].map(Self.timeout(from:)) ?? Self.defaultTimeout
        heloName = try options["helo"].map(Self.heloName(from:))
        tlsCAFile = options["tls-ca"]
        extraTrustRoots = try tlsCAFile.map(Self.certificates(inFile:)) ?? []
    }

    /// True for the hosts where sending a password without TLS is tolerated (local test servers).
    var isLoopback: Bool {
        ["localhost", "127.0.0.1", "::1"].contains(host.lowercased())
    }

    /// The URL with the password hidden, safe for logs.
    public var description: String {
        var text = security == .startTLS ? "smtp://" : "smtps://"
        if let username { text += "\(username):***@" }
        text += host.contains(":") ? "[\(host)]" : host
        text += ":\(port)"
        var options = ["timeout=\(timeout.components.seconds)"]
        if let tlsCAFile { options.append("tls-ca=\(tlsCAFile)") }
        if let heloName { options.append("helo=\(heloName)") }
        return text + "?" + options.joined(separator: "&")
    }
}

// MARK: - Parsing the parts

extension SMTPSettings {
    private static func credentials(
        from userInfo: Substring
    ) throws(SMTPSettingsError) -> (String?, String?) {
        if userInfo.isEmpty { return (nil, nil) }
        let colon = userInfo.firstIndex(of: ":")
        let rawUser = colon.map { userInfo[..<$0] } ?? userInfo
        let rawPassword = colon.map { userInfo[userInfo.index(after: $0)...] }
        guard let user = String(rawUser).removingPercentEncoding else {
            throw .invalidPercentEncoding(field: "user name")
        }
        guard let rawPassword, !rawPassword.isEmpty else {
            if user.isEmpty { return (nil, nil) }
            throw .userWithoutPassword
        }
        guard let password = String(rawPassword).removingPercentEncoding else {
            throw .invalidPercentEncoding(field: "password")
        }
        guard !user.isEmpty else { throw .passwordWithoutUser }
        return (user, password)
    }

    private static func hostAndPort(
        from text: Substring
    ) throws(SMTPSettingsError) -> (String, Int?) {
        let host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            // IPv6 literal: [::1]:25
            guard let close = text.firstIndex(of: "]") else { throw .invalidHost(String(text)) }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidHost(String(text)) }
                portText = after.dropFirst()
            }
            guard (try? SocketAddress(ipAddress: String(host), port: 0)) != nil else {
                throw .invalidHost(String(host))
            }
        } else {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw .invalidHost(String(text)) }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
            if !host.isEmpty && !isHostName(host) { throw .invalidHost(String(host)) }
        }
        guard !host.isEmpty else { throw .missingHost }
        guard let portText else { return (String(host), nil) }
        guard portText.allSatisfy(\.isASCII), let port = Int(portText), (1...65535).contains(port) else {
            throw .invalidPort(String(portText))
        }
        return (String(host), port)
    }

    /// Letters, digits, hyphens, underscores and dots, in non-empty labels (or an IPv4 literal).
    static func isHostName(_ text: Substring) -> Bool {
        guard text.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
    }

    private static func options(from query: Substring) throws(SMTPSettingsError) -> [String: String] {
        var options: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let equals = pair.firstIndex(of: "=")
            let name = String(equals.map { pair[..<$0] } ?? pair).lowercased()
            let rawValue = equals.map { String(pair[pair.index(after: $0)...]) } ?? ""
            guard ["tls-ca", "timeout", "helo"].contains(name) else { throw .unknownOption(name) }
            guard options[name] == nil else { throw .duplicateOption(name) }
            guard let value = rawValue.removingPercentEncoding else {
                throw .invalidPercentEncoding(field: "option \(name)")
            }
            options[name] = value
        }
        return options
    }

    private static func timeout(from text: String) throws(SMTPSettingsError) -> Duration {
        guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
            throw .invalidTimeout(text)
        }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    private static func heloName(from text: String) throws(SMTPSettingsError) -> String {
        let isAddressLiteral = text.hasPrefix("[") && text.hasSuffix("]") && text.count > 2
            && !text.contains(where: { $0.isWhitespace || !$0.isASCII })
        guard isAddressLiteral || isHostName(Substring(text)) else { throw .invalidHeloName(text) }
        return text
    }

    private static func certificates(inFile path: String) throws(SMTPSettingsError) -> [NIOSSLCertificate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableCAFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadableCAFile(path: path, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableCAFile(path: path, reason: "permission denied or I/O error")
        }
        guard let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(data)), !certificates.isEmpty else {
            throw .noCertificatesInCAFile(path: path)
        }
        return certificates
    }
}

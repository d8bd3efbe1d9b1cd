/// Why an SMTP URL could not be turned into ``SMTPSettings``; `description` is one sentence for the operator.
///
/// The server prints the description and exits at start-up, so each case names the
/// offending part and how to fix it. No case ever repeats the password.
public enum SMTPSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case missingScheme
    case unsupportedScheme(String)
    case missingHost
    case invalidHost(String)
    case invalidPort(String)
    case invalidPercentEncoding(field: String)
    case passwordWithoutUser
    case userWithoutPassword
    case unexpectedPath(String)
    case unknownOption(String)
    case duplicateOption(String)
    case invalidTimeout(String)
    case invalidHeloName(String)
    case unreadableCAFile(path: String, reason: String)
    case noCertificatesInCAFile(path: String)

    public var description: String {
        switch self {
        case .empty:
            "The SMTP URL is empty; expected something like smtp://user:password@mail.example.org:587."
        case .missingScheme:
            "The SMTP URL has no scheme; it must start with smtp:// (STARTTLS) or smtps:// (implicit TLS)."
        case .unsupportedScheme(let scheme):
            "The SMTP URL scheme \"\(scheme)\" is not supported; use smtp:// (STARTTLS) or smtps:// (implicit TLS)."
        case .missingHost:
            "The SMTP URL has no host name; expected something like smtp://mail.example.org:587."
        case .invalidHost(let host):
            "The SMTP host \"\(host)\" is not a valid host name or IP address."
        case .invalidPort(let port):
            "The SMTP port \"\(port)\" is not a number between 1 and 65535."
        case .invalidPercentEncoding(let field):
            "The SMTP \(field) in the URL has an invalid percent-encoding; write a literal % as %25."
        case .passwordWithoutUser:
            "The SMTP URL has a password but no user name; write smtp://user:password@host."
        case .userWithoutPassword:
            "The SMTP URL has a user name but no password; write smtp://user:password@host, or neither for no authentication."
        case .unexpectedPath(let path):
            "The SMTP URL must not have a path (found \"\(path)\"); put options after ? as in smtp://host?timeout=10."
        case .unknownOption(let name):
            "The SMTP URL option \"\(name)\" is unknown; the supported options are tls-ca, timeout and helo."
        case .duplicateOption(let name):
            "The SMTP URL option \"\(name)\" is given more than once."
        case .invalidTimeout(let value):
            "The SMTP timeout \"\(value)\" is not a positive number of seconds."
        case .invalidHeloName(let value):
            "The SMTP helo name \"\(value)\" is not a valid host name."
        case .unreadableCAFile(let path, let reason):
            "The CA file \"\(path)\" given by tls-ca could not be read (\(reason))."
        case .noCertificatesInCAFile(let path):
            "The CA file \"\(path)\" given by tls-ca contains no PEM certificates."
        }
    }
}

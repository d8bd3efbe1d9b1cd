/// Why a delivery failed, split by whether the outbox should try again later.
///
/// `code` is the SMTP reply code when the server said no, and `nil` when the failure
/// happened below SMTP (connection refused, timeout, TLS).
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Retrying later may work: 4xx replies, refused or reset connections, timeouts, network TLS failures.
    case transient(code: Int?, message: String)
    /// Retrying will not help: 5xx replies (unknown recipient, bad password), untrusted certificates,
    /// a server that will not protect the password.
    case permanent(code: Int?, message: String)

    public var isTransient: Bool {
        if case .transient = self { return true }
        return false
    }

    public var code: Int? {
        switch self {
        case .transient(let code, _), .permanent(let code, _): code
        }
    }

    public var message: String {
        switch self {
        case .transient(_, let message), .permanent(_, let message): message
        }
    }

    public var description: String {
        let kind = isTransient ? "temporary" : "permanent"
        if let code { return "SMTP \(kind) failure \(code): \(message)" }
        return "SMTP \(kind) failure: \(message)"
    }

    /// Classifies a reply the server gave instead of the one expected during `step`.
    static func unexpected(_ reply: SMTPReply, during step: String) -> SMTPError {
        let message = "\(step) was answered \"\(reply.code) \(reply.text)\""
        // 4xx is the server's own "try again later"; anything else unexpected
        // (5xx, or a code that makes no sense here) will not improve by retrying.
        return reply.code >= 400 && reply.code < 500
            ? .transient(code: reply.code, message: message)
            : .permanent(code: reply.code, message: message)
    }
}

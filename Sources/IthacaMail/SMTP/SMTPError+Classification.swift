import NIOCore
import NIOPosix
import NIOSSL

extension SMTPError {
    /// Maps whatever NIO, NIOSSL or the session threw into transient or permanent.
    ///
    /// The rule: the network and the server's load are transient; a certificate we do
    /// not trust or a host name that does not match will fail the same way next time.
    static func classify(_ error: any Error, host: String, port: Int) -> SMTPError {
        let endpoint = "\(host):\(port)"
        switch error {
        case let error as SMTPError:
            return error
        case is CancellationError:
            return .transient(code: nil, message: "sending to \(endpoint) was cancelled")
        case let error as ChannelError:
            if case .connectTimeout = error {
                return .transient(code: nil, message: "timed out connecting to \(endpoint)")
            }
            return .transient(code: nil, message: "connection to \(endpoint) failed: \(error)")
        case is NIOConnectionError:
            return .transient(code: nil, message: "could not connect to \(endpoint): \(error)")
        case let error as IOError:
            return .transient(code: nil, message: "network error with \(endpoint): \(error.description)")
        case let error as NIOSSLExtraError:
            // Host name mismatch and friends: a configuration problem, not a network one.
            return .permanent(code: nil, message: "TLS with \(endpoint) failed: \(error)")
        case let error as NIOSSLError:
            return classifyTLS(error, endpoint: endpoint)
        default:
            return .transient(code: nil, message: "sending to \(endpoint) failed: \(error)")
        }
    }

    private static func classifyTLS(_ error: NIOSSLError, endpoint: String) -> SMTPError {
        let text = String(describing: error)
        let certificateProblem = ["CERTIFICATE_VERIFY_FAILED", "certificate verify failed", "CERTIFICATE"]
            .contains { text.contains($0) }
        if case .handshakeFailed = error, certificateProblem {
            return .permanent(
                code: nil,
                message: "the TLS certificate of \(endpoint) is not trusted (\(text)); add its CA with tls-ca="
            )
        }
        return .transient(code: nil, message: "TLS with \(endpoint) failed: \(text)")
    }
}

import NIOCore

/// Prepares message text for the DATA command (RFC 5321 §4.5.2).
///
/// Every line ending becomes CRLF (a bare CR or LF would be rejected or mangled by
/// servers), a line starting with "." gets one more "." so the server does not take
/// it for the end of data, and the terminating "CRLF . CRLF" is appended.
enum SMTPDataEncoding {
    static func encode(_ message: String) -> ByteBuffer {
        var output = ByteBuffer()
        output.reserveCapacity(message.utf8.count + message.utf8.count / 64 + 8)
        var atLineStart = true
        var previousWasCR = false
        for byte in message.utf8 {
            switch byte {
            case UInt8(ascii: "\r"):
                output.writeStaticString("\r\n")
                atLineStart = true
                previousWasCR = true
                continue
            case UInt8(ascii: "\n"):
                // The LF of a CRLF pair was already written with the CR.
                if !previousWasCR { output.writeStaticString("\r\n") }
                atLineStart = true
            default:
                if atLineStart && byte == UInt8(ascii: ".") { output.writeInteger(UInt8(ascii: ".")) }
                output.writeInteger(byte)
                atLineStart = false
            }
            previousWasCR = false
        }
        if !atLineStart { output.writeStaticString("\r\n") }
        output.writeStaticString(".\r\n")
        return output
    }
}

import NIOCore

/// Turns the bytes from the server into whole ``SMTPReply`` values (RFC 5321 §4.2).
///
/// Lines end in LF, with CR tolerated and stripped. Line length is capped so a
/// misbehaving server cannot make us buffer without bound.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    static let maximumLineLength = 4096

    private var assembler = SMTPReplyAssembler()

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let line = try Self.readLine(from: &buffer) else { return .needMoreData }
        if let reply = try assembler.add(line) {
            context.fireChannelRead(Self.wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A half reply at EOF is dropped; the reader sees the end of the stream and reports it.
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    private static func readLine(from buffer: inout ByteBuffer) throws -> String? {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLineLength {
                throw SMTPError.permanent(code: nil, message: "the server sent a reply line longer than \(maximumLineLength) bytes")
            }
            return nil
        }
        let length = view.distance(from: view.startIndex, to: newline) + 1
        guard var line = buffer.readString(length: length) else { return nil }
        line.removeLast()  // "\n"
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}

/// Groups reply lines: "250-a", "250-b", "250 c" make one reply with lines a, b, c.
struct SMTPReplyAssembler {
    static let maximumLineCount = 256

    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// Returns the reply that `line` completes, or nil while a multi-line reply goes on.
    mutating func add(_ line: String) throws -> SMTPReply? {
        let (code, isLast, text) = try Self.parse(line)
        if let pendingCode, pendingCode != code {
            throw SMTPError.permanent(code: code, message: "the server mixed reply codes \(pendingCode) and \(code) in one reply")
        }
        pendingLines.append(text)
        guard pendingLines.count <= Self.maximumLineCount else {
            throw SMTPError.permanent(code: code, message: "the server sent a reply of more than \(Self.maximumLineCount) lines")
        }
        guard isLast else {
            pendingCode = code
            return nil
        }
        defer {
            pendingCode = nil
            pendingLines = []
        }
        return SMTPReply(code: code, lines: pendingLines)
    }

    /// "250-text" → (250, false, "text"); "250 text" or "250" → (250, true, "text").
    private static func parse(_ line: String) throws -> (code: Int, isLast: Bool, text: String) {
        let bytes = Array(line.utf8)
        let malformed = SMTPError.permanent(code: nil, message: "the server sent a malformed reply line \"\(line.prefix(80))\"")
        guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (100...599).contains(code)
        else { throw malformed }
        guard bytes.count > 3 else { return (code, true, "") }
        guard bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else { throw malformed }
        return (code, bytes[3] == UInt8(ascii: " "), String(decoding: bytes[4...], as: UTF8.self))
    }
}

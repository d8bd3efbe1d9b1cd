import NIOCore
import Testing

@testable import IthacaMail

@Suite("SMTP protocol details")
struct SMTPProtocolTests {
    @Test("Multi-line replies are assembled into one reply and read as EHLO capabilities")
    func multiLineReply() throws {
        var assembler = SMTPReplyAssembler()
        #expect(try assembler.add("250-mail.example.org greets you") == nil)
        #expect(try assembler.add("250-SIZE 10240000") == nil)
        #expect(try assembler.add("250-AUTH=LOGIN") == nil)
        #expect(try assembler.add("250-auth plain login") == nil)
        let reply = try #require(try assembler.add("250 STARTTLS"))
        #expect(reply.code == 250 && reply.lines.count == 5)
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.supports("starttls"))
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(capabilities.sizeLimit == 10_240_000)
        // The assembler starts afresh after a complete reply.
        #expect(try assembler.add("221") == SMTPReply(code: 221, lines: [""]))
    }

    @Test("Malformed reply lines and mixed codes are refused", arguments: [["hello"], ["25x ok"], ["250-a", "251 b"], ["250_x"]])
    func malformed(lines: [String]) {
        var assembler = SMTPReplyAssembler()
        #expect(throws: SMTPError.self) {
            for line in lines { _ = try assembler.add(line) }
        }
    }

    @Test("DATA encoding normalises line ends to CRLF, doubles leading dots and terminates")
    func dataEncoding() {
        let encoded = SMTPDataEncoding.encode("a\n.\n..b\r\nc\rd")
        #expect(String(buffer: encoded) == "a\r\n..\r\n...b\r\nc\r\nd\r\n.\r\n")
        #expect(String(buffer: SMTPDataEncoding.encode("x\r\n")) == "x\r\n.\r\n")
    }
}

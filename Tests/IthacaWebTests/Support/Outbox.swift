import Foundation
import IthacaStorage
@testable import IthacaWeb

/// Reading what the app would email, as a mail client would: headers and the decoded plain-text part.
extension TestBrowser {
    /// Messages queued for `address`, oldest first.
    func emails(to address: String) async throws -> [OutboxMessage] {
        try await services.outbox.messages(to: address, limit: 500).reversed()
    }

    /// The first link in `address`'s latest email whose path starts with `prefix` (the path and query only).
    func link(in address: String, startingWith prefix: String) async throws -> String? {
        guard let message = try await emails(to: address).last else { return nil }
        return EmailText.links(in: EmailText.decoded(message.message)).first { $0.hasPrefix(prefix) }
    }
}

/// Undoes the transfer encodings of a rendered message, so tests can search its words and links.
enum EmailText {
    /// Every body part decoded (quoted-printable soft breaks joined, =XX decoded; base64 parts decoded), joined.
    static func decoded(_ message: String) -> String {
        var parts: [String] = []
        for section in message.components(separatedBy: "\r\n\r\n").dropFirst() {
            // A part's body runs until the next boundary line.
            let body = section.components(separatedBy: "\r\n").prefix { !$0.hasPrefix("--") }
            parts.append(quotedPrintable(body.joined(separator: "\r\n")))
            if let data = Data(base64Encoded: body.joined()), let text = String(data: data, encoding: .utf8) { parts.append(text) }
        }
        return parts.joined(separator: "\n")
    }

    static func quotedPrintable(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        var utf8 = Array(joined.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "="), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Paths (with query) of every http(s) link in the text.
    static func links(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"https?://[^\s<>"]+"#)
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { match in
            guard let r = Range(match.range, in: text), let url = URLComponents(string: String(text[r])) else { return nil }
            return url.path + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
    }

    /// A header's value (unfolded, RFC 2047 encoded-words decoded), e.g. "Subject".
    static func header(_ name: String, in message: String) -> String? {
        let head = message.components(separatedBy: "\r\n\r\n").first ?? ""
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return decodedWords(String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// "=?UTF-8?B?…?= =?UTF-8?B?…?=" as text (adjacent encoded-words join without the space between them).
    static func decodedWords(_ value: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"=\?UTF-8\?([BQ])\?([^?]*)\?=(\s+(?==\?))?"#, options: [.caseInsensitive])
        var result = value
        for match in pattern.matches(in: value, range: NSRange(value.startIndex..., in: value)).reversed() {
            guard let whole = Range(match.range, in: value), let kind = Range(match.range(at: 1), in: value),
                  let payload = Range(match.range(at: 2), in: value) else { continue }
            let text: String
            if value[kind].uppercased() == "B" {
                text = Data(base64Encoded: String(value[payload])).flatMap { String(data: $0, encoding: .utf8) } ?? ""
            } else {
                text = quotedPrintable(String(value[payload]).replacingOccurrences(of: "_", with: " "))
            }
            result.replaceSubrange(Range(NSRange(whole, in: value), in: result)!, with: text)
        }
        return result
    }
}

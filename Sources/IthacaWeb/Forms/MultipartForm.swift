import Foundation

/// A parsed `multipart/form-data` body (RFC 7578): the one kind of form that can carry a file without JavaScript.
/// Only what our forms send is kept: each part's name and its bytes as text.
struct MultipartForm: Sendable {
    /// Participant files are the largest upload: 100,000 rows of an HR export fit comfortably.
    static let maximumSize = 32 * 1024 * 1024
    private var fields: [String: String] = [:]

    /// The boundary from a `Content-Type: multipart/form-data; boundary=…` header, or nil for any other type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    init(body: [UInt8], boundary: String) {
        let delimiter = Array(("--" + boundary).utf8)
        var start = Self.find(delimiter, in: body, from: 0)
        while let open = start {
            let partStart = open + delimiter.count
            // "--" after the delimiter closes the body.
            if partStart + 1 < body.count, body[partStart] == 45, body[partStart + 1] == 45 { break }
            guard let next = Self.find(delimiter, in: body, from: partStart) else { break }
            let part = body[partStart..<next]
            if let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: Array(part), from: 0) {
                let headers = String(decoding: part.prefix(headerEnd), as: UTF8.self)
                var content = Array(part.dropFirst(headerEnd + 4))
                if content.suffix(2) == [13, 10] { content.removeLast(2) }
                if let name = Self.name(in: headers) { fields[name] = String(decoding: content, as: UTF8.self) }
            }
            start = next
        }
    }

    subscript(_ key: String) -> String? { fields[key] }

    func text(_ key: String) -> String { fields[key] ?? "" }

    private static func name(in headers: String) -> String? {
        for line in headers.split(whereSeparator: \.isNewline) where line.lowercased().hasPrefix("content-disposition") {
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == "name" { return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

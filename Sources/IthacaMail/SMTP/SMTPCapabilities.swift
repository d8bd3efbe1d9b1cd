/// The ESMTP extensions a server listed in its EHLO reply (RFC 5321 §4.1.1.1).
struct SMTPCapabilities: Sendable, Equatable {
    /// Upper-cased keyword → its parameters, e.g. "AUTH" → ["PLAIN", "LOGIN"].
    private(set) var extensions: [String: [String]] = [:]

    /// No extensions: what a HELO-only server gets.
    init() {}

    /// The first line of an EHLO reply is the greeting; each further line is one extension.
    init(ehloReply reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard !words.isEmpty else { continue }
            var keyword = words.removeFirst().uppercased()
            // Some old servers write "AUTH=LOGIN PLAIN".
            if keyword.hasPrefix("AUTH=") {
                words.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            extensions[keyword, default: []].append(contentsOf: words)
        }
    }

    func supports(_ keyword: String) -> Bool { extensions[keyword.uppercased()] != nil }

    var authMechanisms: Set<String> { Set((extensions["AUTH"] ?? []).map { $0.uppercased() }) }

    /// The SIZE limit in bytes, if the server announced one (0 means "no fixed limit").
    var sizeLimit: Int? {
        guard let value = extensions["SIZE"]?.first, let limit = Int(value), limit > 0 else { return nil }
        return limit
    }
}

/// One complete server reply: a three-digit code and the text of each of its lines.
///
/// A multi-line reply (`250-first`, `250-second`, `250 last`) arrives as one value.
struct SMTPReply: Sendable, Equatable {
    let code: Int
    let lines: [String]

    /// All lines joined, for error messages.
    var text: String { lines.joined(separator: " / ") }
}

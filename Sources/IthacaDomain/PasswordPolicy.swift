import Foundation

/// The rules a new password must meet, following OWASP ASVS 5.0: length and a blocklist, no composition rules.
public struct PasswordPolicy: Sendable {
    /// Fewest characters (grapheme clusters, so "é" or an emoji counts once).
    public var minimumLength: Int
    /// Most characters accepted.
    public var maximumLength: Int

    /// A policy with the given length bounds.
    public init(minimumLength: Int = 8, maximumLength: Int = 1024) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    /// At least 8 characters, at most 1,024.
    public static let standard = PasswordPolicy(minimumLength: 8, maximumLength: 1024)

    /// Throws `.validation` listing every problem with `password`, all reported under `field`.
    ///
    /// Any characters are allowed, including spaces and emoji, so passphrases are welcome.
    /// The password is never trimmed or altered: what the person typed is what gets hashed.
    public func check(_ password: String, field: String = "password", email: String? = nil) throws(IthacaError) {
        var problems: [FieldError] = []
        func add(_ message: String) { problems.append(FieldError(field: field, message: message)) }

        let length = password.count
        if password.isEmpty {
            add("Enter a password.")
        } else if length < minimumLength {
            add(
                "Use at least \(minimumLength) characters. "
                    + "A few unrelated words make a strong password that is easy to remember.")
        }
        // The upper bound is a denial-of-service guard: hashing megabytes of "password" would tie up the server.
        if length > maximumLength {
            add("Use at most \(maximumLength) characters.")
        }
        if !password.isEmpty, CommonPasswords.contains(password) {
            add(
                "This is one of the most common passwords, so it is easy to guess. "
                    + "Choose something less common; a few unrelated words work well.")
        }
        if let email, Self.matchesEmail(password, email: email) {
            add("Don't use your email address as your password.")
        }
        if !problems.isEmpty { throw .validation(problems) }
    }

    private static func matchesEmail(_ password: String, email: String) -> Bool {
        let address = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !address.isEmpty else { return false }
        let candidate = password.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if candidate == address { return true }
        if let at = address.lastIndex(of: "@") {
            let local = address[..<at]
            return !local.isEmpty && candidate == local
        }
        return false
    }
}

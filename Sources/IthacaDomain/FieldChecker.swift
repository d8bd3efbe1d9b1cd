import Foundation

/// Collects field problems while a form is checked, so a person sees every problem at once.
struct FieldChecker {
    private(set) var errors: [FieldError] = []

    mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    func hasError(for field: String) -> Bool {
        errors.contains { $0.field == field }
    }

    /// Trimmed text, or nil after recording why it can't be used.
    /// Multiline fields keep newlines and tabs, with Windows line endings turned into "\n".
    mutating func text(_ raw: String, _ rule: TextRule) -> String? {
        var value = raw
        if rule.multiline {
            value = value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if Self.hasControlCharacters(value, allowLineBreaks: rule.multiline) {
            let fix = rule.multiline ? "Please retype it; line breaks and tabs are fine." : "Please retype it on one line."
            let what = rule.multiline ? "invisible control characters" : "invisible control characters or line breaks"
            add(rule.field, "There are \(what) in your \(rule.label). \(fix)")
            return nil
        }
        if value.count > rule.maxLength {
            let limit = Self.grouped(rule.maxLength)
            let actual = Self.grouped(value.count)
            add(rule.field, "Keep your \(rule.label) to \(limit) characters or fewer (it has \(actual) now).")
            return nil
        }
        return value
    }

    /// Tidied list items without blanks or repeats (ignoring case), or nil after recording why the list can't be used.
    mutating func list(_ raw: [String], _ rule: ListRule) -> [String]? {
        if raw.contains(where: { Self.hasControlCharacters($0, allowLineBreaks: false) }) {
            add(
                rule.field,
                "One of your \(rule.label) contains invisible control characters or line breaks. Please retype it.")
            return nil
        }
        let items = SkillTag.cleanList(raw)
        var ok = true
        if items.count > rule.maxItems {
            add(rule.field, "List up to \(rule.maxItems) \(rule.label) (you have \(items.count)).")
            ok = false
        }
        if let long = items.first(where: { $0.count > rule.maxItemLength }) {
            let limit = rule.maxItemLength
            add(rule.field, "Keep each \(rule.itemLabel) to \(limit) characters or fewer; “\(long.prefix(20))…” is too long.")
            ok = false
        }
        return ok ? items : nil
    }

    /// 5000 as "5,000", the same for every reader (the domain has no locale).
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }

    static func hasControlCharacters(_ text: String, allowLineBreaks: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            guard scalar.properties.generalCategory == .control else { return false }
            return !(allowLineBreaks && (scalar == "\n" || scalar == "\t"))
        }
    }
}

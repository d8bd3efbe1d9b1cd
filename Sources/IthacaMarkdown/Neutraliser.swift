/// Prepares user Markdown for Ink so that no markup can pass through it.
enum Neutraliser {
    /// Ink retries nested `[` at every level (cost doubles per level); deeper brackets are shown as text.
    static let maximumBracketDepth = 2
    /// Each unclosed `[` makes Ink scan to the end of its paragraph; past this many, `[` is shown as text.
    static let maximumBrackets = 100
    /// Ink pads every table row to the widest row, so a wide first row and many short rows multiply.
    static let maximumTableCells = 1_000
    static let maximumTableColumns = 32

    static func prepare(_ source: String) -> String {
        let characters = Array(limitTables(guardAgainstMetadata(cleanScalars(source))))
        var result = ""
        result.reserveCapacity(characters.count + characters.count / 8)
        var atLineStart = true
        var bracketDepth = 0
        var bracketCount = 0
        var index = 0

        while index < characters.count {
            let character = characters[index]
            defer { index += 1 }

            switch character {
            case "\n":
                // A blank line ends the paragraph, and with it any unclosed brackets.
                if atLineStart { bracketDepth = 0 }
                atLineStart = true
                result.append(character)
                continue
            case " ", "\t":
                result.append(character)
                continue
            case ">" where atLineStart:
                // A blockquote marker, the only place Ink needs a real `>`.
                result.append(character)
                continue
            case "[":
                atLineStart = false
                if bracketDepth < maximumBracketDepth, bracketCount < maximumBrackets {
                    bracketDepth += 1
                    bracketCount += 1
                    result.append(character)
                } else {
                    result.unicodeScalars.append(Placeholder.openBracket)
                }
                continue
            case "]":
                bracketDepth = max(0, bracketDepth - 1)
            case "\\" where index + 1 < characters.count && (characters[index + 1] == "*" || characters[index + 1] == "_"):
                // an escaped marker is the character itself, never emphasis
                atLineStart = false
                result.unicodeScalars.append(characters[index + 1] == "*" ? Placeholder.escapedAsterisk : Placeholder.escapedUnderscore)
                index += 1
                continue
            case "*" where atLineStart && isRule(characters, at: index):
                // a rule: the whole line is Ink's
                let line = characters[index...].prefix { $0 != "\n" }
                result.append(contentsOf: line)
                index += line.count - 1
                atLineStart = false
                continue
            case "*" where atLineStart && index + 1 < characters.count && (characters[index + 1] == " " || characters[index + 1] == "\t"):
                // a list bullet
                atLineStart = false
                result.append(character)
                continue
            case "*", "_":
                // possible emphasis: paired after Ink has rendered (see `Emphasis`)
                atLineStart = false
                result.unicodeScalars.append(character == "*" ? Placeholder.asterisk : Placeholder.underscore)
                continue
            case "&" where isEntity(characters, after: index):
                // A well-formed entity displays as what it names; Ink copies it as is.
                atLineStart = false
                result.append(character)
                continue
            default:
                break
            }

            atLineStart = false
            for scalar in character.unicodeScalars {
                switch scalar {
                case "<": result.unicodeScalars.append(Placeholder.lessThan)
                case ">": result.unicodeScalars.append(Placeholder.greaterThan)
                case "\"": result.unicodeScalars.append(Placeholder.quote)
                case "&": result.unicodeScalars.append(Placeholder.ampersand)
                default: result.unicodeScalars.append(scalar)
                }
            }
        }
        return withoutFutileImageMarkers(result)
    }

    /// Ink tries (and fails, slowly) to read an image at every `!`; only `!` before a real `[` can start one.
    private static func withoutFutileImageMarkers(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let startsImage = index + 1 < scalars.count && scalars[index + 1] == "["
            result.append(scalar == "!" && !startsImage ? Placeholder.exclamationMark : scalar)
        }
        return String(result)
    }

    /// One line ending style, no control characters, no forged placeholders.
    private static func cleanScalars(_ source: String) -> String {
        var result = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in source.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar.value {
            case 0x0D:
                result.append("\n")
            case 0x0A:
                if !previousWasCarriageReturn { result.append(scalar) }
            case 0x09:
                result.append(scalar)
            case 0x00...0x1F, 0x7F:
                continue
            default:
                result.append(Placeholder.isReserved(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(result)
    }

    /// Ink swallows a leading `---` block as metadata; turn that rule into `***` so the text stays visible.
    private static func guardAgainstMetadata(_ text: String) -> String {
        let body = text.drop(while: { $0.isWhitespace })
        guard body.hasPrefix("---\n") else { return text }
        return String(text[..<body.startIndex]) + "***" + body.dropFirst(3)
    }

    /// Lines that would make a table too large keep their `|` as text.
    private static func limitTables(_ text: String) -> String {
        var lines: [Substring] = []
        var rows = 0
        var columns = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.drop(while: { $0 == " " || $0 == "\t" }).first == "|" else {
                rows = 0
                columns = 0
                lines.append(line)
                continue
            }
            let pipes = line.reduce(0) { $1 == "|" ? $0 + 1 : $0 }
            if pipes <= maximumTableColumns, (rows + 1) * max(columns, pipes) <= maximumTableCells {
                rows += 1
                columns = max(columns, pipes)
                lines.append(line)
            } else {
                let scalars = line.unicodeScalars.map { $0 == "|" ? Placeholder.pipe : $0 }
                lines.append(Substring(String(String.UnicodeScalarView(scalars))))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A line of three or more `*` (spaces between allowed) starting at `index`: a thematic break.
    private static func isRule(_ characters: [Character], at index: Int) -> Bool {
        let line = characters[index...].prefix { $0 != "\n" }
        return line.allSatisfy { $0 == "*" || $0 == " " || $0 == "\t" } && line.count { $0 == "*" } >= 3
    }

    /// `&name;`, `&#123;` or `&#x1F600;` starting at `index`.
    private static func isEntity(_ characters: [Character], after index: Int) -> Bool {
        var cursor = index + 1
        func next() -> Character? { cursor < characters.count ? characters[cursor] : nil }

        var count = 0
        if next() == "#" {
            cursor += 1
            let isHex = next() == "x" || next() == "X"
            if isHex { cursor += 1 }
            while let character = next(), isHex ? character.isHexDigit : ("0"..."9").contains(character) {
                guard character.isASCII else { return false }
                count += 1
                cursor += 1
            }
            guard (1...(isHex ? 6 : 7)).contains(count) else { return false }
        } else {
            while let character = next(), character.isASCII, character.isLetter || character.isNumber {
                guard count > 0 || character.isLetter else { return false }
                count += 1
                cursor += 1
            }
            guard (2...32).contains(count) else { return false }
        }
        return next() == ";"
    }
}

/// Emphasis as CommonMark pairs it (spec 0.31, section 6.4), applied to Ink's output.
///
/// Ink pairs any two markers of one strength (`__b**` is bold) and sees emphasis inside words (`snake_case_name`).
/// So `Neutraliser` hides every `*` and `_` that is not a list bullet or a rule behind a placeholder, Ink renders
/// without emphasis, and this pass runs CommonMark's delimiter algorithm over each block's text: left- and
/// right-flanking runs, `_` not inside words, the rule of three, `<strong>` for pairs of two and `<em>` for one.
/// Tags Ink wrote count as punctuation (they stand for `[`, `` ` ``, `!` in the source); a link's text is its own
/// scope, as in CommonMark; code keeps its characters as written.
enum Emphasis {
    static func apply(_ html: String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count + html.utf8.count / 8)
        var scope = Scope()
        var scopes: [Scope] = []  // enclosing scopes while inside a link's text
        var index = html.startIndex

        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = String(html[index...close])
                let name = tagName(tag)
                index = html.index(after: close)
                if name == "code" || name == "pre" {
                    // code as written: everything up to its closing tag, placeholders back to their characters
                    let end = html[index...].firstRange(of: "</\(name)>")
                    let body = html[index..<(end?.lowerBound ?? html.endIndex)]
                    let closing = end.map { String(html[$0]) } ?? ""
                    index = end?.upperBound ?? html.endIndex
                    let code = tag + literal(body) + closing
                    if name == "pre" { output += scope.render(); scope = Scope(); output += code } else { scope.append(.other(code)) }
                } else if name == "a" {
                    scope.append(.other(tag))
                    scopes.append(scope)
                    scope = Scope()
                } else if name == "/a", var outer = scopes.popLast() {
                    outer.append(.other(scope.render() + tag))
                    scope = outer
                } else if blockTags.contains(name.hasPrefix("/") ? String(name.dropFirst()) : name) {
                    while var outer = scopes.popLast() {  // an unclosed link cannot span blocks
                        outer.append(.other(scope.render()))
                        scope = outer
                    }
                    output += scope.render() + tag
                    scope = Scope()
                } else {
                    scope.append(name == "br" || name == "br/" ? .space(tag) : .other(tag))
                }
                continue
            }
            if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";") {
                scope.append(.other(String(html[index...semicolon])))
                index = html.index(after: semicolon)
                continue
            }
            switch character.unicodeScalars.first {
            case Placeholder.asterisk, Placeholder.underscore:
                let run = html[index...].prefix { $0 == character }
                scope.appendRun(character == Character(Placeholder.asterisk) ? "*" : "_", count: run.count)
                index = run.endIndex
            default:
                scope.append(.character(character))
                index = html.index(after: index)
            }
        }
        while var outer = scopes.popLast() {
            outer.append(.other(scope.render()))
            scope = outer
        }
        return output + scope.render()
    }

    /// Inside code: the placeholders become what the writer typed (escapes keep their backslash).
    static func literal(_ text: Substring) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case Placeholder.asterisk: result += "*"
            case Placeholder.underscore: result += "_"
            case Placeholder.escapedAsterisk: result += "\\*"
            case Placeholder.escapedUnderscore: result += "\\_"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static let blockTags: Set<String> = [
        "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "thead", "tbody", "tr", "td", "th",
        "hr", "hr/", "div",
    ]

    private static func tagName(_ tag: String) -> String {
        String(tag.dropFirst().prefix { !$0.isWhitespace && $0 != ">" }).lowercased()
    }
}

/// One block's (or one link text's) inline content while emphasis is worked out.
private struct Scope {
    enum Unit {
        case character(Character)
        /// Markup or an entity: punctuation for flanking.
        case other(String)
        /// A line break: whitespace for flanking.
        case space(String)
        case run(Int)
    }

    struct Run {
        let marker: Character
        let unit: Int
        var count: Int
        let original: Int
        var canOpen = false
        var canClose = false
        var openTags = ""
        var closeTags = ""
    }

    var units: [Unit] = []
    var runs: [Run] = []

    mutating func append(_ unit: Unit) { units.append(unit) }

    mutating func appendRun(_ marker: Character, count: Int) {
        runs.append(Run(marker: marker, unit: units.count, count: count, original: count))
        units.append(.run(runs.count - 1))
    }

    /// The HTML of the scope with its emphasis resolved.
    mutating func render() -> String {
        guard !runs.isEmpty else { return units.map(Self.text).joined() }
        classify()
        pair()
        var result = ""
        for unit in units {
            if case .run(let index) = unit {
                let run = runs[index]
                result += run.closeTags + String(repeating: run.marker, count: run.count) + run.openTags
            } else {
                result += Self.text(unit)
            }
        }
        return result
    }

    private static func text(_ unit: Unit) -> String {
        switch unit {
        case .character(let character): String(character)
        case .other(let text), .space(let text): text
        case .run: ""
        }
    }

    private enum Kind { case whitespace, punctuation, other }

    private func kind(at position: Int) -> Kind {
        guard units.indices.contains(position) else { return .whitespace }  // the start and end of a line
        switch units[position] {
        case .space: return .whitespace
        case .other, .run: return .punctuation
        case .character(let character):
            if character.isWhitespace { return .whitespace }
            if character.isPunctuation || character.isSymbol { return .punctuation }
            if let scalar = character.unicodeScalars.first, Placeholder.isReserved(scalar) { return .punctuation }  // < & " > …
            return .other
        }
    }

    private mutating func classify() {
        for index in runs.indices {
            let before = kind(at: runs[index].unit - 1), after = kind(at: runs[index].unit + 1)
            let leftFlanking = after != .whitespace && (after != .punctuation || before != .other)
            let rightFlanking = before != .whitespace && (before != .punctuation || after != .other)
            if runs[index].marker == "*" {
                runs[index].canOpen = leftFlanking
                runs[index].canClose = rightFlanking
            } else {
                runs[index].canOpen = leftFlanking && (!rightFlanking || before == .punctuation)
                runs[index].canClose = rightFlanking && (!leftFlanking || after == .punctuation)
            }
        }
    }

    /// CommonMark's "process emphasis" over the runs, as a doubly linked list of the runs still in play.
    private mutating func pair() {
        var previous = Array(-1..<(runs.count - 1)), next = Array(1...runs.count)
        next[runs.count - 1] = -1
        func remove(_ index: Int) {
            if previous[index] >= 0 { next[previous[index]] = next[index] }
            if next[index] >= 0 { previous[next[index]] = previous[index] }
        }
        // How far back an opener was already looked for, per marker, closer length mod 3 and whether it can open.
        var openersBottom: [String: Int] = [:]
        var current = 0
        while current >= 0 {
            let closer = runs[current]
            guard closer.canClose else { current = next[current]; continue }
            let key = "\(closer.marker)\(closer.original % 3)\(closer.canOpen)"
            let bottom = openersBottom[key] ?? -1
            var opener = previous[current]
            while opener >= 0, opener > bottom {
                let candidate = runs[opener]
                if candidate.marker == closer.marker, candidate.canOpen {
                    let bothWays = candidate.canClose || closer.canOpen
                    let ruleOfThree = bothWays && (candidate.original + closer.original) % 3 == 0
                        && !(candidate.original % 3 == 0 && closer.original % 3 == 0)
                    if !ruleOfThree { break }
                }
                opener = previous[opener]
            }
            if opener >= 0, opener > bottom {
                let strong = runs[opener].count >= 2 && closer.count >= 2
                let used = strong ? 2 : 1, tag = strong ? "strong" : "em"
                runs[opener].count -= used
                runs[opener].openTags = "<\(tag)>" + runs[opener].openTags
                runs[current].count -= used
                runs[current].closeTags += "</\(tag)>"
                var between = next[opener]
                while between >= 0, between != current {
                    let following = next[between]
                    remove(between)
                    between = following
                }
                next[opener] = current
                previous[current] = opener
                if runs[opener].count == 0 { remove(opener) }
                if runs[current].count == 0 {
                    let following = next[current]
                    remove(current)
                    current = following
                }
            } else {
                openersBottom[key] = previous[current]
                let following = next[current]
                if !closer.canOpen { remove(current) }
                current = following
            }
        }
    }
}

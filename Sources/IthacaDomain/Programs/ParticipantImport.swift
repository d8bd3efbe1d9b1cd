import Foundation

/// One participant from an HR export, checked and ready to apply.
public struct ParticipantRow: Sendable, Equatable {
    public var email: String
    public var name: String
    public var organisation: String
    public var team: String
    public var title: String
    public var managerEmail: String?
    public var role: EnrolmentRole
    /// Offered by mentors, wanted by mentees and peers.
    public var skills: [String]
    public var goals: String
    /// nil keeps the person's current zone (UTC for someone new).
    public var timeZone: String?
    public var capacity: Int
}

/// A participants CSV read line by line: every row with its problems, so a dry run can show them all and applying
/// skips exactly the bad ones.
public struct ParticipantImport: Sendable {
    public struct Line: Sendable, Equatable {
        public var line: Int
        public var email: String
        public var row: ParticipantRow?
        public var errors: [String]
    }

    public enum Column: String, Sendable, CaseIterable {
        case email, name, organisation, team, title, managerEmail = "manager email", role, skills, goals
        case timeZone = "time zone", capacity
    }

    public static let maximumRows = 200_000
    public static let required: [Column] = [.email, .name, .role]

    public var lines: [Line]

    public var validRows: [ParticipantRow] { lines.compactMap(\.row) }
    public var errorCount: Int { lines.count { $0.row == nil } }

    /// Reads `csv` (a header row, then one participant per row) for a program of `kind`.
    public static func read(_ csv: String, kind: ProgramKind) throws(IthacaError) -> ParticipantImport {
        let records: [CSVText.Record]
        do { records = try CSVText.parse(csv) } catch { throw .invalid("csv", error.message) }
        guard let header = records.first else {
            throw .invalid("csv", "The file is empty. Export participants with a header row: " + Self.headerHint + ".")
        }
        var position: [Column: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            if let column = column(named: name), position[column] == nil { position[column] = index }
        }
        let missing = required.filter { position[$0] == nil }
        if !missing.isEmpty {
            throw .invalid("csv", "The header row lacks the column\(missing.count == 1 ? "" : "s") "
                + missing.map { "“\($0.rawValue)”" }.joined(separator: ", ") + ". Expected: " + Self.headerHint + ".")
        }
        if records.count - 1 > maximumRows {
            throw .invalid("csv", "Import at most \(FieldChecker.grouped(maximumRows)) participants at a time (this file has \(FieldChecker.grouped(records.count - 1))).")
        }
        var seen: [String: Int] = [:]
        var lines: [Line] = []
        lines.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            func value(_ column: Column) -> String {
                guard let index = position[column], index < record.fields.count else { return "" }
                return trimmed(record.fields[index])
            }
            var line = check(value, kind: kind, line: record.line)
            if let row = line.row {
                if let first = seen[row.email] {
                    line.errors.append("\(row.email) already appears on line \(first); each person once, please.")
                    line.row = nil
                } else {
                    seen[row.email] = record.line
                }
            }
            lines.append(line)
        }
        return ParticipantImport(lines: lines)
    }

    /// Whitespace trimmed from both ends, on scalars (Foundation's trimming costs more than the rest of a row's checks).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    static var headerHint: String { Column.allCases.map(\.rawValue).joined(separator: ", ") }

    /// "Manager Email", "manager_email" and "managerEmail" all name the same column; "organization" too.
    static func column(named raw: String) -> Column? {
        let key = raw.lowercased().filter(\.isLetter)
        switch key {
        case "organization", "org", "company": return .organisation
        case "timezone", "tz": return .timeZone
        case "jobtitle": return .title
        case "fullname": return .name
        case "manager": return .managerEmail
        default: return Column.allCases.first { $0.rawValue.filter(\.isLetter) == key }
        }
    }

    static func check(_ value: (Column) -> String, kind: ProgramKind, line: Int) -> Line {
        var errors: [String] = []
        let rawEmail = value(.email)
        var email = rawEmail.lowercased()
        do { email = try EmailAddress.normalized(rawEmail) } catch {
            errors.append(rawEmail.isEmpty ? "The email is missing." : "“\(rawEmail.prefix(60))” is not an email address.")
        }
        let name = value(.name)
        if name.isEmpty { errors.append("The name is missing.") } else if name.count > 100 { errors.append("The name is longer than 100 characters.") }
        for column in [Column.organisation, .team, .title] where value(column).count > 100 {
            errors.append("The \(column.rawValue) is longer than 100 characters.")
        }
        var managerEmail: String?
        let rawManager = value(.managerEmail)
        if !rawManager.isEmpty {
            do { managerEmail = try EmailAddress.normalized(rawManager) } catch {
                errors.append("The manager email “\(rawManager.prefix(60))” is not an email address.")
            }
            if managerEmail == email { errors.append("A person cannot be their own manager.") }
        }
        let rawRole = value(.role).lowercased()
        let role: EnrolmentRole? = switch rawRole {
        case "mentee", "mentor", "peer": EnrolmentRole(rawValue: rawRole)
        case "coach": .mentor
        default: nil
        }
        if role == nil {
            errors.append(rawRole.isEmpty ? "The role is missing (mentor, mentee or peer)." : "The role “\(rawRole.prefix(30))” is not mentor, mentee or peer.")
        } else if let role, !kind.roles.contains(role) {
            errors.append("A \(kind.label.lowercased()) program has no \(role.rawValue)s; use " + kind.roles.map(\.rawValue).joined(separator: " or ") + ".")
        }
        let skills = SkillTag.cleanList(value(.skills).split(whereSeparator: { $0 == ";" || $0 == "|" || $0 == "," }).map(String.init))
        if skills.count > 30 { errors.append("List at most 30 skills (there are \(skills.count)).") }
        if skills.contains(where: { $0.count > 50 }) { errors.append("Keep each skill to 50 characters or fewer.") }
        let goals = value(.goals)
        if goals.count > 2_000 { errors.append("The goals are longer than 2,000 characters.") }
        let rawZone = value(.timeZone)
        if !rawZone.isEmpty, !TimeZones.isValid(rawZone) {
            errors.append("“\(rawZone.prefix(40))” is not a time zone; use a name like Europe/Paris or America/New_York.")
        }
        var capacity = 0
        let rawCapacity = value(.capacity)
        if role == .mentor {
            if rawCapacity.isEmpty {
                capacity = 1
            } else if let number = Int(rawCapacity), EnrolmentAnswers.allowedCapacity.contains(number) {
                capacity = number
            } else {
                errors.append("The capacity “\(rawCapacity.prefix(10))” must be a whole number from 1 to 20.")
            }
        }
        let fine = errors.isEmpty
        let row = ParticipantRow(
            email: email, name: name, organisation: value(.organisation), team: value(.team), title: value(.title),
            managerEmail: managerEmail, role: role ?? .mentee, skills: skills, goals: goals,
            timeZone: rawZone.isEmpty ? nil : rawZone, capacity: capacity)
        return Line(line: line, email: email, row: fine ? row : nil, errors: errors)
    }
}

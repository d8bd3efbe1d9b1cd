import Foundation

/// RFC 4180 CSV: reading what spreadsheets and HR systems export, writing what they open safely.
public enum CSVText {
    public struct Record: Sendable, Equatable {
        /// 1-based line of the file the record starts on, for error messages.
        public var line: Int
        public var fields: [String]
    }

    public enum ParseError: Error, Sendable, Equatable {
        case unterminatedQuote(line: Int)
        case quoteInsideField(line: Int)

        public var message: String {
            switch self {
            case .unterminatedQuote(let line):
                "A quoted field that starts on line \(line) is never closed: add the missing \" or remove the stray one."
            case .quoteInsideField(let line):
                "Line \(line) has a \" in the middle of a field that is not quoted: quote the whole field and double the \" (\"\")."
            }
        }
    }

    /// Splits CSV text into records (comma-separated, double-quote quoting, CRLF or LF); a byte-order mark and
    /// blank lines are skipped. Works on UTF-8 bytes, so 100,000 rows take milliseconds.
    public static func parse(_ text: String) throws(ParseError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case comma: endField()
                case quote:
                    guard field.isEmpty, !fieldWasQuoted else { throw .quoteInsideField(line: line) }
                    inQuotes = true
                    fieldWasQuoted = true
                case cr, lf:
                    if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    if fieldWasQuoted { throw .quoteInsideField(line: line) }
                    field.append(byte)
                }
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    /// One CSV line (with CRLF) of `fields`, each quoted when it needs to be and defused against formula injection.
    public static func row(_ fields: [String]) -> String {
        fields.map(cell).joined(separator: ",") + "\r\n"
    }

    /// A field as written to a CSV cell. Text a spreadsheet would run as a formula (starting with =, +, -, @, a tab
    /// or a carriage return) gets a leading apostrophe (OWASP's advice), and the cell is quoted when it contains a
    /// comma, quote or line break.
    public static func cell(_ value: String) -> String {
        var text = value
        let isFormula = text.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        if isFormula { text = "'" + text }
        let needsQuotes = isFormula || text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

import Foundation
import IthacaDomain
import Testing

@Test func csvReadsQuotesEscapedQuotesLineBreaksAndCRLF() throws {
    let text = "\u{FEFF}email,name\r\n\"a@x.org\",\"Lovelace, Ada\"\r\nb@x.org,\"Says \"\"hi\"\"\non two lines\"\n\nc@x.org,\n"
    let records = try CSVText.parse(text)
    #expect(records.map(\.fields) == [
        ["email", "name"], ["a@x.org", "Lovelace, Ada"], ["b@x.org", "Says \"hi\"\non two lines"], ["c@x.org", ""],
    ])
    // line numbers are where each record starts, for error messages
    #expect(records.map(\.line) == [1, 2, 3, 6])
}

@Test func csvRefusesBrokenQuotingWithTheLine() {
    #expect(throws: CSVText.ParseError.unterminatedQuote(line: 2)) { try CSVText.parse("a,b\n\"open,b\nc,d\n") }
    #expect(throws: CSVText.ParseError.quoteInsideField(line: 1)) { try CSVText.parse("ab\"c,d\n") }
    #expect(throws: CSVText.ParseError.quoteInsideField(line: 1)) { try CSVText.parse("\"ab\"c,d\n") }
}

@Test(arguments: ["=SUM(A1:A9)", "+1", "-2+3", "@cmd", "\tx", "\rx"])
func csvCellsThatCouldRunAsFormulasAreDefused(_ value: String) {
    let cell = CSVText.cell(value)
    #expect(cell.hasPrefix("\"'"), "\(cell)")
    // and reading the cell back gives the text with the apostrophe, never a formula
    let read = try? CSVText.parse(cell + "\n").first?.fields.first
    #expect(read == "'" + value || value.hasPrefix("\r"))
}

@Test func csvRowsRoundTrip() throws {
    let fields = ["plain", "with, comma", "with \"quote\"", "two\nlines", ""]
    #expect(try CSVText.parse(CSVText.row(fields)).first?.fields == fields)
    #expect(CSVText.row(["a", "b"]) == "a,b\r\n")
}

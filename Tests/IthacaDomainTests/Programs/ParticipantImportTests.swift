import Foundation
import IthacaDomain
import Testing

private let header = "Email,Name,Organization,Team,Title,Manager Email,Role,Skills,Goals,Time zone,Capacity\n"

@Test func goodRowsAreReadAndEveryBadRowSaysWhatToFix() throws {
    let csv = header + """
        Ada@Example.com ,Ada Lovelace,Analytical,Engines,Engineer,babbage@example.com,mentee,Swift; System design,Lead a team,Europe/London,
        babbage@example.com,Charles Babbage,Analytical,,Director,,Coach,Leadership|Math,,Europe/London,3
        ,Nameless,,,,,mentee,,,,
        grace@example.com,,,,,grace@example.com,pilot,,,Mars/Base,
        ada@example.com,Ada Again,,,,,mentee,,,,
        turing@example.com,Alan Turing,,,,,mentor,,,,21
        """
    let read = try ParticipantImport.read(csv, kind: .oneToOne)
    #expect(read.lines.count == 6)
    let ada = try #require(read.lines[0].row)
    #expect(ada.email == "ada@example.com" && ada.managerEmail == "babbage@example.com" && ada.role == .mentee)
    #expect(ada.skills == ["Swift", "System design"] && ada.timeZone == "Europe/London" && ada.capacity == 0)
    let babbage = try #require(read.lines[1].row)
    #expect(babbage.role == .mentor && babbage.capacity == 3 && babbage.skills == ["Leadership", "Math"])
    #expect(read.lines[2].errors == ["The email is missing."])
    #expect(Set(read.lines[3].errors) == [
        "The name is missing.", "A person cannot be their own manager.", "The role “pilot” is not mentor, mentee or peer.",
        "“Mars/Base” is not a time zone; use a name like Europe/Paris or America/New_York.",
    ])
    #expect(read.lines[4].errors == ["ada@example.com already appears on line 2; each person once, please."])
    #expect(read.lines[5].errors == ["The capacity “21” must be a whole number from 1 to 20."])
    #expect(read.validRows.count == 2 && read.errorCount == 4)
    #expect(read.lines.map(\.line) == [2, 3, 4, 5, 6, 7])
}

@Test func aHeaderWithoutTheRequiredColumnsIsRefusedAsAWhole() {
    let errors = fieldErrors { () throws(IthacaError) in try ParticipantImport.read("mail,full name\na@b.c,Ada\n", kind: .oneToOne) }
    #expect(errors.count == 1)
    #expect(errors.first?.message.contains("“email”, “role”") == true)
    #expect(fieldErrors { () throws(IthacaError) in try ParticipantImport.read("", kind: .oneToOne) }.first?.message.hasPrefix("The file is empty") == true)
    #expect(fieldErrors { () throws(IthacaError) in try ParticipantImport.read("email,name,role\n\"a,b\n", kind: .oneToOne) }.first?.message.contains("never closed") == true)
}

@Test func rolesMustFitTheProgramKind() throws {
    let csv = "email,name,role\na@example.com,Ann,peer\nb@example.com,Bo,mentee\n"
    let peers = try ParticipantImport.read(csv, kind: .peer)
    #expect(peers.lines[0].row != nil)
    #expect(peers.lines[1].errors == ["A peer mentoring program has no mentees; use peer."])
    let oneToOne = try ParticipantImport.read(csv, kind: .oneToOne)
    #expect(oneToOne.lines[0].row == nil && oneToOne.lines[1].row != nil)
}

@Test func readingThirtyThousandRowsIsCorrect() throws {
    var csv = header
    for index in 0..<30_000 {
        csv += "p\(index)@example.com,Person \(index),Org \(index % 7),,,\(index > 0 ? "p\(index / 10)@example.com" : ""),\(index % 5 == 0 ? "mentor" : "mentee"),Swift;Go,,UTC,2\n"
    }
    let read = try ParticipantImport.read(csv, kind: .oneToOne)
    #expect(read.validRows.count == 30_000)
    #expect(read.validRows.count { $0.role == .mentor } == 6_000)
}

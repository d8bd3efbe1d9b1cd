import Foundation
import IthacaDomain
import Testing

private func event(
    summary: String = "Mentoring: Ana & Ben", description: String = "Agenda: career plan", sequence: Int = 0,
    email: String? = "ana@example.org", status: ICalendarEvent.Status = .confirmed
) -> ICalendarEvent {
    ICalendarEvent(
        uid: "6f1c7d2e-0000-4000-8000-000000000001@ithaca", sequence: sequence,
        dtstamp: instant("2025-03-01T12:34:56Z").addingTimeInterval(0.789), start: instant("2025-03-10T09:00:00Z"),
        end: instant("2025-03-10T09:45:00Z"), summary: summary, description: description, organizerName: "Ana Silva",
        organizerEmail: email, status: status)
}

/// The document's content lines, unfolded (RFC 5545 §3.1: a CRLF followed by one space is removed).
private func unfoldedLines(_ document: String) -> [String] {
    let unfolded = document.replacingOccurrences(of: "\r\n ", with: "")
    return unfolded.components(separatedBy: "\r\n").dropLast().map { $0 }
}

@Test func documentHasTheRequiredStructure() {
    // when one meeting is written as an invitation
    let lines = unfoldedLines(ICalendar.document(events: [event(sequence: 2)], method: .request))
    // then the calendar and event properties come in order, with UTC times and seconds truncated
    #expect(
        lines == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ithaca//Mentorship 1.0//EN", "CALSCALE:GREGORIAN", "METHOD:REQUEST",
            "BEGIN:VEVENT", "UID:6f1c7d2e-0000-4000-8000-000000000001@ithaca", "SEQUENCE:2", "DTSTAMP:20250301T123456Z",
            "DTSTART:20250310T090000Z", "DTEND:20250310T094500Z", "SUMMARY:Mentoring: Ana & Ben",
            "DESCRIPTION:Agenda: career plan", #"ORGANIZER;CN="Ana Silva":mailto:ana@example.org"#, "STATUS:CONFIRMED",
            "END:VEVENT", "END:VCALENDAR",
        ])
}

@Test func everyLineEndsWithCRLFAndNoBareLineFeedsRemain() {
    let document = ICalendar.document(events: [event(description: "line one\nline two\r\nline three\rfour")], method: .publish)
    #expect(document.hasSuffix("END:VCALENDAR\r\n"))
    let withoutCRLF = document.replacingOccurrences(of: "\r\n", with: "")
    #expect(!withoutCRLF.contains("\n") && !withoutCRLF.contains("\r"))
}

@Test func textIsEscaped() {
    let lines = unfoldedLines(
        ICalendar.document(
            events: [event(summary: #"Plans; goals, and C:\path"#, description: "one\r\ntwo\nthree\rfour\tend")], method: .publish))
    #expect(lines.contains(#"SUMMARY:Plans\; goals\, and C:\\path"#))
    #expect(lines.contains(#"DESCRIPTION:one\ntwo\nthree\nfour end"#))
}

@Test func controlCharactersAreDroppedFromText() {
    let lines = unfoldedLines(ICalendar.document(events: [event(summary: "bell\u{07}ring\u{0}")], method: .publish))
    #expect(lines.contains("SUMMARY:bellring"))
}

@Test func longLinesFoldAtSeventyFiveOctets() {
    // given a 300-character description
    let text = String(repeating: "abcdefghij", count: 30)
    let document = ICalendar.document(events: [event(description: text)], method: .publish)
    let physical = document.components(separatedBy: "\r\n").dropLast()
    // then no physical line is longer than 75 octets, continuations start with a space, and unfolding restores it
    #expect(physical.allSatisfy { $0.utf8.count <= 75 })
    let descriptionLines = physical.drop { !$0.hasPrefix("DESCRIPTION:") }.prefix { $0.hasPrefix("DESCRIPTION:") || $0.hasPrefix(" ") }
    #expect(descriptionLines.count == 5)
    #expect(descriptionLines.first?.utf8.count == 75)
    #expect(descriptionLines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
    #expect(unfoldedLines(document).contains("DESCRIPTION:" + text))
}

@Test func foldingNeverSplitsAMultiByteCharacter() {
    // given "SUMMARY:" (8 octets) then euro signs (3 octets each): 22 fit in 74 octets, a 23rd would make 77
    let euros = String(repeating: "€", count: 60)
    let document = ICalendar.document(events: [event(summary: euros)], method: .publish)
    let physical = document.components(separatedBy: "\r\n")
    let summary = physical.drop { !$0.hasPrefix("SUMMARY:") }
    // then the first line stops at 74 octets, before the character that would not fit
    #expect(summary.first == "SUMMARY:" + String(repeating: "€", count: 22))
    #expect(summary.first?.utf8.count == 74)
    // and the continuation holds 24 more (1 + 72 octets), every line within 75 octets
    #expect(summary.dropFirst().first == " " + String(repeating: "€", count: 24))
    #expect(physical.allSatisfy { $0.utf8.count <= 75 })
    #expect(unfoldedLines(document).contains("SUMMARY:" + euros))
}

@Test func foldingKeepsFourByteCharactersWhole() {
    let emoji = String(repeating: "🌱", count: 40)
    let document = ICalendar.document(events: [event(description: emoji)], method: .publish)
    let physical = document.components(separatedBy: "\r\n")
    #expect(physical.allSatisfy { $0.utf8.count <= 75 })
    // "DESCRIPTION:" is 12 octets, so 15 seedlings (60 octets) fit and a 16th would make 76
    #expect(physical.contains("DESCRIPTION:" + String(repeating: "🌱", count: 15)))
    #expect(unfoldedLines(document).contains("DESCRIPTION:" + emoji))
}

@Test func cancelMarksEveryEventCancelled() {
    let document = ICalendar.document(events: [event(sequence: 3)], method: .cancel)
    let lines = unfoldedLines(document)
    #expect(lines.contains("METHOD:CANCEL"))
    #expect(lines.contains("STATUS:CANCELLED"))
    #expect(!lines.contains("STATUS:CONFIRMED"))
    #expect(lines.contains("SEQUENCE:3"))
}

@Test func feedShowsCancelledMeetingsAsCancelled() {
    let lines = unfoldedLines(
        ICalendar.document(events: [event(status: .cancelled), event(summary: "Next one")], method: .publish))
    #expect(lines.filter { $0.hasPrefix("STATUS:") } == ["STATUS:CANCELLED", "STATUS:CONFIRMED"])
    #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2)
    #expect(lines.contains("METHOD:PUBLISH"))
}

@Test func organizerIsWrittenOnlyWithAnAddressAndItsNameIsQuotedSafely() {
    let without = unfoldedLines(ICalendar.document(events: [event(email: nil)], method: .publish))
    #expect(!without.contains { $0.hasPrefix("ORGANIZER") })
    var quoted = event()
    quoted.organizerName = #"Ana "the mentor" Silva"#
    let lines = unfoldedLines(ICalendar.document(events: [quoted], method: .request))
    #expect(lines.contains(#"ORGANIZER;CN="Ana the mentor Silva":mailto:ana@example.org"#))
}

@Test func emptyDescriptionIsLeftOut() {
    let lines = unfoldedLines(ICalendar.document(events: [event(description: "")], method: .publish))
    #expect(!lines.contains { $0.hasPrefix("DESCRIPTION") })
}

@Test func emptyCalendarIsStillAValidDocument() {
    #expect(
        ICalendar.document(events: [], method: .publish)
            == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ithaca//Mentorship 1.0//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
    )
}

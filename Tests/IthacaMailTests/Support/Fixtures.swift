import Foundation
import IthacaMail

/// Messages shared by the tests: one with everything a mentorship invite has.
enum Fixtures {
    /// Mon, 07 Dec 2026 09:30:00 +0000
    static let date = Date(timeIntervalSince1970: 1_796_635_800)

    static let subject = "Séance de mentorat — 日本語 ✓ confirmed for Monday morning with Zoë Ångström"

    static let text = """
        Hello Zoë,

        Your mentoring session is confirmed. Details are in the attached invite.
        A line with = signs, tabs\tand trailing space\u{20}
        \(String(repeating: "A very long line that must be soft-wrapped by quoted-printable. ", count: 4))
        From here on, nothing should be mangled.
        — Ithaca
        """

    static let html = """
        <html><body><p>Hello <b>Zoë</b>,</p><p>Your mentoring session is confirmed.</p>\
        <p>\(String(repeating: "Long paragraph text ", count: 10))</p></body></html>
        """

    static let calendar = Data(
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Ithaca//Mentorship//EN\r
        METHOD:REQUEST\r
        BEGIN:VEVENT\r
        UID:session-42@ithaca.example\r
        DTSTART:20261207T093000Z\r
        DTEND:20261207T103000Z\r
        SUMMARY:Séance de mentorat avec Zoë\r
        END:VEVENT\r
        END:VCALENDAR\r

        """.utf8)

    static func invite(to address: String = "mentee@example.org", subject: String = subject, text: String = text) throws
        -> EmailMessage
    {
        try EmailMessage(
            from: MailAddress("mentors@ithaca.example", name: "Ithaca Mentorship"),
            to: [MailAddress(address, name: "Zoë Ångström")],
            subject: subject,
            date: date,
            textBody: text,
            htmlBody: html,
            attachments: [
                EmailAttachment(
                    filename: "invite.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", data: calendar)
            ],
            extraHeaders: [
                EmailHeader("List-Unsubscribe", "<https://ithaca.example/unsubscribe/abc123>"),
                EmailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ]
        )
    }

    static func simple(to address: String = "mentee@example.org", subject: String = "Hello", text: String = "Hi there.\n")
        throws -> EmailMessage
    {
        try EmailMessage(
            from: MailAddress("mentors@ithaca.example"), to: [MailAddress(address)], subject: subject, date: date,
            textBody: text)
    }
}

/// Text as Python hands it back: LF line ends.
func lf(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n", with: "\n")
}

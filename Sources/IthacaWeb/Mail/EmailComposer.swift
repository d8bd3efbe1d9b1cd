import Foundation
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// User text in the HTML part of emails, escaped as pages escape it.
private func escape(_ text: String) -> String { Markdown.escapeHTML(text) }

/// A calendar file sent with a meeting email (`METHOD:REQUEST` when booked, `METHOD:CANCEL` when called off).
struct CalendarAttachment: Sendable, Equatable {
    let document: String
    let method: ICalendar.Method
}

/// The text of an email before it is rendered as RFC 5322.
struct Letter: Sendable, Equatable {
    var toAddress: String
    var toName: String
    var subject: String
    var text: String
    var html: String
    var calendar: CalendarAttachment?
    /// The signed link that turns this kind of email off in one click (`List-Unsubscribe`).
    var unsubscribeURL: String?
}

/// Writes every email Ithaca sends: notifications, digests and invitations. Plain text plus simple HTML (user text
/// escaped), each with a link to the page it concerns and one to change what the person receives.
struct EmailComposer: Sendable {
    let sender: MailSender
    let links: EmailLinks

    /// The email for one notification.
    func notification(to recipient: NotificationRecipient, kind: NotificationKind, text: String, url: String, calendar: CalendarAttachment?,
                      now: Date) -> OutboxMessage? {
        let link = links.absolute(url)
        let unsubscribe = links.unsubscribe(person: recipient.id, kind: kind)
        let greeting = Self.greeting(recipient.name)
        let footer = Self.footer(kind: kind, settings: links.absolute(SiteRoute.notificationSettings), unsubscribe: unsubscribe)
        let letter = Letter(
            toAddress: recipient.email, toName: recipient.name, subject: Self.subject(text),
            text: "\(greeting)\n\n\(text)\n\nOpen it in Ithaca: \(link)\n\n-- \n\(footer.text)\n",
            html: Self.html(greeting: greeting, paragraphs: [text], link: (link, "Open it in Ithaca"), footer: footer.html),
            calendar: calendar, unsubscribeURL: unsubscribe)
        return sender.outboxMessage(letter, kind: kind.rawValue, now: now)
    }

    /// One email with the person's waiting notifications, each linked, oldest first.
    func digest(to recipient: NotificationRecipient, weekly: Bool, items: [StoredNotification], now: Date) -> OutboxMessage? {
        let zone = recipient.timeZone ?? "UTC"
        let title = weekly ? "Your week in Ithaca" : "Your day in Ithaca"
        let unsubscribe = links.unsubscribe(person: recipient.id, kind: nil)
        let settings = links.absolute(SiteRoute.notificationSettings)
        let lines = items.map { item in
            "- \(item.text) (\(Format.day(item.createdAt, zone: zone)), \(Format.clock(item.createdAt, zone: zone)))\n  \(links.absolute(item.url))"
        }
        let greeting = Self.greeting(recipient.name)
        let count = items.count == 1 ? "1 thing happened" : "\(items.count) things happened"
        let text = "\(greeting)\n\n\(count) since your last digest:\n\n" + lines.joined(separator: "\n") + "\n\nYour inbox: "
            + links.absolute(SiteRoute.notifications) + "\n\n-- \nYou get this digest because of your notification settings: \(settings)\n"
            + "Stop all emails from Ithaca: \(unsubscribe)\n"
        let list = items.map { item in
            "<li><a href=\"\(escape(links.absolute(item.url)))\">\(escape(item.text))</a> "
                + "<span style=\"color:#555\">\(escape(Format.day(item.createdAt, zone: zone)))</span></li>"
        }.joined()
        let html = Self.page(
            "<p>\(escape(greeting))</p><p>\(escape(count)) since your last digest:</p><ul>\(list)</ul>"
                + "<p><a href=\"\(escape(links.absolute(SiteRoute.notifications)))\">Your inbox</a></p>"
                + Self.footerHTML("You get this digest because of your notification settings.", settings: settings, unsubscribe: unsubscribe,
                                  stopLabel: "Stop all emails from Ithaca"))
        let letter = Letter(toAddress: recipient.email, toName: recipient.name, subject: title, text: text, html: html,
                            calendar: nil, unsubscribeURL: unsubscribe)
        return sender.outboxMessage(letter, kind: weekly ? "weekly_digest" : "daily_digest", now: now)
    }

    /// The invitation: a single-use link to set a password (or use single sign-on) and join.
    func invitation(to address: String, name: String, zone: String?, programName: String?, invitedBy: String, link: String,
                    expiresAt: Date, now: Date) -> OutboxMessage? {
        let zone = zone ?? "UTC"
        let what = programName.map { "the mentoring program “\($0)” on Ithaca" } ?? "Ithaca, your organisation's mentoring platform"
        let expiry = "\(Format.day(expiresAt, zone: zone)) at \(Format.clock(expiresAt, zone: zone)) (\(zone))"
        let greeting = Self.greeting(name)
        let body = "\(invitedBy) invited you to \(what). Follow this link to choose a password (or sign in with your "
            + "organisation's account) and join:"
        let note = "The link works once and until \(expiry). If it has run out, ask a program admin to send a new invitation."
        let text = "\(greeting)\n\n\(body)\n\n\(link)\n\n\(note)\n"
        let html = Self.page(
            "<p>\(escape(greeting))</p><p>\(escape(body))</p><p><a href=\"\(escape(link))\">Join Ithaca</a></p>"
                + "<p style=\"color:#555\">\(escape(note))</p>")
        let subject = programName.map { "You're invited to \($0)" } ?? "You're invited to Ithaca"
        let letter = Letter(toAddress: address, toName: name, subject: subject, text: text, html: html, calendar: nil, unsubscribeURL: nil)
        return sender.outboxMessage(letter, kind: "invitation", now: now)
    }

    static func greeting(_ name: String) -> String { name.isEmpty ? "Hello," : "Hello \(name)," }

    /// The first sentence of the text, at most about 100 characters: mail clients show little more.
    static func subject(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard flat.count > 100 else { return flat }
        return String(flat.prefix(97)).trimmingCharacters(in: .whitespaces) + "…"
    }

    static func footer(kind: NotificationKind, settings: String, unsubscribe: String) -> (text: String, html: String) {
        let why = "You get this email because “\(kind.label)” is set to email in your notification settings."
        let text = "\(why)\nChange what you receive: \(settings)\nStop these emails: \(unsubscribe)"
        return (text, footerHTML(why, settings: settings, unsubscribe: unsubscribe, stopLabel: "Stop these emails"))
    }

    static func footerHTML(_ why: String, settings: String, unsubscribe: String, stopLabel: String) -> String {
        "<hr><p style=\"color:#555;font-size:90%\">\(escape(why)) <a href=\"\(escape(settings))\">Change what you receive</a> · "
            + "<a href=\"\(escape(unsubscribe))\">\(escape(stopLabel))</a></p>"
    }

    static func html(greeting: String, paragraphs: [String], link: (url: String, label: String), footer: String) -> String {
        page("<p>\(escape(greeting))</p>" + paragraphs.map { "<p>\(escape($0))</p>" }.joined()
             + "<p><a href=\"\(escape(link.url))\">\(escape(link.label))</a></p>" + footer)
    }

    static func page(_ body: String) -> String {
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ithaca</title></head>"
            + "<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">\(body)</body></html>"
    }
}

/// Absolute links for emails, and signed one-click unsubscribe links (HMAC with a secret every process shares, so
/// a link works without signing in and cannot be forged for someone else).
struct EmailLinks: Sendable {
    let base: String
    let signingKey: [UInt8]

    func absolute(_ path: String) -> String {
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }

    func unsubscribe(person: UUID, kind: NotificationKind?) -> String {
        let kindName = kind?.rawValue ?? "all"
        let signature = UnsubscribeSignature.sign(person: person, kind: kindName, key: signingKey)
        return absolute("\(SiteRoute.unsubscribe)?p=\(person.uuidString.lowercased())&k=\(kindName)&s=\(signature)")
    }
}

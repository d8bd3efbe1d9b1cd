import Foundation
import Hummingbird

/// Names and attributes of our cookies. Over HTTPS the `__Host-` prefix pins them to this host, Secure and Path=/.
struct SessionCookies: Sendable {
    let secure: Bool
    let sessionMaxAge: Int

    var sessionName: String { secure ? "__Host-ithaca_session" : "ithaca_session" }
    var csrfName: String { secure ? "__Host-ithaca_csrf" : "ithaca_csrf" }
    var flashName: String { secure ? "__Host-ithaca_flash" : "ithaca_flash" }

    func session(_ value: String) -> Cookie {
        Cookie(name: sessionName, value: value, maxAge: sessionMaxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func csrf(_ value: String) -> Cookie {
        Cookie(name: csrfName, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func flash(_ flash: Flash) -> Cookie {
        Cookie(name: flashName, value: flash.rawValue, maxAge: 60, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// One-time messages carried across a redirect. Codes, not text, so nothing a visitor types is ever reflected.
public enum Flash: String, Sendable {
    case welcome, signedIn, signedOut, profileSaved, passwordChanged, sessionEnded, otherSessionsEnded, tokenRevoked
    case requestSent, requestAccepted, requestDeclined, requestWithdrawn, agreementAcknowledged, mentorshipEnded

    var message: String {
        switch self {
        case .welcome: "Welcome to Ithaca! Tell people about yourself so the right mentors and mentees can find you."
        case .signedIn: "You're signed in."
        case .signedOut: "You're signed out. See you soon."
        case .profileSaved: "Profile saved."
        case .passwordChanged: "Password changed. Your other sessions and API tokens have been signed out."
        case .sessionEnded: "That session has been signed out."
        case .otherSessionsEnded: "All your other sessions have been signed out."
        case .tokenRevoked: "Token revoked."
        case .requestSent: "Your request is on its way. You'll see the answer here."
        case .requestAccepted: "You accepted. Read the draft agreement together, then both acknowledge it."
        case .requestDeclined: "Request declined. Thank you for answering."
        case .requestWithdrawn: "Request withdrawn."
        case .agreementAcknowledged: "Agreement acknowledged."
        case .mentorshipEnded: "The mentorship has ended."
        }
    }

    var kind: String {
        switch self {
        case .signedOut, .sessionEnded, .otherSessionsEnded, .tokenRevoked, .requestDeclined, .requestWithdrawn, .mentorshipEnded: "info"
        default: "success"
        }
    }
}

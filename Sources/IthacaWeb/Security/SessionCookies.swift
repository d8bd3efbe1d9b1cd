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
        }
    }

    var kind: String {
        switch self {
        case .signedOut, .sessionEnded, .otherSessionsEnded, .tokenRevoked: "info"
        default: "success"
        }
    }
}

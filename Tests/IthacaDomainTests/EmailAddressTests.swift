import Foundation
import IthacaDomain
import Testing

@Test func emailIsTrimmedAndLowercased() throws {
    // given an address typed with stray spaces and capitals
    // when it is normalised
    let address = try EmailAddress.normalized("  Ada.Lovelace@Example.ORG \n")
    // then it is in its canonical form
    #expect(address == "ada.lovelace@example.org")
}

@Test(arguments: [
    "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "a@b@example.com",
    "ada lovelace@example.com", "ada@exa mple.com", "ada@.example.com", "ada@example.com.", "ada@example..com",
])
func implausibleEmailIsRefusedWithAHelpfulMessage(raw: String) {
    // when an address without one @, a local part or a dotted domain is normalised
    let errors = fieldErrors { () throws(IthacaError) in try EmailAddress.normalized(raw) }
    // then the email field says what an address looks like
    #expect(errors == [FieldError(field: "email", message: "Enter an email address like name@example.com.")])
}

@Test func emptyEmailAsksForAnAddressUnderTheGivenField() {
    // when a blank address is normalised for a custom field
    let errors = fieldErrors { () throws(IthacaError) in try EmailAddress.normalized("   ", field: "inviteEmail") }
    // then the error is reported under that field
    #expect(errors.map(\.field) == ["inviteEmail"])
    #expect(errors.first?.message == "Enter your email address.")
}

@Test func emailLongerThan254CharactersIsRefused() throws {
    // given addresses exactly at and just over the limit
    let domain = "@example.com"
    let atLimit = String(repeating: "a", count: 254 - domain.count) + domain
    let overLimit = "a" + atLimit
    // then the first is accepted and the second refused
    #expect(try EmailAddress.normalized(atLimit) == atLimit)
    #expect(fieldErrors { () throws(IthacaError) in try EmailAddress.normalized(overLimit) }.count == 1)
}

@Test(arguments: [
    " \t Ada@Example.COM\r\n", "ÅSA@Exämple.com", "  ada@example.com\u{85}", "\u{2003}Ada@Example.com\u{2003}", "ada\u{7F}@example.com",
    "ada\u{0B}@example.com", "ada\u{200B}@example.com", "\u{0C}ADA@EXAMPLE.ORG\u{0B}",
])
func asciiAndUnicodeAddressesAreCleanedTheSameWay(raw: String) {
    // the byte-level path for ASCII gives what Foundation's trimming and lowercasing give
    let expected = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
    let plausible = expected.unicodeScalars.allSatisfy { !forbidden.contains($0) }
    let result = try? EmailAddress.normalized(raw)
    #expect(result == (plausible ? expected : nil), "\(raw.debugDescription)")
}

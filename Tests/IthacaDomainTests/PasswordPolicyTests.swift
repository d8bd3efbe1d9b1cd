import Foundation
import IthacaDomain
import Testing

@Test func commonPasswordListHoldsExactly3000Entries() {
    #expect(CommonPasswords.count == 3000)
}

@Test func commonPasswordsAreFoundIgnoringCase() {
    #expect(CommonPasswords.contains("password"))
    #expect(CommonPasswords.contains("QWERTYUIOP"))
    #expect(CommonPasswords.contains("12345678"))
    #expect(!CommonPasswords.contains("correct horse battery staple on the moon"))
}

@Test func theListHoldsOnlyPasswordsLongEnoughToPassTheLengthRule() {
    // ASVS 5.0 6.2.4: the 3,000 most common passwords that would otherwise meet the policy.
    #expect(!CommonPasswords.contains("123456"))
    #expect(!CommonPasswords.contains("qwerty"))
}

@Test(arguments: ["password", "12345678", "qwertyuiop", "Password", "iloveyou1", "sunshine", "baseball"])
func commonPasswordsAreRefused(password: String) {
    // when a top-3,000 password of 8+ characters is checked
    let errors = fieldErrors { () throws(IthacaError) in try PasswordPolicy.standard.check(password) }
    // then one message says it is too common
    #expect(errors.contains { $0.field == "password" && $0.message.contains("most common passwords") })
}

@Test func longPassphraseWithSpacesAndUnicodeIsAccepted() throws {
    // given a passphrase with spaces, accents and an emoji, and no digits or capitals
    let passphrase = "la mer est très calme ce soir 🌊"
    // then no composition rule refuses it
    try PasswordPolicy.standard.check(passphrase, email: "ada@example.com")
}

@Test func lengthCountsCharactersNotBytes() throws {
    // given eight emoji (many bytes each) and seven letters
    // then the emoji pass the 8-character minimum and the letters don't
    try PasswordPolicy.standard.check("🌊🌊🌊🌊🌊🌊🌊🌊")
    let errors = fieldErrors { () throws(IthacaError) in try PasswordPolicy.standard.check("zqxjkvw") }
    #expect(errors.map(\.message) == [
        "Use at least 8 characters. A few unrelated words make a strong password that is easy to remember."
    ])
}

@Test func passwordOverTheMaximumIsRefused() throws {
    // given passwords at and just over 1,024 characters
    try PasswordPolicy.standard.check(String(repeating: "z", count: 1024))
    let errors = fieldErrors { () throws(IthacaError) in
        try PasswordPolicy.standard.check(String(repeating: "z", count: 1025))
    }
    // then only the longer one is refused
    #expect(errors.map(\.message) == ["Use at most 1024 characters."])
}

@Test func emptyPasswordAsksForOne() {
    let errors = fieldErrors { () throws(IthacaError) in try PasswordPolicy.standard.check("", field: "newPassword") }
    #expect(errors == [FieldError(field: "newPassword", message: "Enter a password.")])
}

@Test func passwordEqualToEmailOrItsLocalPartIsRefused() throws {
    let email = "Grace.Hopper@example.com"
    // when the password is the whole address or the part before @, in any case
    for password in ["grace.hopper@example.com", "GRACE.HOPPER"] {
        let errors = fieldErrors { () throws(IthacaError) in try PasswordPolicy.standard.check(password, email: email) }
        // then it is refused
        #expect(errors.map(\.message) == ["Don't use your email address as your password."])
    }
    // and a password merely containing the local part is fine
    try PasswordPolicy.standard.check("grace.hopper rides a bicycle", email: email)
}

@Test func allProblemsAreReportedTogether() {
    // given a policy of 12 characters and a password that is short, common and equal to the email's local part
    let errors = fieldErrors { () throws(IthacaError) in
        try PasswordPolicy(minimumLength: 12).check("sunshine", email: "sunshine@example.com")
    }
    // then all three problems are listed under the same field
    #expect(errors.count == 3)
    #expect(Set(errors.map(\.field)) == ["password"])
}

@Test func customPolicyUsesItsOwnMinimum() {
    let policy = PasswordPolicy(minimumLength: 12, maximumLength: 64)
    let errors = fieldErrors { () throws(IthacaError) in try policy.check("zqxjkvwmpb") }
    #expect(errors.first?.message.hasPrefix("Use at least 12 characters.") == true)
}

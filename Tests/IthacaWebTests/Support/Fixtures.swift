import Foundation
import HTTPTypes
import HummingbirdTesting

/// A complete, valid profile form as the edit page would post it (fields named as in ProfileController).
func profileForm(name: String = "Ada Lovelace", _ overrides: [String: String] = [:]) -> [String: String] {
    var fields = [
        "name": name, "pronouns": "", "headline": "", "bio": "", "organization": "", "team": "", "title": "",
        "managerEmail": "", "tenureStart": "", "careerStage": "", "timeZone": "UTC", "languages": "",
        "skillsOffered": "", "skillsWanted": "", "goals": "", "strengths": "", "areasToGrow": "",
        "mentorCapacity": "0", "gender": "", "mentorGenderPreference": "any", "mentorOrganizationPreference": "either",
    ]
    fields.merge(overrides) { _, new in new }
    return fields
}

extension TestResponse {
    /// The raw Set-Cookie line for one cookie name, if the response sets it.
    func setCookieLine(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    /// The attributes of a Set-Cookie line, lowercased, without the name=value pair.
    func cookieAttributes(_ name: String) -> [String] {
        guard let line = setCookieLine(name) else { return [] }
        return line.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// The field names of a problem+json answer's errors.
    var errorFields: Set<String> {
        Set((object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
    }

    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
}

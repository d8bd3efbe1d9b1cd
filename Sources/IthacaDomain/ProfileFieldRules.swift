import Foundation

// The profile rules that need more than a length check, kept apart from the merge itself.
extension FieldChecker {
    mutating func apply(_ raw: String?, to target: inout String, _ rule: TextRule) {
        guard let raw, let value = text(raw, rule) else { return }
        target = value
    }

    mutating func apply(_ raw: [String]?, to target: inout [String], _ rule: ListRule) {
        guard let raw, let items = list(raw, rule) else { return }
        target = items
    }

    mutating func manager(_ raw: String, selfId: UUID, into profile: inout Profile) {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            profile.managerId = nil
        } else if let id = UUID(uuidString: value) {
            if id == selfId {
                add("managerId", "You can't be your own manager.")
            } else {
                profile.managerId = id
            }
        } else {
            add("managerId", "That manager isn't recognised. Choose your manager from the list of members.")
        }
    }

    mutating func tenureStart(_ raw: String, today: String, into profile: inout Profile) {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            profile.tenureStart = nil
        } else if !CalendarDay.isValid(value) {
            add("tenureStart", "Enter the date you started as YYYY-MM-DD, for example 2021-09-01.")
        } else if value > today {
            // Both are validated "YYYY-MM-DD", so string order is date order.
            add("tenureStart", "Your start date can't be in the future.")
        } else {
            profile.tenureStart = value
        }
    }

    mutating func careerStage(_ raw: String, into profile: inout Profile) {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            profile.careerStage = nil
        } else if let stage = CareerStage(rawValue: value.lowercased()) {
            profile.careerStage = stage
        } else {
            add("careerStage", "Choose a career stage: \(Self.choices(CareerStage.allCases.map(\.rawValue))).")
        }
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ raw: String, field: String, prompt: String, into target: inout Choice
    ) where Choice.RawValue == String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let choice = Choice(rawValue: value) {
            target = choice
        } else {
            add(field, "\(prompt): \(Self.choices(Choice.allCases.map(\.rawValue))).")
        }
    }

    /// ["a", "b", "c"] as "a, b or c".
    static func choices(_ values: [String]) -> String {
        guard let last = values.last else { return "" }
        let head = values.dropLast()
        return head.isEmpty ? last : head.joined(separator: ", ") + " or " + last
    }
}

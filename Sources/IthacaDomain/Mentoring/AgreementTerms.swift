import Foundation

/// What a mentor and mentee agree to: the part of an agreement either of them can edit.
public struct AgreementTerms: Equatable, Sendable, Codable {
    /// What the mentee wants to achieve (1–10 items, each at most 500 characters).
    public var objectives: [String]
    public var expectations: [Expectation]
    public var cadence: Cadence
    /// The first day, "YYYY-MM-DD".
    public var startDate: String
    /// The planned last day, "YYYY-MM-DD", after `startDate`.
    public var endDate: String
    public var confidentiality: String

    public init(
        objectives: [String], expectations: [Expectation] = Expectation.defaults, cadence: Cadence = .standard,
        startDate: String, endDate: String, confidentiality: String = AgreementTerms.defaultConfidentiality
    ) {
        self.objectives = objectives
        self.expectations = expectations
        self.cadence = cadence
        self.startDate = startDate
        self.endDate = endDate
        self.confidentiality = confidentiality
    }

    /// The confidentiality terms every agreement starts with.
    public static let defaultConfidentiality = "What we say stays between us unless we both agree."
    /// How long a mentorship runs unless the two agree otherwise.
    public static let defaultLengthInMonths = 3
    /// Most objectives one agreement holds.
    public static let maxObjectives = 10

    /// The draft made when a mentor accepts: the mentee's goal as the objective, the default expectations,
    /// cadence and confidentiality, ending 3 months after `startDate` ("YYYY-MM-DD"; Jan 31 ends Apr 30).
    public static func draft(goal: String, startDate: String) -> AgreementTerms {
        AgreementTerms(
            objectives: [goal], startDate: startDate,
            endDate: CalendarDay.adding(months: defaultLengthInMonths, to: startDate) ?? startDate)
    }

    /// The tidied terms; throws `.invalidFields` listing every problem.
    public func validated() throws(MentoringRuleViolation) -> AgreementTerms {
        var check = FieldChecker()
        var result = self
        result.objectives = objectives.compactMap { check.text($0, .objective) }.filter { !$0.isEmpty }
        if result.objectives.isEmpty, !check.hasError(for: "objectives") {
            check.add("objectives", "Write down at least one objective: what would make this mentorship a success?")
        }
        if result.objectives.count > Self.maxObjectives {
            check.add("objectives", "Keep to \(Self.maxObjectives) objectives or fewer, so you can focus.")
        }
        if expectations.isEmpty { check.add("expectations", "Keep at least one expectation you both sign up to.") }
        if expectations.contains(where: { $0.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            check.add("expectations", "Give each expectation a title.")
        }
        cadence.check(into: &check)
        if !CalendarDay.isValid(startDate) { check.add("startDate", "Enter the start date as YYYY-MM-DD.") }
        if !CalendarDay.isValid(endDate) {
            check.add("endDate", "Enter the end date as YYYY-MM-DD.")
        } else if CalendarDay.isValid(startDate), endDate <= startDate {
            check.add("endDate", "Choose an end date after the start date.")
        }
        if let text = check.required(
            confidentiality, .confidentiality, ifBlank: "Say how you will keep what you share confidential.")
        {
            result.confidentiality = text
        }
        try check.throwIfInvalid()
        return result
    }
}

extension CalendarDay {
    /// `day` ("YYYY-MM-DD") plus whole months, clamped to the month's last day; nil for an invalid day.
    public static func adding(months: Int, to day: String) -> String? {
        guard isValid(day) else { return nil }
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)
        guard let date = calendar.date(from: components),
            let later = calendar.date(byAdding: .month, value: months, to: date)
        else { return nil }
        let out = calendar.dateComponents([.year, .month, .day], from: later)
        return format(year: out.year ?? 0, month: out.month ?? 0, day: out.day ?? 0)
    }

    /// "YYYY-MM-DD" from numbers, zero-padded.
    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

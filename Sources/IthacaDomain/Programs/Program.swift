import Foundation

/// What kind of mentoring a program runs; decides who enrols as what and how a round groups people.
public enum ProgramKind: String, Sendable, Codable, CaseIterable {
    case oneToOne = "one_to_one"
    case groupCoaching = "group_coaching"
    case peer
    case reverse

    public var label: String {
        switch self {
        case .oneToOne: "1:1 mentoring"
        case .groupCoaching: "Group coaching"
        case .peer: "Peer mentoring"
        case .reverse: "Reverse mentoring"
        }
    }

    /// The roles a person may enrol as in this kind of program.
    public var roles: [EnrolmentRole] {
        switch self {
        case .oneToOne, .reverse, .groupCoaching: [.mentee, .mentor]
        case .peer: [.peer]
        }
    }
}

/// How participants find each other: on their own from the directory and recommendations, in admin rounds, or both.
public enum MatchingMode: String, Sendable, Codable, CaseIterable {
    case selfServe = "self_serve"
    case rounds
    case both

    public var label: String {
        switch self {
        case .selfServe: "Self-serve: mentees choose from recommendations"
        case .rounds: "Matching rounds run by program admins"
        case .both: "Both"
        }
    }

    public var showsRecommendations: Bool { self != .rounds }
    public var allowsRounds: Bool { self != .selfServe }
}

/// The program's own rules for time and requests (the site defaults when not changed).
public struct ProgramPolicies: Sendable, Codable, Equatable {
    public var minimumNoticeHours: Int
    public var lateCancelHours: Int
    public var cadence: Cadence
    public var requestExpiryDays: Int

    public init(minimumNoticeHours: Int = 48, lateCancelHours: Int = 24, cadence: Cadence = .standard, requestExpiryDays: Int = 14) {
        self.minimumNoticeHours = minimumNoticeHours
        self.lateCancelHours = lateCancelHours
        self.cadence = cadence
        self.requestExpiryDays = requestExpiryDays
    }

    public static let allowedNoticeHours = 0...336
    public static let allowedLateCancelHours = 0...168
    public static let allowedExpiryDays = 1...90

    public var bookingPolicy: BookingPolicy {
        BookingPolicy(minimumNotice: TimeInterval(minimumNoticeHours) * 3600, lateCancellationWindow: TimeInterval(lateCancelHours) * 3600)
    }
}

/// A program as an admin describes it: checked all at once so the form shows every problem.
public struct ProgramDetails: Sendable, Codable, Equatable {
    public var name: String
    public var description: String
    public var kind: ProgramKind
    /// Calendar days, `yyyy-MM-dd`.
    public var startDate: String
    public var endDate: String
    public var policies: ProgramPolicies
    public var enrolmentOpen: Bool
    public var matchingMode: MatchingMode

    public init(
        name: String, description: String = "", kind: ProgramKind = .oneToOne, startDate: String, endDate: String,
        policies: ProgramPolicies = ProgramPolicies(), enrolmentOpen: Bool = true, matchingMode: MatchingMode = .both
    ) {
        self.name = name
        self.description = description
        self.kind = kind
        self.startDate = startDate
        self.endDate = endDate
        self.policies = policies
        self.enrolmentOpen = enrolmentOpen
        self.matchingMode = matchingMode
    }

    /// The details tidied, or every problem as field errors.
    public func validated() throws(IthacaError) -> ProgramDetails {
        var check = FieldChecker()
        var result = self
        result.name = check.text(name, TextRule(field: "name", label: "program name", maxLength: 120)) ?? name
        if result.name.isEmpty, !check.hasError(for: "name") { check.add("name", "Give the program a name people will recognise.") }
        result.description = check.text(description, TextRule(field: "description", label: "description", maxLength: 4000, multiline: true)) ?? description
        let startValid = CalendarDay.isValid(startDate)
        let endValid = CalendarDay.isValid(endDate)
        if !startValid { check.add("startDate", "Enter the start date as YYYY-MM-DD, for example 2027-01-15.") }
        if !endValid { check.add("endDate", "Enter the end date as YYYY-MM-DD, for example 2027-06-30.") }
        // Valid "YYYY-MM-DD" strings sort like the days they name.
        if startValid, endValid, endDate <= startDate { check.add("endDate", "The program must end after it starts.") }
        if !ProgramPolicies.allowedNoticeHours.contains(policies.minimumNoticeHours) {
            check.add("minimumNoticeHours", "Booking notice must be between 0 and 336 hours (two weeks).")
        }
        if !ProgramPolicies.allowedLateCancelHours.contains(policies.lateCancelHours) {
            check.add("lateCancelHours", "The late-cancel window must be between 0 and 168 hours (a week).")
        }
        if !ProgramPolicies.allowedExpiryDays.contains(policies.requestExpiryDays) {
            check.add("requestExpiryDays", "Requests should expire after 1 to 90 days.")
        }
        if !Cadence.allowedWeeks.contains(policies.cadence.everyWeeks) {
            check.add("cadenceWeeks", "Meet somewhere between every week and every 12 weeks.")
        }
        if !Cadence.allowedMinutes.contains(policies.cadence.minutes) {
            check.add("cadenceMinutes", "Plan meetings of 15 to 180 minutes.")
        }
        if !check.errors.isEmpty { throw .validation(check.errors) }
        return result
    }
}

import FluentKit
import Foundation
import IthacaDomain

/// A row of `mentorships`, with its current agreement.
public final class MentorshipRecord: Model, @unchecked Sendable {
    public static let schema = "mentorships"

    @ID(key: .id) public var id: UUID?
    @Field(key: "request_id") var requestId: UUID
    @Field(key: "mentee_id") public var menteeId: UUID
    @Field(key: "mentor_id") public var mentorId: UUID
    @Field(key: "status") var statusCode: String
    @Field(key: "focus") var focusCode: String
    @Field(key: "agreement_terms") var agreementTerms: String
    @Field(key: "agreement_version") var agreementVersion: Int
    @Field(key: "acknowledged_by") var acknowledgedBy: String
    @OptionalField(key: "completion_agreed_by") var completionAgreedByCodes: String?
    /// Who ended the mentorship early; only they ever see `endReason`.
    @OptionalField(key: "ended_by") public var endedBy: UUID?
    @OptionalField(key: "end_reason") public var endReason: String?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// The program whose matching round proposed this mentorship, with the reasons shown to both people.
    @OptionalField(key: "program_id") public var programId: UUID?
    @OptionalField(key: "match_reasons") var matchReasonsText: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    init(request: MentorshipRequest, agreement: Agreement, now: Date) throws {
        id = UUID()
        requestId = request.id
        menteeId = request.menteeId
        mentorId = request.mentorId
        statusCode = MentorshipStatus.proposed.rawValue
        focusCode = request.details.focus.rawValue
        createdAt = now
        try apply(status: .proposed, agreement: agreement, now: now)
    }

    public var status: MentorshipStatus { MentorshipStatus(rawValue: statusCode) ?? .ended }
    public var focus: MentoringFocus { MentoringFocus(rawValue: focusCode) ?? .other }

    public var agreement: Agreement {
        let terms = (try? JSONDecoder().decode(AgreementTerms.self, from: Data(agreementTerms.utf8)))
            ?? AgreementTerms.draft(goal: "", startDate: "1970-01-01")
        let roles = Set(acknowledgedBy.split(separator: ",").compactMap { MentorshipRole(rawValue: String($0)) })
        return Agreement(storedTerms: terms, version: agreementVersion, acknowledgedBy: roles)
    }

    /// Stores a new status and agreement state.
    public func apply(status: MentorshipStatus, agreement: Agreement, now: Date) throws {
        statusCode = status.rawValue
        agreementTerms = String(decoding: try JSONEncoder().encode(agreement.terms), as: UTF8.self)
        agreementVersion = agreement.version
        acknowledgedBy = agreement.acknowledgedBy.map(\.rawValue).sorted().joined(separator: ",")
        updatedAt = now
    }

    /// The sides that asked to complete the mentorship.
    public var completionAgreedBy: Set<MentorshipRole> {
        get { Set((completionAgreedByCodes ?? "").split(separator: ",").compactMap { MentorshipRole(rawValue: String($0)) }) }
        set { completionAgreedByCodes = newValue.map(\.rawValue).sorted().joined(separator: ",") }
    }

    /// Why the matching round paired these two (empty for a mentorship that began with a request).
    public var matchReasons: [String] {
        matchReasonsText.flatMap { JSONColumn.decode([String].self, $0) } ?? []
    }

    /// Which side a person is on, or nil for anyone else.
    public func role(of person: UUID) -> MentorshipRole? {
        person == mentorId ? .mentor : person == menteeId ? .mentee : nil
    }

    /// The person on the other side from `role`.
    public func other(than role: MentorshipRole) -> UUID {
        role == .mentor ? menteeId : mentorId
    }
}

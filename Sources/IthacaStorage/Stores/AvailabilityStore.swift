import FluentKit
import Foundation
import IthacaDomain

/// A row of `availabilities`, keyed by the account id.
final class AvailabilityRecord: Model, @unchecked Sendable {
    static let schema = "availabilities"

    @ID(custom: "id", generatedBy: .user) var id: UUID?
    @Field(key: "availability") var json: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// Weekly availability per person.
public struct AvailabilityStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func availability(of person: UUID) async throws -> WeeklyAvailability? {
        guard let row = try await AvailabilityRecord.find(person, on: database.db) else { return nil }
        return try JSONDecoder().decode(WeeklyAvailability.self, from: Data(row.json.utf8))
    }

    /// Replaces a person's availability (already validated by the domain).
    public func save(_ availability: WeeklyAvailability, of person: UUID, now: Date) async throws {
        let row = try await AvailabilityRecord.find(person, on: database.db) ?? {
            let row = AvailabilityRecord()
            row.id = person
            return row
        }()
        row.json = String(decoding: try JSONEncoder().encode(availability), as: UTF8.self)
        row.updatedAt = now
        try await row.save(on: database.db)
    }
}

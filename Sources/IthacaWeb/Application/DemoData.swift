import Foundation
import IthacaStorage

/// Loads the demo community. Every demo account shares one published password, so it is hashed once.
public enum DemoData {
    @discardableResult
    public static func load(into database: IthacaDatabase, hasher: PasswordHasher, now: Date) async throws -> Int {
        let people = DemoCommunity.generate()
        let hash = try await hasher.hash(DemoCommunity.password)
        return try await DemoLoader(database: database).load(people: people, passwordHash: hash, now: now)
    }
}

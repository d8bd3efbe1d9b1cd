import Foundation

/// Who reports to whom, walked safely even when the data holds a loop.
public enum ReportingLine {
    /// The person's manager, that manager's manager and so on, nearest first; stops at the first repeat.
    public static func chainAbove(_ person: UUID, managerOf: (UUID) -> UUID?) -> [UUID] {
        var chain: [UUID] = []
        var seen: Set<UUID> = [person]
        var next = managerOf(person)
        while let manager = next, seen.insert(manager).inserted {
            chain.append(manager)
            next = managerOf(manager)
        }
        return chain
    }

    /// Whether making `newManager` the manager of `person` would make someone their own manager, directly or not.
    public static func wouldCreateCycle(person: UUID, newManager: UUID, managerOf: (UUID) -> UUID?) -> Bool {
        newManager == person || chainAbove(newManager, managerOf: managerOf).contains(person)
    }

    /// Whether one of `a` and `b` manages the other, directly or through others; false when they are the same person.
    public static func isInReportingLine(_ a: UUID, _ b: UUID, managerOf: (UUID) -> UUID?) -> Bool {
        chainAbove(b, managerOf: managerOf).contains(a) || chainAbove(a, managerOf: managerOf).contains(b)
    }
}

import Foundation
import IthacaDomain
import IthacaStorage

/// Program health: aggregates only, every figure through the small-cell rule. Program admins see their program's
/// dashboard, site admins every program's and the site's; to anyone else the dashboards do not exist.
public struct DashboardService: Sendable {
    let store: DashboardStore
    let programs: ProgramService
    let clock: AppClock

    /// What the viewer chose: one round's pairs (a cohort), and whole months (UTC) from … to.
    public struct Filter: Sendable, Equatable {
        public var round: UUID?
        /// "YYYY-MM"
        public var fromMonth: String?
        public var toMonth: String?

        public init(round: UUID? = nil, fromMonth: String? = nil, toMonth: String? = nil) {
            self.round = round
            self.fromMonth = fromMonth
            self.toMonth = toMonth
        }
    }

    /// A program's dashboard (its admins and site admins).
    public func program(_ id: UUID, _ filter: Filter, for viewer: Viewer) async throws -> Dashboard {
        let program: StoredProgram
        do { program = try await programs.requireAdmin(id, viewer) } catch IthacaError.forbidden(_) { throw IthacaError.notFound("program") }
        if let round = filter.round {
            guard try await programs.rounds(in: id, viewer: viewer).contains(where: { $0.id == round }) else {
                throw IthacaError.badRequest("That round is not one of \(program.details.name)’s rounds.")
            }
        }
        return try await dashboard(
            DashboardScope(program: id, round: filter.round, from: try Self.start(of: filter.fromMonth, "from"),
                           until: try Self.start(of: filter.toMonth, "to", next: true)),
            name: program.details.name, programWide: true, filter: filter)
    }

    /// The whole site's dashboard (site admins).
    public func site(_ filter: Filter, for viewer: Viewer) async throws -> Dashboard {
        guard viewer.isAdmin else { throw IthacaError.notFound("page") }
        guard filter.round == nil else { throw IthacaError.badRequest("Rounds belong to programs: open a program's dashboard to see one round.") }
        return try await dashboard(
            DashboardScope(from: try Self.start(of: filter.fromMonth, "from"), until: try Self.start(of: filter.toMonth, "to", next: true)),
            name: "All of Ithaca", programWide: false, filter: filter)
    }

    /// The first instant of a "YYYY-MM" month (or of the month after it), UTC.
    static func start(of month: String?, _ name: String, next: Bool = false) throws -> Date? {
        guard let month, !month.isEmpty else { return nil }
        let parts = month.split(separator: "-")
        guard month.count == 7, parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]), (2000...2200).contains(year),
            (1...12).contains(number)
        else { throw IthacaError.badRequest("\(name) must be a month written YYYY-MM, such as 2027-03.") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let first = calendar.date(from: DateComponents(year: year, month: number, day: 1))
        return next ? first.flatMap { calendar.date(byAdding: .month, value: 1, to: $0) } : first
    }

    func dashboard(_ scope: DashboardScope, name: String, programWide: Bool, filter: Filter) async throws -> Dashboard {
        if let from = scope.from, let until = scope.until, until <= from {
            throw IthacaError.badRequest("The “to” month must not be before the “from” month.")
        }
        let now = clock.now(), store = store
        // The panels are independent reads: run them side by side (SQLite readers do not block each other in WAL
        // mode), spread over two lanes (event loops, each with its own connection) so that the heavier panels
        // (measured at 100,000 participants) are split evenly, and the page waits for about half their sum.
        let (first, second) = (store.on(lane: 0), store.on(lane: 1))
        async let trends = first.trends(scope)
        async let outcomes = first.outcomes(scope)
        async let participants = first.participants(scope)
        async let goals = first.goals(scope)
        async let feedback = second.feedback(scope)
        async let matching = second.matching(scope)
        async let requests = second.requests(scope)
        async let activity = second.activity(scope, now: now)
        async let community = second.community(scope)
        let tables = [
            DashboardTables.participants(try await participants, programWide: programWide),
            DashboardTables.matching(try await matching),
            DashboardTables.activity(try await activity),
            DashboardTables.requests(try await requests),
            DashboardTables.feedback(try await feedback),
            DashboardTables.goals(try await goals),
            DashboardTables.outcomes(try await outcomes),
            DashboardTables.community(try await community),
        ]
        let series = DashboardTables.trends(try await trends, from: scope.from, until: scope.until ?? now)
        return Dashboard(name: name, filter: filter, tables: tables, trends: series)
    }
}

/// A dashboard as every viewer of it may see it: suppressed figures carry no value at all.
public struct Dashboard: Sendable {
    public let name: String
    public let filter: DashboardService.Filter
    public let tables: [Table]
    public let trends: [Trend]

    /// One panel, shown as a table (and offered as CSV).
    public struct Table: Sendable {
        public let id: String
        public let title: String
        public let figures: [Figure]
    }

    public struct Figure: Sendable {
        public let key: String
        public let label: String
        public let value: Disclosed
        public let unit: Unit
    }

    public enum Unit: String, Sendable {
        case count, percent, days, hours, rating, perPairPerMonth
    }

    /// A monthly series, drawn as a chart with its numbers as a table.
    public struct Trend: Sendable {
        public let id: String
        public let title: String
        public let description: String
        public let unit: String
        public let months: [(month: String, value: Disclosed)]
    }

    public func table(_ id: String) -> Table? { tables.first { $0.id == id } }
}

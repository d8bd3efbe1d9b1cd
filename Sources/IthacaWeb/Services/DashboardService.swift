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
        let now = clock.now()
        var counts = PanelCounts()
        for panel in try await panels(scope, now: now) { counts.add(panel) }
        guard let participants = counts.participants, let matching = counts.matching, let activity = counts.activity,
            let requests = counts.requests, let feedback = counts.feedback, let goals = counts.goals, let outcomes = counts.outcomes,
            let community = counts.community, let trends = counts.trends
        else { throw IthacaError.unavailable("The dashboard could not be read in full; try again.") }
        let tables = [
            DashboardTables.participants(participants, programWide: programWide),
            DashboardTables.matching(matching),
            DashboardTables.activity(activity),
            DashboardTables.requests(requests),
            DashboardTables.feedback(feedback),
            DashboardTables.goals(goals),
            DashboardTables.outcomes(outcomes),
            DashboardTables.community(community),
        ]
        let series = DashboardTables.trends(trends, from: scope.from, until: scope.until ?? now)
        return Dashboard(name: name, filter: filter, tables: tables, trends: series)
    }

    /// The panels are independent reads: run them side by side, one worker per lane (event loop, each with its own
    /// connection; SQLite readers do not block each other in WAL mode), each worker taking the next panel when it is
    /// done, heaviest first, so the page waits for about the sum of the panels divided by the lanes.
    func panels(_ scope: DashboardScope, now: Date) async throws -> [Panel] {
        let queue = PanelQueue(), store = store
        return try await withThrowingTaskGroup(of: [Panel].self) { group in
            for lane in 0..<min(store.lanes, 4) {
                let reader = store.on(lane: lane)
                group.addTask {
                    var done: [Panel] = []
                    while let kind = await queue.next() { done.append(try await kind.read(reader, scope, now: now)) }
                    return done
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}

extension DashboardService {
    /// One panel's counts, as read.
    enum Panel: Sendable {
        case participants(DashboardCounts.Participants), matching(DashboardCounts.Matching), activity(DashboardCounts.Activity)
        case requests(DashboardCounts.Requests), feedback(DashboardCounts.Feedback), goals(DashboardCounts.Goals)
        case outcomes(DashboardCounts.Outcomes), community(DashboardCounts.Community), trends(DashboardCounts.Trends)

        /// Which panel to read.
        enum Kind: CaseIterable {
            // heaviest first (measured at 100,000 participants), so no lane is left with a heavy one at the end
            case trends, feedback, activity, outcomes, matching, requests, participants, goals, community

            func read(_ store: DashboardStore, _ scope: DashboardScope, now: Date) async throws -> Panel {
                switch self {
                case .trends: .trends(try await store.trends(scope))
                case .feedback: .feedback(try await store.feedback(scope))
                case .activity: .activity(try await store.activity(scope, now: now))
                case .outcomes: .outcomes(try await store.outcomes(scope))
                case .matching: .matching(try await store.matching(scope))
                case .requests: .requests(try await store.requests(scope))
                case .participants: .participants(try await store.participants(scope))
                case .goals: .goals(try await store.goals(scope))
                case .community: .community(try await store.community(scope))
                }
            }
        }
    }

    /// The panels not taken yet.
    actor PanelQueue {
        private var waiting = Panel.Kind.allCases[...]
        func next() -> Panel.Kind? { waiting.popFirst() }
    }

    /// Every panel's counts, gathered from the lanes.
    struct PanelCounts {
        var participants: DashboardCounts.Participants?, matching: DashboardCounts.Matching?, activity: DashboardCounts.Activity?
        var requests: DashboardCounts.Requests?, feedback: DashboardCounts.Feedback?, goals: DashboardCounts.Goals?
        var outcomes: DashboardCounts.Outcomes?, community: DashboardCounts.Community?, trends: DashboardCounts.Trends?

        mutating func add(_ panel: Panel) {
            switch panel {
            case .participants(let c): participants = c
            case .matching(let c): matching = c
            case .activity(let c): activity = c
            case .requests(let c): requests = c
            case .feedback(let c): feedback = c
            case .goals(let c): goals = c
            case .outcomes(let c): outcomes = c
            case .community(let c): community = c
            case .trends(let c): trends = c
            }
        }
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

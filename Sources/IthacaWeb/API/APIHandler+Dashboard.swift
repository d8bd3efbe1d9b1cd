import Foundation
import IthacaAPI
import IthacaDomain
import OpenAPIRuntime

/// Program-health dashboards through the JSON API: the same figures as the pages, suppressed ones as null.
extension APIHandler {
    func siteDashboard(_ input: Operations.SiteDashboard.Input) async throws -> Operations.SiteDashboard.Output {
        let filter = try Self.filter(round: input.query.round, from: input.query.from, to: input.query.to)
        return .ok(.init(body: .json(try Self.dashboard(await services.dashboards.site(filter, for: try viewer())))))
    }

    func programDashboard(_ input: Operations.ProgramDashboard.Input) async throws -> Operations.ProgramDashboard.Output {
        let filter = try Self.filter(round: input.query.round, from: input.query.from, to: input.query.to)
        let program = try Self.id(input.path.programId, "program")
        return .ok(.init(body: .json(try Self.dashboard(await services.dashboards.program(program, filter, for: try viewer())))))
    }

    static func filter(round: String?, from: String?, to: String?) throws -> DashboardService.Filter {
        var filter = DashboardService.Filter(fromMonth: from.flatMap(\.nonEmpty), toMonth: to.flatMap(\.nonEmpty))
        if let round = round.flatMap(\.nonEmpty) {
            guard let id = UUID(uuidString: round) else { throw IthacaError.badRequest("round must be one of the program's rounds.") }
            filter.round = id
        }
        return filter
    }

    static func dashboard(_ d: Dashboard) throws -> Components.Schemas.Dashboard {
        .init(
            name: d.name, round: d.filter.round?.uuidString.lowercased(), from: d.filter.fromMonth, to: d.filter.toMonth,
            tables: try d.tables.map { table in
                .init(id: table.id, title: table.title, figures: try table.figures.map { figure in
                    .init(key: figure.key, label: figure.label, unit: .init(rawValue: figure.unit.rawValue) ?? .count,
                          value: try OpenAPIValueContainer(unvalidatedValue: figure.value.value), suppressed: figure.value == .suppressed,
                          display: Format.figure(figure.value, figure.unit))
                })
            },
            trends: try d.trends.map { trend in
                .init(id: trend.id, title: trend.title, unit: trend.unit, months: try trend.months.map { month in
                    .init(month: month.month, value: try OpenAPIValueContainer(unvalidatedValue: month.value.value.map { Int($0) }),
                          suppressed: month.value == .suppressed)
                })
            })
    }
}

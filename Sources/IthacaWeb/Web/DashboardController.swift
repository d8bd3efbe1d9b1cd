import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// Program health dashboards: a program's (its admins, site admins) and the site's (site admins), with a
/// cohort and month filter, each panel as a table with its CSV, and monthly trends as charts beside their numbers.
struct DashboardController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.programDashboardPattern)) { request, context in try await page(request, context, program: true) }
        router.get(RouterPath(SiteRoute.programDashboardCSVPattern)) { request, context in try await csv(request, context, program: true) }
        router.get(RouterPath(SiteRoute.siteDashboard)) { request, context in try await page(request, context, program: false) }
        router.get(RouterPath(SiteRoute.siteDashboardCSV)) { request, context in try await csv(request, context, program: false) }
    }

    static func filter(_ request: Request) throws -> DashboardService.Filter {
        let q = request.uri.queryParameters
        var filter = DashboardService.Filter(fromMonth: q.get("from").flatMap(\.nonEmpty), toMonth: q.get("to").flatMap(\.nonEmpty))
        if let round = q.get("round").flatMap(\.nonEmpty) {
            guard let id = UUID(uuidString: round) else { throw IthacaError.badRequest("round must be one of the program's rounds.") }
            filter.round = id
        }
        return filter
    }

    func dashboard(_ request: Request, _ context: AppRequestContext, program: Bool) async throws -> (Dashboard, programId: UUID?) {
        let viewer = try context.signedIn()
        let filter = try Self.filter(request)
        if program {
            let id = try context.id("programId", "program")
            return (try await services.dashboards.program(id, filter, for: viewer), id)
        }
        return (try await services.dashboards.site(filter, for: viewer), nil)
    }

    func page(_ request: Request, _ context: AppRequestContext, program: Bool) async throws -> Response {
        let (dashboard, programId) = try await dashboard(request, context, program: program)
        let base = programId.map(SiteRoute.programDashboard) ?? SiteRoute.siteDashboard
        let query = [("round", dashboard.filter.round?.uuidString.lowercased() ?? ""), ("from", dashboard.filter.fromMonth ?? ""),
                     ("to", dashboard.filter.toMonth ?? "")].filter { !$0.1.isEmpty }
        let tables = dashboard.tables.map { table -> ViewModel in
            ["id": table.id, "title": table.title,
             "csvUrl": base + ".csv" + SiteRoute.query(query + [("table", table.id)]),
             "rows": table.figures.map { ["label": $0.label, "value": Format.figure($0.value, $0.unit), "suppressed": $0.value == .suppressed] as ViewModel }]
        }
        let trends = dashboard.trends.map { trend -> ViewModel in
            let chart = MonthlyChart(
                title: trend.title, description: trend.description, unit: trend.unit,
                points: trend.months.map { (label: Format.month($0.month), value: $0.value.value) })
            return ["id": trend.id, "title": trend.title, "svg": chart.svg(idPrefix: "chart-\(trend.id)"), "hasMonths": !trend.months.isEmpty,
                    "csvUrl": base + ".csv" + SiteRoute.query(query + [("table", "trend-" + trend.id)]),
                    "rows": trend.months.map { ["month": Format.month($0.month), "value": Format.figure($0.value, .count),
                                                "suppressed": $0.value == .suppressed] as ViewModel }]
        }
        var rounds: [ViewModel] = []
        if let programId, let viewer = context.viewer {
            rounds = try await services.programs.rounds(in: programId, viewer: viewer).map { round in
                ["value": round.id.uuidString.lowercased(), "selected": round.id == dashboard.filter.round,
                 "label": "Round of \(Format.timestamp(round.createdAt))\(round.publishedAt == nil ? "" : " (published)")"] as ViewModel
            }
        }
        let model: ViewModel = [
            "name": dashboard.name, "isProgram": programId != nil, "url": base, "tables": tables, "trends": trends,
            "rounds": rounds, "hasRounds": !rounds.isEmpty, "from": dashboard.filter.fromMonth ?? "", "to": dashboard.filter.toMonth ?? "",
            "isFiltered": !query.isEmpty, "programUrl": programId.map(SiteRoute.programAdmin) ?? "",
        ]
        return services.pages.page("dashboard", model, title: "Program health: \(dashboard.name)", context: context, nav: .programs)
    }

    /// One table (or one trend, `trend-<id>`) as CSV; suppressed cells are empty with `suppressed` set.
    func csv(_ request: Request, _ context: AppRequestContext, program: Bool) async throws -> Response {
        let (dashboard, _) = try await dashboard(request, context, program: program)
        let name = request.uri.queryParameters.get("table") ?? ""
        var text: String
        if name.hasPrefix("trend-"), let trend = dashboard.trends.first(where: { "trend-" + $0.id == name }) {
            text = CSVText.row(["month", trend.unit, "suppressed"])
            for (month, value) in trend.months {
                text += CSVText.row([month, value.value.map { String(Int($0)) } ?? "", value == .suppressed ? "true" : "false"])
            }
        } else if let table = dashboard.table(name) {
            text = CSVText.row(["figure", "label", "value", "unit", "suppressed"])
            for figure in table.figures {
                text += CSVText.row([figure.key, figure.label, figure.value.value.map(Self.plain) ?? "", figure.unit.rawValue,
                                     figure.value == .suppressed ? "true" : "false"])
            }
        } else {
            throw IthacaError.badRequest("table must name one of the dashboard's tables: "
                + (dashboard.tables.map(\.id) + dashboard.trends.map { "trend-" + $0.id }).joined(separator: ", ") + ".")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"dashboard-\(name).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A figure's number for machines: integers without decimals, others to four places.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4f", value)
    }
}

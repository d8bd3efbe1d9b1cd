import Foundation
import Testing
@testable import IthacaWeb

@Suite struct MonthlyChartTests {
    private func months(_ values: [Double?]) -> [(label: String, value: Double?)] {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return values.enumerated().map { ("\(names[$0.offset % 12]) \(2027 + $0.offset / 12)", $0.element) }
    }

    private func assertSafe(_ svg: String) {
        #expect(!svg.contains("style="))
        #expect(!svg.contains("<script"))
        #expect(!svg.lowercased().contains("nan"))
        #expect(!svg.lowercased().contains("inf"))
    }

    @Test func titleAndDescAreReferencedByAriaLabelledby() {
        let chart = MonthlyChart(title: "Sessions", description: "Mentoring sessions per month.", unit: "sessions",
                                 points: months([10, 20, 42, nil, 7, 12]))
        let svg = chart.svg(idPrefix: "sessions")
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"sessions-title sessions-desc\""))
        #expect(svg.contains("<title id=\"sessions-title\">Sessions</title>"))
        #expect(svg.contains("<desc id=\"sessions-desc\">Mentoring sessions per month. From Jan 2027 to Jun 2027: highest 42 sessions in Mar 2027; lowest 7 sessions in May 2027; 1 month shown as fewer than 5.</desc>"))
        #expect(svg.contains("width=\"100%\""))
        assertSafe(svg)
    }

    @Test func titleIsEscaped() {
        let svg = MonthlyChart(title: "<b>&\"", description: "", unit: "", points: months([1])).svg(idPrefix: "x")
        #expect(svg.contains("<title id=\"x-title\">&lt;b&gt;&amp;&quot;</title>"))
        #expect(!svg.contains("<b>"))
    }

    @Test func suppressedMonthsAreLabelledPlaceholders() {
        let svg = MonthlyChart(title: "T", description: "", unit: "", points: months([8, nil])).svg(idPrefix: "s")
        #expect(svg.contains("class=\"chart-suppressed\""))
        #expect(svg.contains("aria-label=\"Feb 2027: fewer than 5\""))
        #expect(svg.components(separatedBy: "class=\"chart-bar\"").count == 2)
    }

    @Test func allSuppressedSeriesRendersSafely() {
        let svg = MonthlyChart(title: "T", description: "", unit: "", points: months([nil, nil, nil])).svg(idPrefix: "n")
        assertSafe(svg)
        #expect(svg.components(separatedBy: "class=\"chart-suppressed\"").count == 4)
        #expect(svg.contains("From Jan 2027 to Mar 2027: every month shown as fewer than 5."))
    }

    @Test func allZeroSeriesRendersSafely() {
        let svg = MonthlyChart(title: "T", description: "", unit: "", points: months([0, 0, 0])).svg(idPrefix: "z")
        assertSafe(svg)
        #expect(svg.contains("0 in every month shown"))
    }

    @Test func emptyAndSinglePointSeries() {
        let empty = MonthlyChart(title: "T", description: "", unit: "", points: []).svg(idPrefix: "e")
        assertSafe(empty)
        #expect(empty.contains("No months to show."))
        let single = MonthlyChart(title: "T", description: "", unit: "%", points: [("2027-03", 12.5)]).svg(idPrefix: "o")
        assertSafe(single)
        #expect(single.contains("2027-03: 12.5% in 2027-03."))
    }

    @Test func twentyFourMonthsThinTheLabels() {
        let svg = MonthlyChart(title: "T", description: "", unit: "", points: months((0..<24).map { Double($0) }))
            .svg(idPrefix: "l")
        assertSafe(svg)
        #expect(svg.contains(">Jan 2027</text>") && svg.contains(">Mar 2027</text>"))
        #expect(!svg.contains(">Feb 2027</text>"))
        #expect(!svg.contains("class=\"chart-value\""))
    }

    @Test(arguments: [0.0, 1, 1.25, 3, 7, 42, 99.5, 100, 0.05, 12_345])
    func scaleHasThreeToFiveRoundTicks(largest: Double) {
        let scale = ChartScale(covering: largest)
        #expect((3...5).contains(scale.ticks.count))
        #expect(scale.maximum >= largest)
        for tick in scale.ticks {
            #expect(abs(tick * 10 - (tick * 10).rounded()) < 1e-6)
        }
    }

    @Test func numbersAreFormattedWithoutLocale() {
        #expect(ChartNumber.format(42) == "42")
        #expect(ChartNumber.format(1.25) == "1.3")
        #expect(ChartNumber.format(0.3 + 0.6) == "0.9")
        #expect(ChartNumber.format(-0.04) == "0")
        #expect(ChartNumber.format(-2.5) == "-2.5")
        #expect(ChartNumber.format(.nan) == "0")
        #expect(ChartNumber.format(12_345.0) == "12345")
    }

    @Test func fractionalValuesHaveAtMostOneDecimal() {
        let svg = MonthlyChart(title: "T", description: "", unit: "%", points: months([1.25, 0.5, 2.75])).svg(idPrefix: "f")
        assertSafe(svg)
        #expect(svg.range(of: #"\d\.\d\d"#, options: .regularExpression) == nil)
    }
}

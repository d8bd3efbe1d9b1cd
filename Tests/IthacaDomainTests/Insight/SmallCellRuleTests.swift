import IthacaDomain
import Testing

/// Small-cell suppression: fewer than 5 people is never shown, and neither is anything that gives such a figure back.
@Suite struct SmallCellRuleTests {
    @Test func countsOfOneToFourPeopleAreSuppressedZeroAndFiveAreShown() {
        #expect(SmallCellRule.disclose(.count(0)) == .shown(0))
        for small in 1...4 { #expect(SmallCellRule.disclose(.count(small)) == .suppressed) }
        #expect(SmallCellRule.disclose(.count(5)) == .shown(5))
        // a median over four people is suppressed, over none there is nothing to show
        #expect(SmallCellRule.discloseStatistic(Measured(3.5, people: 4)) == .suppressed)
        #expect(SmallCellRule.discloseStatistic(Measured(0, people: 0)) == .suppressed)
        #expect(SmallCellRule.discloseStatistic(Measured(3.5, people: 5)) == .shown(3.5))
    }

    @Test func aRateIsSuppressedWhenItsRestIsFewerThanFive() {
        #expect(SmallCellRule.rate(96, of: 100) == .suppressed, "it would say 4 people were not")
        #expect(SmallCellRule.rate(3, of: 100) == .suppressed)
        #expect(SmallCellRule.rate(4, of: 4) == .suppressed)
        #expect(SmallCellRule.rate(95, of: 100) == .shown(0.95))
        #expect(SmallCellRule.rate(0, of: 10) == .shown(0))
        #expect(SmallCellRule.rate(10, of: 10) == .shown(1))
    }

    @Test func aSuppressedPartTakesTheNextSmallestWithItSoTheTotalCannotGiveItBack() {
        // given 60 mentees, 24 mentors and 3 coaches out of 87
        let (total, parts) = SmallCellRule.partition(total: 87, parts: [60, 24, 3])
        #expect(total == .shown(87))
        #expect(parts == [.shown(60), .suppressed, .suppressed])
        // then what is visible never pins the hidden part down to one value
        let visible = parts.compactMap(\.value).reduce(0, +)
        #expect(87 - visible == 27 && parts.filter { $0 == .suppressed }.count >= 2)
    }

    @Test func twoSuppressedPartsProtectEachOtherAndZerosStayVisible() {
        #expect(SmallCellRule.partition(total: 20, parts: [13, 3, 4, 0]).parts == [.shown(13), .suppressed, .suppressed, .shown(0)])
        // one small part next to zeros only: nothing else can hide it, so the total goes
        let alone = SmallCellRule.partition(total: 7, parts: [7, 0]).parts
        #expect(alone == [.shown(7), .shown(0)])
        let (total, parts) = SmallCellRule.partition(total: 3, parts: [3, 0])
        #expect(total == .suppressed && parts == [.suppressed, .suppressed])
    }

    @Test func aSeriesWithOneSmallMonthHidesAnotherMonthToo() {
        let months = SmallCellRule.series([Measured(12, people: 9), Measured(2, people: 2), Measured(30, people: 20), Measured(0, people: 0)])
        #expect(months == [.suppressed, .suppressed, .shown(30), .shown(0)])
        let clear = SmallCellRule.series([Measured(12, people: 9), Measured(30, people: 20)])
        #expect(clear == [.shown(12), .shown(30)])
    }
}

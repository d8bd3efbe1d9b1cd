import Foundation
import IthacaDomain
import Testing

private let january = instant("2025-01-15T12:00:00Z")
private let july = instant("2025-07-15T12:00:00Z")

@Test func knownIanaZonesAndUtcAreValid() {
    #expect(TimeZones.isValid("Europe/Lisbon"))
    #expect(TimeZones.isValid("America/New_York"))
    #expect(TimeZones.isValid("UTC"))
    // current IANA names Foundation resolves even where its list still has only the old one (Asia/Calcutta)
    #expect(TimeZones.isValid("Asia/Kolkata") && TimeZones.all.contains("Asia/Kolkata"))
}

@Test(arguments: ["", "Mars/Olympus_Mons", "europe/lisbon", "EST", "GMT+5"])
func unknownOrNonIanaZonesAreInvalid(identifier: String) {
    #expect(!TimeZones.isValid(identifier))
}

@Test func allZonesAreSortedAndDistinct() {
    #expect(TimeZones.all == TimeZones.all.sorted())
    #expect(Set(TimeZones.all).count == TimeZones.all.count)
    #expect(TimeZones.all.contains("UTC"))
    #expect(TimeZones.all.count > 300)
}

@Test func newYorkOffsetFollowsDaylightSaving() {
    // then New York is UTC−5 in winter and UTC−4 in summer
    #expect(TimeZones.utcOffsetLabel(identifier: "America/New_York", at: january) == "UTC\u{2212}5")
    #expect(TimeZones.utcOffsetLabel(identifier: "America/New_York", at: july) == "UTC\u{2212}4")
}

@Test func offsetLabelsShowMinutesOnlyWhenNeeded() {
    #expect(TimeZones.utcOffsetLabel(identifier: "Asia/Kolkata", at: january) == "UTC+5:30")
    #expect(TimeZones.utcOffsetLabel(identifier: "Asia/Kathmandu", at: january) == "UTC+5:45")
    #expect(TimeZones.utcOffsetLabel(identifier: "America/St_Johns", at: january) == "UTC\u{2212}3:30")
    #expect(TimeZones.utcOffsetLabel(identifier: "Europe/London", at: january) == "UTC")
    #expect(TimeZones.utcOffsetLabel(identifier: "UTC", at: july) == "UTC")
    #expect(TimeZoneBand.utcOffsetLabel(identifier: "Europe/London", at: july) == "UTC+1")
}

@Test(arguments: [
    ("America/New_York", TimeZoneBand.americas),
    ("America/Sao_Paulo", .americas),
    ("Pacific/Honolulu", .americas),
    ("Atlantic/Azores", .europeAfrica),
    ("Atlantic/Cape_Verde", .europeAfrica),
    ("Atlantic/South_Georgia", .europeAfrica),
    ("Europe/Lisbon", .europeAfrica),
    ("Africa/Nairobi", .europeAfrica),
    ("Europe/Moscow", .europeAfrica),
    ("Asia/Tehran", .europeAfrica),
    ("Asia/Dubai", .asiaPacific),
    ("Asia/Kolkata", .asiaPacific),
    ("Australia/Sydney", .asiaPacific),
    ("Pacific/Kiritimati", .asiaPacific),
])
func zonesFallInTheBandOfTheirOffset(identifier: String, band: TimeZoneBand) {
    #expect(TimeZoneBand.of(identifier: identifier, at: january) == band)
}

@Test func bandFollowsDaylightSavingAtTheBoundary() {
    // given Newfoundland, UTC−3:30 in winter and UTC−2:30 in summer: both below −2h
    #expect(TimeZoneBand.of(identifier: "America/St_Johns", at: january) == .americas)
    #expect(TimeZoneBand.of(identifier: "America/St_Johns", at: july) == .americas)
    // and Dubai at exactly +4 is Asia-Pacific, while Tehran at +3:30 is not
    #expect(TimeZoneBand.of(identifier: "Asia/Dubai", at: july) == .asiaPacific)
    #expect(TimeZoneBand.of(identifier: "Asia/Tehran", at: july) == .europeAfrica)
}

@Test func unknownZoneHasNoBand() {
    #expect(TimeZoneBand.of(identifier: "Mars/Olympus_Mons", at: january) == nil)
}

@Test func bandLabelsNameTheirOffsets() {
    #expect(TimeZoneBand.americas.label == "Americas (UTC\u{2212}10 to \u{2212}3)")
    #expect(Set(TimeZoneBand.allCases.map(\.label)).count == 3)
}

import Foundation
import IthacaDomain
import Testing

@testable import IthacaStorage

/// The demo community is generated once; every test reads the same people.
private let people = DemoCommunity.generate()

@Test func aboutThreeHundredPeopleInThreeOrganisations() {
    #expect((290...310).contains(people.count))
    let organisations = Set(people.map(\.profile.organization))
    #expect(organisations == ["Northwind Labs", "Helios Health", "Open Harbor"])
    for organisation in organisations {
        #expect(people.filter { $0.profile.organization == organisation }.count >= 80)
    }
}

@Test func keysAreTheIndexes() {
    #expect(people.map(\.key) == Array(0..<people.count))
}

@Test func exactlyOneAdmin() {
    let admins = people.filter(\.isAdmin)
    #expect(admins.count == 1)
    #expect(admins.first?.email == "admin@ithaca.example")
    #expect(admins.first?.profile.name.isEmpty == false)
}

@Test func emailsAreUniqueLowercaseAndOnExampleDomains() {
    let emails = people.map(\.email)
    #expect(Set(emails).count == emails.count)
    for email in emails {
        #expect(email == email.lowercased())
        #expect(email.allSatisfy { $0.isASCII && !$0.isWhitespace }, "\(email)")
        let parts = email.split(separator: "@")
        #expect(parts.count == 2 && !parts[0].isEmpty, "\(email)")
        #expect(parts.last?.hasSuffix(".example") == true, "\(email)")
    }
}

@Test func namesAreUnique() {
    let names = people.map(\.profile.name)
    #expect(Set(names).count == names.count)
}

@Test func managersExistInTheSameOrganisationWithoutCycles() {
    var roots: [String: Int] = [:]
    for person in people {
        guard let managerKey = person.managerKey else {
            roots[person.profile.organization, default: 0] += 1
            continue
        }
        #expect(people.indices.contains(managerKey))
        #expect(managerKey != person.key)
        #expect(people[managerKey].profile.organization == person.profile.organization)
        #expect(person.profile.managerId == nil)

        // Walk up: the chain must end at the top within n steps.
        var seen: Set<Int> = [person.key]
        var current = managerKey
        while let next = people[current].managerKey {
            #expect(seen.insert(current).inserted, "cycle through \(current)")
            if seen.count > people.count { break }
            current = next
        }
    }
    // One executive at the top of each organisation.
    #expect(roots == ["Northwind Labs": 1, "Helios Health": 1, "Open Harbor": 1])
}

@Test func managersComeBeforeTheirReports() {
    for person in people {
        if let managerKey = person.managerKey { #expect(managerKey < person.key) }
    }
}

@Test func sameSeedSameCommunityOtherSeedOtherCommunity() {
    #expect(DemoCommunity.generate(seed: 2026) == people)
    #expect(DemoCommunity.generate(seed: 7) == DemoCommunity.generate(seed: 7))
    #expect(DemoCommunity.generate(seed: 7) != people)
}

@Test func everyProfileIsSane() {
    let today = "2026-09-30"
    for person in people {
        let profile = person.profile
        #expect(!profile.name.isEmpty && profile.name.count <= 100)
        #expect(TimeZone(identifier: profile.timeZone) != nil, "\(profile.timeZone)")
        #expect(!profile.organization.isEmpty && !profile.team.isEmpty && !profile.title.isEmpty)
        #expect(profile.careerStage != nil)
        #expect(!profile.headline.isEmpty && profile.headline.count <= 140, "\(profile.headline)")
        #expect(profile.bio.count <= 5_000 && profile.goals.count <= 2_000)
        #expect(profile.languages.first == "English")
        #expect(Set(profile.skillsOffered).isDisjoint(with: profile.skillsWanted))
        #expect(profile.skillsOffered.count <= 30 && profile.skillsWanted.count <= 30)
        #expect((profile.strengths + profile.areasToGrow).allSatisfy { $0.count <= 80 })
        if let start = profile.tenureStart {
            #expect(start.count == 10 && start >= "2012-01-01" && start <= today, "\(start)")
        } else {
            Issue.record("no tenure start for \(profile.name)")
        }
        if profile.openToMentoring {
            #expect((1...4).contains(profile.mentorCapacity))
        } else {
            #expect(profile.mentorCapacity == 0)
        }
    }
}

@Test func careerStagesFitTheOrgChart() {
    for person in people {
        let stage = person.profile.careerStage
        if person.managerKey == nil { #expect(stage == .executive) }
        let hasReports = people.contains { $0.managerKey == person.key }
        if hasReports { #expect(stage == .manager || stage == .executive) }
        if stage == .senior { #expect(person.profile.title.hasPrefix("Senior ")) }
    }
}

@Test func mentoringOpennessIsRealistic() {
    func share(_ predicate: (Profile) -> Bool) -> Double {
        Double(people.filter { predicate($0.profile) }.count) / Double(people.count)
    }
    #expect((0.25...0.45).contains(share(\.openToMentoring)))
    #expect((0.40...0.60).contains(share(\.openToBeingMentored)))
    #expect((0.15...0.35).contains(share(\.openToPeer)))
    // Mentors are mostly experienced; mentees mostly early and mid career.
    let mentors = people.filter(\.profile.openToMentoring)
    let experienced = mentors.filter { ($0.profile.careerStage?.rank ?? 0) >= CareerStage.senior.rank }
    #expect(Double(experienced.count) / Double(mentors.count) > 0.6)
}

@Test func theCommunityIsDiverse() {
    #expect(Set(people.map(\.profile.timeZone)).count >= 12)
    #expect(Set(people.flatMap(\.profile.languages)).count >= 15)
    #expect(Set(people.flatMap(\.profile.skillsOffered)).count >= 45)
    #expect(Set(people.map(\.profile.team)).count >= 25)
    #expect(people.filter { !$0.profile.bio.isEmpty }.count > people.count / 2)
    #expect(people.filter { $0.profile.pronouns.isEmpty }.count < people.count / 4)
    #expect(Set(people.map(\.profile.gender)).isSuperset(of: ["woman", "man", "non-binary", ""]))
}

@Test func thePasswordIsDocumentedValue() {
    #expect(DemoCommunity.password == "mentoring-demo-2026")
}

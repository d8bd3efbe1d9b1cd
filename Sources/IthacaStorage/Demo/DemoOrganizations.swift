import Foundation

/// One demo organisation: who leads it, how it is divided, and where its people live.
struct DemoOrganization {
    var name: String
    var domain: String
    var founded: Int
    var headcount: Int
    var executiveTitle: String
    /// Time zones weighted by how many people live there.
    var timeZones: [(String, Double)]
    var departments: [DemoDepartment]
}

struct DemoDepartment {
    var name: String
    var directorTitle: String
    var directorTrack: DemoTrack
    var teams: [DemoTeam]
}

struct DemoTeam {
    var name: String
    var managerTitle: String
    /// The individual contributors' role, levelled: "Senior \(role)", "Staff \(role)", …
    var role: String
    var track: DemoTrack
    /// Where most of the team sits; the rest follow the organisation's spread.
    var homeZone: String
}

/// The kind of work, which decides skills, headlines and strengths.
enum DemoTrack: CaseIterable {
    case backend, mobile, frontend, reliability, security, product, design, research, data, machineLearning
    case analytics, clinical, quality, regulatory, community, advocacy, docs, programs, education, leadership
}

extension DemoOrganization {
    static let all: [DemoOrganization] = [northwind, helios, openHarbor]

    static let northwind = DemoOrganization(
        name: "Northwind Labs", domain: "northwind.example", founded: 2012, headcount: 104,
        executiveTitle: "Chief Executive Officer",
        timeZones: [
            ("America/New_York", 5), ("America/Los_Angeles", 5), ("America/Chicago", 2), ("America/Toronto", 2),
            ("Europe/London", 3), ("Europe/Berlin", 2), ("Europe/Lisbon", 2), ("America/Sao_Paulo", 2),
        ],
        departments: [
            DemoDepartment(name: "Engineering", directorTitle: "VP of Engineering", directorTrack: .leadership, teams: [
                DemoTeam(name: "Platform", managerTitle: "Engineering Manager, Platform", role: "Backend Engineer", track: .backend, homeZone: "America/New_York"),
                DemoTeam(name: "Mobile", managerTitle: "Engineering Manager, Mobile", role: "Mobile Engineer", track: .mobile, homeZone: "America/Los_Angeles"),
                DemoTeam(name: "Web", managerTitle: "Engineering Manager, Web", role: "Frontend Engineer", track: .frontend, homeZone: "Europe/Lisbon"),
                DemoTeam(name: "Infrastructure", managerTitle: "Engineering Manager, Infrastructure", role: "Site Reliability Engineer", track: .reliability, homeZone: "Europe/Berlin"),
                DemoTeam(name: "Security", managerTitle: "Security Engineering Manager", role: "Security Engineer", track: .security, homeZone: "America/Chicago"),
            ]),
            DemoDepartment(name: "Product & Design", directorTitle: "Director of Product & Design", directorTrack: .product, teams: [
                DemoTeam(name: "Product Management", managerTitle: "Group Product Manager", role: "Product Manager", track: .product, homeZone: "America/New_York"),
                DemoTeam(name: "Design", managerTitle: "Design Manager", role: "Product Designer", track: .design, homeZone: "Europe/London"),
                DemoTeam(name: "User Research", managerTitle: "Research Manager", role: "UX Researcher", track: .research, homeZone: "America/Toronto"),
            ]),
            DemoDepartment(name: "Data", directorTitle: "Director of Data", directorTrack: .data, teams: [
                DemoTeam(name: "Data Platform", managerTitle: "Engineering Manager, Data Platform", role: "Data Engineer", track: .data, homeZone: "America/Sao_Paulo"),
                DemoTeam(name: "Machine Learning", managerTitle: "Machine Learning Manager", role: "Machine Learning Engineer", track: .machineLearning, homeZone: "America/Los_Angeles"),
                DemoTeam(name: "Analytics", managerTitle: "Analytics Manager", role: "Data Analyst", track: .analytics, homeZone: "Europe/London"),
            ]),
        ]
    )

    static let helios = DemoOrganization(
        name: "Helios Health", domain: "helioshealth.example", founded: 2015, headcount: 98,
        executiveTitle: "Chief Executive Officer",
        timeZones: [
            ("Europe/London", 4), ("Europe/Berlin", 2), ("Europe/Amsterdam", 2), ("Africa/Lagos", 3),
            ("Africa/Nairobi", 3), ("Asia/Kolkata", 3), ("Asia/Singapore", 2), ("America/New_York", 2),
        ],
        departments: [
            DemoDepartment(name: "Technology", directorTitle: "Chief Technology Officer", directorTrack: .leadership, teams: [
                DemoTeam(name: "Care Apps", managerTitle: "Engineering Manager, Care Apps", role: "Mobile Engineer", track: .mobile, homeZone: "Europe/London"),
                DemoTeam(name: "Patient Portal", managerTitle: "Engineering Manager, Patient Portal", role: "Frontend Engineer", track: .frontend, homeZone: "Africa/Lagos"),
                DemoTeam(name: "Integrations", managerTitle: "Engineering Manager, Integrations", role: "Software Engineer", track: .backend, homeZone: "Asia/Kolkata"),
                DemoTeam(name: "Cloud Platform", managerTitle: "Engineering Manager, Cloud Platform", role: "Site Reliability Engineer", track: .reliability, homeZone: "Europe/Amsterdam"),
                DemoTeam(name: "Security & Privacy", managerTitle: "Head of Security & Privacy", role: "Security Engineer", track: .security, homeZone: "Europe/Berlin"),
            ]),
            DemoDepartment(name: "Clinical Product", directorTitle: "Director of Clinical Product", directorTrack: .product, teams: [
                DemoTeam(name: "Clinical Product", managerTitle: "Group Product Manager", role: "Product Manager", track: .product, homeZone: "Europe/London"),
                DemoTeam(name: "Clinical Informatics", managerTitle: "Clinical Informatics Lead", role: "Clinical Informatics Specialist", track: .clinical, homeZone: "Africa/Nairobi"),
                DemoTeam(name: "Design", managerTitle: "Design Manager", role: "Product Designer", track: .design, homeZone: "Asia/Singapore"),
            ]),
            DemoDepartment(name: "Data Science", directorTitle: "Director of Data Science", directorTrack: .data, teams: [
                DemoTeam(name: "Health Data", managerTitle: "Engineering Manager, Health Data", role: "Data Engineer", track: .data, homeZone: "Asia/Kolkata"),
                DemoTeam(name: "Clinical Analytics", managerTitle: "Data Science Manager", role: "Data Scientist", track: .machineLearning, homeZone: "Africa/Nairobi"),
            ]),
            DemoDepartment(name: "Quality & Compliance", directorTitle: "Director of Quality & Compliance", directorTrack: .regulatory, teams: [
                DemoTeam(name: "Quality Engineering", managerTitle: "QA Manager", role: "QA Engineer", track: .quality, homeZone: "Africa/Lagos"),
                DemoTeam(name: "Regulatory Affairs", managerTitle: "Regulatory Affairs Manager", role: "Regulatory Affairs Specialist", track: .regulatory, homeZone: "Europe/Berlin"),
            ]),
        ]
    )

    static let openHarbor = DemoOrganization(
        name: "Open Harbor", domain: "openharbor.example", founded: 2013, headcount: 98,
        executiveTitle: "Executive Director",
        timeZones: [
            ("Asia/Tokyo", 2), ("Australia/Sydney", 2), ("Pacific/Auckland", 1), ("Asia/Kolkata", 2),
            ("Africa/Nairobi", 2), ("Africa/Lagos", 1), ("Europe/Lisbon", 2), ("Europe/Warsaw", 2),
            ("America/Sao_Paulo", 2), ("America/Mexico_City", 2), ("America/Los_Angeles", 2), ("America/New_York", 1),
        ],
        departments: [
            DemoDepartment(name: "Engineering", directorTitle: "Director of Engineering", directorTrack: .leadership, teams: [
                DemoTeam(name: "Core Maintainers", managerTitle: "Maintainer Lead", role: "Open Source Engineer", track: .backend, homeZone: "Europe/Warsaw"),
                DemoTeam(name: "Developer Tools", managerTitle: "Engineering Manager, Developer Tools", role: "Software Engineer", track: .frontend, homeZone: "Asia/Tokyo"),
                DemoTeam(name: "Infrastructure", managerTitle: "Engineering Manager, Infrastructure", role: "Site Reliability Engineer", track: .reliability, homeZone: "Australia/Sydney"),
                DemoTeam(name: "Security Response", managerTitle: "Security Response Lead", role: "Security Engineer", track: .security, homeZone: "Europe/Lisbon"),
            ]),
            DemoDepartment(name: "Community", directorTitle: "Director of Community", directorTrack: .community, teams: [
                DemoTeam(name: "Community", managerTitle: "Community Manager Lead", role: "Community Manager", track: .community, homeZone: "America/Sao_Paulo"),
                DemoTeam(name: "Developer Relations", managerTitle: "Developer Relations Manager", role: "Developer Advocate", track: .advocacy, homeZone: "America/Mexico_City"),
                DemoTeam(name: "Documentation", managerTitle: "Documentation Lead", role: "Technical Writer", track: .docs, homeZone: "Asia/Kolkata"),
                DemoTeam(name: "Events", managerTitle: "Events Manager", role: "Event Program Manager", track: .programs, homeZone: "America/Los_Angeles"),
            ]),
            DemoDepartment(name: "Programs", directorTitle: "Director of Programs", directorTrack: .programs, teams: [
                DemoTeam(name: "Grants & Partnerships", managerTitle: "Partnerships Manager", role: "Program Manager", track: .programs, homeZone: "Africa/Nairobi"),
                DemoTeam(name: "Education", managerTitle: "Education Lead", role: "Curriculum Designer", track: .education, homeZone: "Pacific/Auckland"),
            ]),
        ]
    )
}

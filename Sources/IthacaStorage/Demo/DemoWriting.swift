import Foundation
import IthacaDomain

/// The words demo people use about themselves: skills, headlines, bios, goals, strengths and growth areas.
enum DemoWriting {
    /// About sixty skills, most popular first: people pick them with Zipf-like odds.
    static let skills = [
        "Python", "JavaScript", "System design", "Public speaking", "SQL", "Leadership", "TypeScript", "Career growth",
        "Product thinking", "Go", "Swift", "iOS", "Kotlin", "Android", "React", "PostgreSQL", "Kubernetes", "AWS",
        "Technical writing", "Giving feedback", "Accessibility", "Security", "Machine learning", "Data analysis",
        "Docker", "API design", "Testing", "Code review", "Distributed systems", "Negotiation", "Career change",
        "Hiring and interviewing", "Stakeholder management", "UX research", "Interaction design", "Figma", "Java",
        "Rust", "Terraform", "Observability", "Incident response", "Statistics", "Data engineering", "Privacy",
        "Open source", "Community building", "People management", "Remote work", "Time management", "Roadmapping",
        "Design systems", "Performance tuning", "GraphQL", "Threat modeling", "FHIR", "Healthcare compliance",
        "Event planning", "Fundraising", "Curriculum design", "Ruby",
    ]

    /// Skills people tend to want once the basics of their craft are in hand.
    static let growthSkills = [
        "Leadership", "Public speaking", "System design", "Negotiation", "Career change", "People management",
        "Giving feedback", "Technical writing", "Stakeholder management", "Career growth", "Time management",
        "Hiring and interviewing", "Machine learning", "Product thinking",
    ]

    static func focus(of track: DemoTrack) -> [String] {
        switch track {
        case .backend: ["Go", "PostgreSQL", "Distributed systems", "API design", "Kubernetes", "Java", "Rust", "System design", "Python", "Ruby"]
        case .mobile: ["Swift", "iOS", "Kotlin", "Android", "Accessibility", "Testing", "Performance tuning", "GraphQL"]
        case .frontend: ["JavaScript", "TypeScript", "React", "Accessibility", "Design systems", "Performance tuning", "GraphQL", "Testing"]
        case .reliability: ["Kubernetes", "Terraform", "Observability", "Incident response", "AWS", "Docker", "Go", "Distributed systems"]
        case .security: ["Security", "Threat modeling", "Privacy", "Incident response", "Rust", "Go", "Code review"]
        case .product: ["Product thinking", "Roadmapping", "Stakeholder management", "Data analysis", "UX research", "Negotiation"]
        case .design: ["Figma", "Interaction design", "Design systems", "Accessibility", "UX research", "Product thinking"]
        case .research: ["UX research", "Statistics", "Interaction design", "Technical writing", "Product thinking"]
        case .data: ["SQL", "Python", "Data engineering", "PostgreSQL", "AWS", "Distributed systems", "Statistics"]
        case .machineLearning: ["Machine learning", "Python", "Statistics", "Data analysis", "SQL", "Privacy"]
        case .analytics: ["SQL", "Data analysis", "Statistics", "Python", "Product thinking", "Stakeholder management"]
        case .clinical: ["FHIR", "Healthcare compliance", "Privacy", "Data analysis", "Stakeholder management", "Technical writing"]
        case .quality: ["Testing", "Python", "Accessibility", "Code review", "Healthcare compliance", "Incident response"]
        case .regulatory: ["Healthcare compliance", "Privacy", "Technical writing", "Negotiation", "Stakeholder management", "Security"]
        case .community: ["Community building", "Open source", "Public speaking", "Event planning", "Remote work", "Giving feedback"]
        case .advocacy: ["Public speaking", "Technical writing", "Open source", "JavaScript", "Python", "Community building"]
        case .docs: ["Technical writing", "Open source", "API design", "Accessibility", "Curriculum design"]
        case .programs: ["Fundraising", "Stakeholder management", "Negotiation", "Event planning", "Roadmapping", "Community building"]
        case .education: ["Curriculum design", "Public speaking", "Technical writing", "Accessibility", "Community building"]
        case .leadership: ["Leadership", "People management", "Hiring and interviewing", "Giving feedback", "Stakeholder management", "System design", "Negotiation", "Roadmapping"]
        }
    }

    /// Headlines as people write them; `{skill}` is their strongest skill, `{hobby}` something they love.
    static func headlines(for track: DemoTrack) -> [String] {
        switch track {
        case .backend: ["Backend engineer who loves distributed systems and bad puns", "I make APIs boring, in the best way", "Databases, queues and the occasional {hobby}", "{skill} person. Will review your migration plan."]
        case .mobile: ["Mobile engineer obsessed with smooth scrolling and {hobby}", "Shipping apps people actually enjoy using", "{skill} at work, {hobby} at weekends", "I care a lot about offline mode"]
        case .frontend: ["Frontend engineer and accessibility nerd", "Turning designs into fast, accessible pages", "{skill} enthusiast; ask me about {hobby}", "I think about focus states more than is healthy"]
        case .reliability: ["Keeping the lights on, and the pager quiet", "SRE who writes postmortems people want to read", "{skill}, dashboards and {hobby}", "Ask me about the outage I caused in 2019"]
        case .security: ["Security engineer who prefers fixing to finger-pointing", "Threat models, coffee, {hobby}", "Making the secure way the easy way", "Professional paranoid, amateur {hobby}"]
        case .product: ["Product manager who starts with the problem", "Roadmaps, trade-offs and {hobby}", "Former engineer, now product; still reads the code", "I ask 'why' for a living"]
        case .design: ["Designer who sweats the small interactions", "Figma by day, {hobby} by night", "Making complex things feel simple", "Design systems, typography and {hobby}"]
        case .research: ["Researcher: I talk to people so you don't have to guess", "Turning interviews into decisions", "Mixed-methods researcher and {hobby} fan", "Curious about how people really work"]
        case .data: ["Data engineer: pipelines that don't page anyone", "SQL is my love language", "Moving data reliably, and {hobby}", "I like my schemas strict and my coffee strong"]
        case .machineLearning: ["Machine learning, with an eye on what could go wrong", "Models in production, not just notebooks", "Statistics nerd and {hobby} enthusiast", "Helping teams decide when not to use ML"]
        case .analytics: ["Analyst who turns questions into charts and charts into decisions", "Dashboards nobody ignores", "SQL, storytelling and {hobby}", "Numbers person with a soft spot for {hobby}"]
        case .clinical: ["Nurse turned clinical informatician", "Bridging clinicians and engineers", "FHIR, workflows and patient safety", "I translate between ward rounds and standups"]
        case .quality: ["Breaking things on purpose so patients don't have to", "QA engineer who loves a good edge case", "Test automation and {hobby}", "Quality is a team sport"]
        case .regulatory: ["Regulatory affairs, minus the jargon", "Helping teams ship safely and compliantly", "Compliance person who says 'yes, if'", "Standards, audits and {hobby}"]
        case .community: ["Community manager: I make newcomers feel at home", "Building communities people want to stay in", "Moderation, meetups and {hobby}", "Ask me about running a welcoming Discord"]
        case .advocacy: ["Developer advocate who still writes code", "Talks, demos and {hobby}", "Helping developers succeed with open source", "I collect conference lanyards and {hobby} stories"]
        case .docs: ["Technical writer: docs are a product", "Making READMEs friendlier, one PR at a time", "Words, APIs and {hobby}", "If it isn't documented, it doesn't exist"]
        case .programs: ["Program manager who loves a good spreadsheet", "Grants, partners and getting things over the line", "Making sure the right people are in the room", "Logistics, people and {hobby}"]
        case .education: ["Teacher at heart, curriculum designer by trade", "Helping people learn to code, kindly", "Lesson plans, workshops and {hobby}", "Former classroom teacher, forever learner"]
        case .leadership: ["Leader who believes good teams are grown, not hired", "Helping people do the best work of their careers", "Engineering leader, recovering perfectionist", "Building teams that ship and stay kind"]
        }
    }

    static let hobbies = [
        "bad puns", "sourdough", "trail running", "board games", "crosswords", "bouldering", "cycling", "houseplants",
        "jazz piano", "astronomy", "birdwatching", "pottery", "chess", "karaoke", "hiking", "knitting", "film photography",
        "cooking for friends", "sci-fi novels", "five-a-side football", "surfing", "learning languages", "my two cats",
        "a very loud dog", "homebrewed coffee", "salsa dancing", "gardening", "open-water swimming",
    ]

    static let pasts = [
        "taught secondary-school maths", "worked as a nurse for six years", "built payment systems at a bank",
        "ran a small design studio", "studied physics", "worked in customer support", "did a coding bootcamp after years in hospitality",
        "was a journalist", "maintained a popular open-source library", "worked as a lab technician", "managed a restaurant",
        "worked at two early-stage startups", "did a PhD I mostly don't talk about", "was a freelance web developer",
        "worked in logistics", "taught English abroad",
    ]

    static func goals(for stage: CareerStage, role: String) -> [String] {
        switch stage {
        case .student: [
            "Land my first full-time role and learn how a real team ships software.",
            "Finish my apprenticeship feeling confident in code reviews.",
            "Find out which part of tech I enjoy most before I graduate.",
        ]
        case .early: [
            "Become comfortable owning a feature end to end.",
            "Get better at asking for help early instead of getting stuck.",
            "Learn how to estimate work without guessing.",
            "Build confidence speaking up in meetings.",
        ]
        case .mid: [
            "Grow into a senior \(role.lowercased()) role within the next year or two.",
            "Lead my first cross-team project.",
            "Get better at writing design docs people actually read.",
            "Understand the business side well enough to push back on priorities.",
        ]
        case .senior: [
            "Grow into a staff-level role within two years; get better at leading design reviews.",
            "Decide between the management track and the principal track.",
            "Mentor more people and give my first conference talk.",
            "Have more influence beyond my own team without burning out.",
        ]
        case .lead: [
            "Shape technical strategy beyond my own team.",
            "Build a bench of people who could do my job.",
            "Write less code and unblock more people, without losing my edge.",
        ]
        case .manager: [
            "Become a manager my reports would recommend to their friends.",
            "Get better at hiring for potential, not polish.",
            "Learn to delegate the interesting work too.",
            "Handle difficult conversations earlier and more kindly.",
        ]
        case .executive: [
            "Build an organisation that grows its leaders from within.",
            "Spend more time with customers and less in status meetings.",
            "Make our strategy clear enough that every team can explain it.",
        ]
        }
    }

    static let secondaryGoals = [
        "Also: work fewer late nights.", "I'd like to get better at public speaking.", "I want to write more, and publish some of it.",
        "Long term, I'd love to mentor people changing careers, like I did.", "I want to understand our customers better.",
        "I'd like to contribute to open source again.", "I want to say no more gracefully.",
    ]

    static let strengths = [
        "Explaining complex ideas simply", "Staying calm during incidents", "Giving candid, kind feedback", "Writing clear docs",
        "Running effective meetings", "Debugging the weird ones", "Asking good questions", "Breaking big projects into small steps",
        "Building trust with stakeholders", "Onboarding new teammates", "Spotting risks early", "Facilitating workshops",
        "Data-informed decisions", "Pair programming", "Saying what everyone is thinking", "Prototyping quickly",
        "Listening", "Cross-team collaboration", "Negotiating scope", "Keeping projects on track", "Public speaking",
        "Designing clean APIs", "Accessibility advocacy", "Coaching", "Turning feedback into action", "Attention to detail",
        "Seeing the bigger picture", "Making newcomers feel welcome",
    ]

    static let areasToGrow = [
        "Delegating", "Saying no", "Public speaking", "Writing design docs", "Estimating", "Managing up", "Giving feedback",
        "Receiving feedback gracefully", "Strategic thinking", "Prioritisation", "Negotiation", "Networking",
        "Asking for help sooner", "Work-life balance", "Presenting to executives", "Leading without authority",
        "Hiring", "Conflict resolution", "Technical depth in distributed systems", "Product sense", "Time management",
        "Letting go of perfectionism", "Self-promotion", "Running retrospectives", "Coaching instead of fixing",
    ]

    static let extraLanguages = ["Spanish", "French", "German", "Mandarin", "Japanese", "Portuguese", "Arabic", "Hindi", "Italian"]

    /// A readable city for a time zone identifier.
    static func city(of zone: String) -> String {
        switch zone {
        case "America/Sao_Paulo": "São Paulo"
        default: zone.split(separator: "/").last.map { $0.replacingOccurrences(of: "_", with: " ") } ?? zone
        }
    }
}

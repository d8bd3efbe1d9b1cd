import Foundation

/// Names that belong together (given names with the family names of the same culture), and the languages
/// and places that go with them.
struct DemoCulture {
    var women: [String]
    var men: [String]
    /// Given names used across genders.
    var neutral: [String]
    var surnames: [String]
    /// Languages besides English that people from here often speak.
    var languages: [String]
    /// Time zones where this culture is more likely to be found.
    var zones: [String]
}

extension DemoCulture {
    static let all: [DemoCulture] = [
        DemoCulture( // Yoruba and Igbo
            women: ["Adaeze", "Chiamaka", "Funmilayo", "Ngozi", "Temitope", "Yewande", "Ifeoma", "Oluwaseun"],
            men: ["Chinedu", "Emeka", "Olumide", "Tunde", "Obinna", "Kelechi", "Babajide", "Ikenna"],
            neutral: ["Ayo", "Tobi"],
            surnames: ["Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze", "Oyelaran", "Okonkwo", "Adebayo", "Chukwu"],
            languages: ["Yoruba", "Igbo"], zones: ["Africa/Lagos", "Europe/London"]),
        DemoCulture( // Kenya
            women: ["Wanjiru", "Akinyi", "Njeri", "Atieno", "Wambui", "Nyokabi"],
            men: ["Kamau", "Otieno", "Kiprono", "Mwangi", "Odhiambo", "Kipchoge"],
            neutral: ["Baraka", "Imani"],
            surnames: ["Mwangi", "Ochieng", "Kariuki", "Wafula", "Njoroge", "Chebet", "Kimani", "Onyango"],
            languages: ["Swahili"], zones: ["Africa/Nairobi"]),
        DemoCulture( // Ghana
            women: ["Ama", "Efua", "Abena", "Akosua", "Adwoa"],
            men: ["Kwame", "Kofi", "Yaw", "Kwabena", "Kojo"],
            neutral: ["Nana", "Esi"],
            surnames: ["Mensah", "Boateng", "Asante", "Owusu", "Appiah", "Darko"],
            languages: ["Twi", "Ga"], zones: ["Africa/Lagos", "Europe/London"]),
        DemoCulture( // Ethiopia
            women: ["Selam", "Hana", "Meron", "Tigist", "Bethlehem"],
            men: ["Dawit", "Tesfaye", "Abebe", "Yonas", "Henok"],
            neutral: ["Eden", "Amanuel"],
            surnames: ["Bekele", "Haile", "Gebremedhin", "Tadesse", "Alemu", "Girma"],
            languages: ["Amharic", "Tigrinya"], zones: ["Africa/Nairobi", "America/New_York"]),
        DemoCulture( // India
            women: ["Priya", "Ananya", "Kavya", "Meera", "Lakshmi", "Shreya", "Divya", "Nandini", "Aishwarya"],
            men: ["Arjun", "Rohan", "Vikram", "Karthik", "Aditya", "Rahul", "Siddharth", "Nikhil", "Pranav"],
            neutral: ["Kiran", "Sasha", "Jyoti"],
            surnames: ["Sharma", "Iyer", "Patel", "Reddy", "Nair", "Banerjee", "Krishnan", "Menon", "Gupta", "Rao", "Deshpande"],
            languages: ["Hindi", "Tamil", "Bengali", "Marathi", "Telugu", "Malayalam"], zones: ["Asia/Kolkata", "Asia/Singapore", "America/Los_Angeles"]),
        DemoCulture( // China and Taiwan
            women: ["Mei", "Xiaoling", "Yuqing", "Jing", "Lan", "Huiwen"],
            men: ["Wei", "Jun", "Hao", "Zhiwei", "Chen", "Yifan"],
            neutral: ["Ming", "Yu"],
            surnames: ["Wang", "Li", "Zhang", "Liu", "Chen", "Huang", "Lin", "Zhou"],
            languages: ["Mandarin", "Cantonese"], zones: ["Asia/Singapore", "America/Los_Angeles", "Australia/Sydney"]),
        DemoCulture( // Japan
            women: ["Yuki", "Haruka", "Sakura", "Aiko", "Misaki", "Emi"],
            men: ["Takeshi", "Kenji", "Haruto", "Daisuke", "Ren", "Sho"],
            neutral: ["Hikaru", "Makoto"],
            surnames: ["Sato", "Tanaka", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Fujita"],
            languages: ["Japanese"], zones: ["Asia/Tokyo"]),
        DemoCulture( // Korea
            women: ["Ji-woo", "Seo-yeon", "Min-ji", "Soo-ah", "Eun-ji"],
            men: ["Min-jun", "Do-hyun", "Joon-ho", "Seung-woo", "Tae-yang"],
            neutral: ["Ha-eun", "Ji-min"],
            surnames: ["Kim", "Park", "Choi", "Jung", "Kang", "Yoon"],
            languages: ["Korean"], zones: ["Asia/Tokyo", "America/Los_Angeles", "Australia/Sydney"]),
        DemoCulture( // Vietnam
            women: ["Linh", "Thao", "Lan Anh", "Ngoc", "Huong"],
            men: ["Minh", "Tuan", "Quang", "Duc", "Khoa"],
            neutral: ["An", "Bao"],
            surnames: ["Nguyễn", "Trần", "Phạm", "Lê", "Hoàng", "Vũ"],
            languages: ["Vietnamese"], zones: ["Asia/Singapore", "Australia/Sydney"]),
        DemoCulture( // Philippines
            women: ["Maria Clara", "Aileen", "Rizza", "Jasmine", "Bea"],
            men: ["Paolo", "Jericho", "Miguel", "Carlo", "Nico"],
            neutral: ["Jamie", "Kris"],
            surnames: ["Santos", "Reyes", "Cruz", "Bautista", "Villanueva", "Dela Cruz"],
            languages: ["Tagalog", "Cebuano"], zones: ["Asia/Singapore", "America/Los_Angeles"]),
        DemoCulture( // Indonesia and Malaysia
            women: ["Putri", "Dewi", "Sari", "Nurul", "Ayu"],
            men: ["Budi", "Agus", "Rizky", "Hafiz", "Arif"],
            neutral: ["Ari", "Intan"],
            surnames: ["Santoso", "Wijaya", "Halim", "Pratama", "Rahman", "Ismail"],
            languages: ["Indonesian", "Malay"], zones: ["Asia/Singapore", "Australia/Sydney"]),
        DemoCulture( // Brazil and Portugal
            women: ["Ana", "Beatriz", "Camila", "Luana", "Inês", "Mariana", "Larissa"],
            men: ["João", "Rafael", "Thiago", "Gustavo", "Tiago", "Pedro", "Bruno"],
            neutral: ["Alex", "Darcy"],
            surnames: ["Silva", "Souza", "Oliveira", "Costa", "Ferreira", "Almeida", "Carvalho", "Pereira", "Rocha"],
            languages: ["Portuguese"], zones: ["America/Sao_Paulo", "Europe/Lisbon"]),
        DemoCulture( // Mexico, Colombia and Spain
            women: ["Sofía", "Valentina", "Lucía", "Ximena", "Carmen", "Daniela", "Paula"],
            men: ["Diego", "Mateo", "Alejandro", "Javier", "Santiago", "Carlos", "Andrés"],
            neutral: ["Guadalupe", "Cruz"],
            surnames: ["García", "Hernández", "López", "Martínez", "Ramírez", "Torres", "Morales", "Vargas", "Jiménez"],
            languages: ["Spanish"], zones: ["America/Mexico_City", "America/Los_Angeles", "Europe/Lisbon"]),
        DemoCulture( // Germany, Netherlands and Scandinavia
            women: ["Lena", "Hanna", "Greta", "Sanne", "Ingrid", "Freya", "Annika"],
            men: ["Jonas", "Lukas", "Felix", "Daan", "Lars", "Henrik", "Matthias"],
            neutral: ["Kim", "Robin", "Luca"],
            surnames: ["Müller", "Schmidt", "Becker", "de Vries", "Jansen", "Lindqvist", "Andersen", "Hoffmann", "Berg"],
            languages: ["German", "Dutch", "Swedish", "Norwegian"], zones: ["Europe/Berlin", "Europe/Amsterdam"]),
        DemoCulture( // Poland
            women: ["Agnieszka", "Zofia", "Katarzyna", "Magdalena", "Joanna"],
            men: ["Łukasz", "Piotr", "Tomasz", "Krzysztof", "Michał"],
            neutral: ["Nikola", "Sasza"],
            surnames: ["Kowalski", "Nowak", "Wiśniewski", "Zieliński", "Wójcik", "Lewandowski"],
            languages: ["Polish"], zones: ["Europe/Warsaw", "Europe/Berlin"]),
        DemoCulture( // Ukraine
            women: ["Oksana", "Olena", "Iryna", "Kateryna", "Nataliia"],
            men: ["Andriy", "Dmytro", "Taras", "Oleksandr", "Bohdan"],
            neutral: ["Sasha", "Zhenya"],
            surnames: ["Shevchenko", "Bondarenko", "Kovalenko", "Melnyk", "Tkachenko", "Kravchenko"],
            languages: ["Ukrainian"], zones: ["Europe/Warsaw", "Europe/Berlin", "Europe/Lisbon"]),
        DemoCulture( // Arabic-speaking
            women: ["Layla", "Fatima", "Noor", "Yasmin", "Rania"],
            men: ["Omar", "Karim", "Youssef", "Tariq", "Khaled"],
            neutral: ["Nour", "Salam"],
            surnames: ["Haddad", "Mansour", "Khalil", "Farouk", "Saleh", "Nasser"],
            languages: ["Arabic"], zones: ["Europe/Berlin", "Europe/London", "America/Toronto"]),
        DemoCulture( // Turkey
            women: ["Elif", "Zeynep", "Ayşe", "Defne", "Ece"],
            men: ["Emre", "Mehmet", "Can", "Burak", "Kerem"],
            neutral: ["Deniz", "Umut"],
            surnames: ["Yılmaz", "Demir", "Kaya", "Şahin", "Çelik", "Aydın"],
            languages: ["Turkish"], zones: ["Europe/Berlin", "Europe/Amsterdam"]),
        DemoCulture( // Iran
            women: ["Shirin", "Darya", "Parisa", "Neda", "Leila"],
            men: ["Reza", "Dariush", "Arash", "Kian", "Omid"],
            neutral: ["Roshan", "Sahar"],
            surnames: ["Tehrani", "Karimi", "Hosseini", "Rahimi", "Moradi", "Jafari"],
            languages: ["Persian"], zones: ["America/Toronto", "Europe/London", "America/Los_Angeles"]),
        DemoCulture( // Britain, Ireland, North America and Australia
            women: ["Emma", "Olivia", "Siobhan", "Grace", "Hannah", "Chloe", "Niamh", "Abigail", "Megan"],
            men: ["James", "Liam", "Ciarán", "Ethan", "Oliver", "Callum", "Noah", "Samuel", "Declan"],
            neutral: ["Jordan", "Taylor", "Riley", "Morgan", "Quinn"],
            surnames: ["Smith", "O'Brien", "Walsh", "Thompson", "Campbell", "Murphy", "Brooks", "Bennett", "Hughes", "Fraser", "Clarke"],
            languages: ["French", "Irish", "Spanish"], zones: ["Europe/London", "America/New_York", "America/Toronto", "Australia/Sydney", "America/Chicago"]),
        DemoCulture( // France and Francophone Africa
            women: ["Camille", "Amélie", "Aminata", "Fatou", "Chloé", "Mariam"],
            men: ["Antoine", "Mamadou", "Julien", "Moussa", "Théo", "Ibrahima"],
            neutral: ["Claude", "Dominique"],
            surnames: ["Dubois", "Lefèvre", "Diallo", "Traoré", "Ndiaye", "Moreau", "Girard"],
            languages: ["French", "Wolof"], zones: ["Europe/Berlin", "Europe/London", "America/Toronto"]),
        DemoCulture( // Māori and Pacific
            women: ["Aroha", "Mere", "Losa", "Ana"],
            men: ["Tane", "Wiremu", "Sione", "Mikaere"],
            neutral: ["Ari", "Kai"],
            surnames: ["Ngata", "Parata", "Tupou", "Fifita", "Walker"],
            languages: ["Te Reo Māori", "Tongan"], zones: ["Pacific/Auckland", "Australia/Sydney"]),
    ]
}

import Foundation
import IthacaDomain

/// Where the data lives, parsed from `--database` / `DATABASE_URL`.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    /// An embedded SQLite file (the default). WAL mode, so readers never block the writer.
    case sqlite(path: String)
    /// A PostgreSQL server shared by several stateless `serve` processes.
    case postgres(url: String)

    public static let defaultURL = "sqlite://./ithaca-data/ithaca.sqlite"

    /// Accepts `sqlite:///abs/path.sqlite`, `sqlite://./relative.sqlite`, `postgres://…` and `postgresql://…`.
    public init(url raw: String) throws(IthacaError) {
        let url = raw.trimmingCharacters(in: .whitespaces)
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty, path != "/" else {
                throw .badRequest("The SQLite URL names no file: use sqlite:///path/to/ithaca.sqlite.")
            }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
                throw .badRequest("The PostgreSQL URL is not valid: use postgres://user:password@host:5432/database.")
            }
            self = .postgres(url: url)
        } else {
            throw .badRequest("Unknown database URL \"\(url)\": use sqlite:///path/file.sqlite or postgres://user:password@host:port/database.")
        }
    }

    /// Safe to print: the password of a PostgreSQL URL is masked.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}

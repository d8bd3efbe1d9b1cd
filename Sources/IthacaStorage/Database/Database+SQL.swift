import FluentKit
import SQLKit

extension Database {
    /// SQLKit on the same connection. Both drivers we use (SQLite, PostgreSQL) are SQL databases.
    var sql: any SQLDatabase { self as! any SQLDatabase }
}

import FluentKit
import SQLKit

/// Full-text index over questions and answers: an FTS5 table on SQLite, a generated tsvector with a GIN index on
/// PostgreSQL ('simple' configuration: lowercased words, no stemming, like FTS5's unicode61 tokenizer).
struct M015CreateSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        if database.sql.dialect.name == "sqlite" {
            try await database.sql.raw("""
                CREATE VIRTUAL TABLE qa_search USING fts5(ref_id UNINDEXED, question_id UNINDEXED, created_at UNINDEXED, title, body,
                tokenize = 'unicode61 remove_diacritics 2')
                """).run()
        } else {
            try await database.sql.raw("""
                CREATE TABLE qa_search (ref_id UUID PRIMARY KEY, question_id UUID NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                title TEXT NOT NULL, body TEXT NOT NULL,
                document tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED)
                """).run()
            try await database.sql.raw("CREATE INDEX qa_search_document_idx ON qa_search USING GIN (document)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP TABLE qa_search").run()
    }
}

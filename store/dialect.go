package store

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"github.com/schakel-nl/schakel"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect holds the differences between SQLite and PostgreSQL. Queries
// are written once, with "?" placeholders, in the SQL both understand; where
// they cannot be, the dialect supplies the part that differs. The store asks
// the dialect what differs — never which database it is.
type dialect interface {
	// name is the database's name: the Dialect accessor and the directory
	// of its migrations.
	name() string
	goose() goose.Dialect
	// rebind turns "?" placeholders into the dialect's own.
	rebind(query string) string
	isUniqueViolation(err error) bool
	isForeignKeyViolation(err error) bool
	// lockRow is appended to a SELECT of one row to lock it for the rest of
	// the transaction ("FOR NO KEY UPDATE", which does not block foreign
	// keys to the row); empty on SQLite, where the one writer holds the
	// whole database from BEGIN IMMEDIATE on.
	lockRow() string
	// skipLocked is appended to a SELECT of a queue's next rows so
	// concurrent takers (several instances) take different rows instead of
	// queueing behind each other (" FOR UPDATE SKIP LOCKED"); empty on
	// SQLite, where the one writer serialises the takers.
	skipLocked() string
	// inIDs returns the condition "column is one of ids" with one "?"
	// parameter whatever the number of ids, and that parameter: an array
	// on PostgreSQL, a JSON array read by json_each on SQLite.
	inIDs(column string, ids []int64) (cond string, arg any)
	// instantParam is a "?" for an instant in a SELECT list, cast where the
	// database cannot infer the parameter's type without a column
	// (PostgreSQL).
	instantParam() string
	// cachesStatements reports whether the driver keeps prepared statements
	// by itself (pgx does). Where it does not (modernc parses every
	// statement it is given), the store prepares its hot statements once
	// (Store.prepared).
	cachesStatements() bool
	// pipelines reports whether the driver can send several statements as
	// one pipelined batch over its own connection (pgx), so the hot writes
	// (CreateRequest, SweepDue) take one round trip instead of one per
	// statement; see pipeline_postgres.go.
	pipelines() bool
	// singleWriter reports whether the database takes one write
	// transaction at a time (SQLite), so the store runs its write
	// transactions in groups that share a commit (group.go); PostgreSQL
	// takes them side by side and shares their WAL flushes itself.
	singleWriter() bool
	// backupQuery writes a consistent copy of the database to the file
	// named by its one parameter while the store stays in use; empty where
	// the database is backed up with its own tools (pg_dump).
	backupQuery() string
	// purgeQueries make deleted texts unreadable in the database's files
	// after a transaction that deleted or overwrote them (with fullText,
	// also in the full-text index): on SQLite, merge the FTS5 index and
	// checkpoint and truncate the write-ahead log (secure_delete zeroes
	// freed content as it goes); none on PostgreSQL, where VACUUM does it.
	purgeQueries(fullText bool) []string
	// isBusy reports whether err says another connection held the write
	// lock for longer than the busy timeout (SQLite, where several store
	// handles share one file); PostgreSQL waits on row locks instead.
	isBusy(err error) bool
	// creationPeriod is the condition that a request was created in
	// [from, to), with its arguments. PostgreSQL gets the instants as
	// literals: with parameters, a prepared statement soon runs a generic
	// plan that guesses 0.5 % of the rows and sorts a year of requests on
	// disk instead of hashing them (175 ms instead of 43 at 100,000
	// requests, BENCHMARKS §9). They are formatted from time.Time, never
	// from input text.
	creationPeriod(from, to time.Time) (string, []any)

	fullText
}

// fullText is how each dialect searches the published cases (table
// precedents, alias p) by their words: FTS5 on SQLite, a tsvector with the
// text search configuration dutch on PostgreSQL. Terms are letters and digits
// only (searchTerms), so they never read as the query language.
type fullText interface {
	// match returns the join and condition that keep the cases with the
	// terms joined by op ("AND" or "OR"), the ordering by relevance, and the
	// one argument of the condition (and of the ordering, if it has a "?").
	match(terms []string, op string) (from, cond, order string, arg any)
	// matchUnranked is match for a listing newest first rather than by
	// relevance, which need not join every match to sort it.
	matchUnranked(terms []string, op string) (from, cond string, arg any)
	// countMatches counts the cases matching match's argument, up to the
	// limit given as the second parameter, on the index alone.
	countMatches() string
	// indexPage is the query that reads one page of the ids of the cases
	// matching match's argument from the index alone — by relevance, or
	// newest first — with LIMIT and OFFSET as its further parameters; empty
	// where the index cannot page by itself.
	indexPage(newest bool) string
	// termFrequencies reads the kept document frequencies (term, n) of the
	// words of the text given as its one parameter; empty where none are
	// kept and each term is counted on the index instead (Store.rarest).
	termFrequencies() string
	// outcomeMatch is the arguments of outcomeCount and outcomePage: the
	// cases with all terms and the outcome (a valid one).
	outcomeMatch(terms []string, outcome schakel.Outcome) []any
	// outcomeCount counts the cases with outcomeMatch's terms and outcome,
	// up to the limit given as its last parameter, with an index that holds
	// both (FTS5 reads no case; PostgreSQL still visits the matching rows);
	// empty where there is none.
	outcomeCount() string
	// outcomePage reads one page of their ids, newest first, with LIMIT and
	// OFFSET as its last parameters, from that index; empty where the index
	// cannot page by itself.
	outcomePage() string
}

type sqliteDialect struct{}

func (sqliteDialect) name() string               { return "sqlite" }
func (sqliteDialect) goose() goose.Dialect       { return goose.DialectSQLite3 }
func (sqliteDialect) rebind(query string) string { return query }
func (sqliteDialect) lockRow() string            { return "" }
func (sqliteDialect) skipLocked() string         { return "" }
func (sqliteDialect) instantParam() string       { return "?" }
func (sqliteDialect) cachesStatements() bool     { return false }
func (sqliteDialect) pipelines() bool            { return false }
func (sqliteDialect) singleWriter() bool         { return true }
func (sqliteDialect) backupQuery() string        { return "VACUUM INTO ?" }
func (sqliteDialect) purgeQueries(fullText bool) []string {
	if fullText {
		return []string{"INSERT INTO precedents_fts (precedents_fts) VALUES ('optimize')",
			"INSERT INTO precedents_fts_outcome (precedents_fts_outcome) VALUES ('optimize')", "PRAGMA wal_checkpoint(TRUNCATE)"}
	}
	return []string{"PRAGMA wal_checkpoint(TRUNCATE)"}
}

func (sqliteDialect) isUniqueViolation(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

func (sqliteDialect) isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

func (sqliteDialect) isForeignKeyViolation(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

func (sqliteDialect) inIDs(column string, ids []int64) (string, any) {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(x, 10))
	}
	b.WriteByte(']')
	return column + " IN (SELECT value FROM json_each(?))", b.String()
}

func (sqliteDialect) match(terms []string, op string) (from, cond, order string, arg any) {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	return " JOIN precedents_fts f ON f.rowid = p.case_id", "precedents_fts MATCH ?", "bm25(precedents_fts), p.case_id DESC", strings.Join(quoted, " "+op+" ")
}

// matchUnranked walks the cases backwards and keeps the matches, which
// stops as soon as the page is full, instead of joining every match.
func (d sqliteDialect) matchUnranked(terms []string, op string) (from, cond string, arg any) {
	_, _, _, arg = d.match(terms, op)
	return "", "p.case_id IN (SELECT rowid FROM precedents_fts WHERE precedents_fts MATCH ?)", arg
}

func (sqliteDialect) countMatches() string {
	return "SELECT COUNT(*) FROM (SELECT 1 FROM precedents_fts WHERE precedents_fts MATCH ? LIMIT ?) c"
}

// indexPage: FTS5 finds the page itself, by rank or by rowid from the
// newest, reading no more of its index than the page needs.
func (sqliteDialect) indexPage(newest bool) string {
	order := "rank"
	if newest {
		order = "rowid DESC"
	}
	return "SELECT rowid FROM precedents_fts WHERE precedents_fts MATCH ? ORDER BY " + order + " LIMIT ? OFFSET ?"
}

func (sqliteDialect) termFrequencies() string { return "" }

// outcomeMatch: the terms in the column of the words and the outcome in its
// own, as migration 00031 writes it (one token, without hyphens), so a word
// of a text never reads as an outcome.
func (sqliteDialect) outcomeMatch(terms []string, outcome schakel.Outcome) []any {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	return []any{"words : (" + strings.Join(quoted, " AND ") + `) AND outcome : "` + strings.ReplaceAll(string(outcome), "-", "") + `"`}
}

func (sqliteDialect) outcomeCount() string {
	return "SELECT COUNT(*) FROM (SELECT 1 FROM precedents_fts_outcome WHERE precedents_fts_outcome MATCH ? LIMIT ?) c"
}

func (sqliteDialect) outcomePage() string {
	return "SELECT rowid FROM precedents_fts_outcome WHERE precedents_fts_outcome MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?"
}

func (sqliteDialect) creationPeriod(from, to time.Time) (string, []any) {
	return "created_at >= ? AND created_at < ?", []any{from, to}
}

type postgresDialect struct{}

func (postgresDialect) name() string           { return "postgres" }
func (postgresDialect) goose() goose.Dialect   { return goose.DialectPostgres }
func (postgresDialect) lockRow() string        { return " FOR NO KEY UPDATE" }
func (postgresDialect) skipLocked() string     { return " FOR UPDATE SKIP LOCKED" }
func (postgresDialect) instantParam() string   { return "CAST(? AS TIMESTAMPTZ)" }
func (postgresDialect) cachesStatements() bool { return true }
func (postgresDialect) pipelines() bool        { return true }
func (postgresDialect) singleWriter() bool     { return false }
func (postgresDialect) backupQuery() string    { return "" }
func (postgresDialect) purgeQueries(bool) []string {
	return nil
}
func (postgresDialect) isBusy(error) bool { return false }

func (postgresDialect) creationPeriod(from, to time.Time) (string, []any) {
	lit := func(t time.Time) string {
		return "'" + t.UTC().Format("2006-01-02T15:04:05.999999Z07:00") + "'::timestamptz"
	}
	return "created_at >= " + lit(from) + " AND created_at < " + lit(to), nil
}

func (postgresDialect) rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

func (postgresDialect) isUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

func (postgresDialect) isForeignKeyViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23503"
}

func (postgresDialect) inIDs(column string, ids []int64) (string, any) {
	return column + " = ANY(?)", ids
}

func (postgresDialect) match(terms []string, op string) (from, cond, order string, arg any) {
	// The terms are letters and digits only, so they are safe in
	// to_tsquery; plainto_tsquery would read none of them as an operator
	// either, but cannot say OR.
	if op == "AND" {
		q := strings.Join(terms, " ")
		return "", "p.tsv @@ plainto_tsquery('dutch', ?)", "ts_rank(p.tsv, plainto_tsquery('dutch', ?)) DESC, p.case_id DESC", q
	}
	q := strings.Join(terms, " | ")
	return "", "p.tsv @@ to_tsquery('dutch', ?)", "ts_rank(p.tsv, to_tsquery('dutch', ?)) DESC, p.case_id DESC", q
}

// matchUnranked is match's condition: it needs no join to begin with.
func (d postgresDialect) matchUnranked(terms []string, op string) (from, cond string, arg any) {
	from, cond, _, arg = d.match(terms, op)
	return from, cond, arg
}

// outcomeMatch: the terms as match has them (all of them), and the
// outcome's lexeme of migration 00031 as a tsquery (a valid outcome holds
// letters and hyphens only, so it is safe between the quotes).
func (postgresDialect) outcomeMatch(terms []string, outcome schakel.Outcome) []any {
	return []any{strings.Join(terms, " "), "'uitkomst " + string(outcome) + "'"}
}

// outcomeCount reads the index of migration 00031, whose expression it
// repeats so the planner can use it.
func (postgresDialect) outcomeCount() string {
	return `SELECT COUNT(*) FROM (SELECT 1 FROM precedents
		WHERE (tsv || array_to_tsvector(ARRAY['uitkomst ' || outcome])) @@ (plainto_tsquery('dutch', ?) && CAST(? AS tsquery)) LIMIT ?) c`
}

// outcomePage: the newest cases with the words and outcome are found by
// walking the cases backwards (the primary key) until the page is full,
// which the general query already does.
func (postgresDialect) outcomePage() string { return "" }

// countMatches: a query of one lexeme is counted from precedent_terms, the
// document frequencies the triggers of migrations 00009 and 00010 keep,
// reading one row; counting it in the GIN index reads every matching case
// (a bitmap heap scan: 10,000 rows for a common word). A query of more
// lexemes, or none (a stop word), is counted as before.
func (postgresDialect) countMatches() string {
	return `SELECT CASE WHEN numnode(m.q) = 1
			THEN COALESCE((SELECT LEAST(t.n, m.lim) FROM precedent_terms t WHERE t.term = (SELECT lexeme FROM unnest(to_tsvector('dutch', m.words)) LIMIT 1)), 0)
			ELSE (SELECT COUNT(*) FROM (SELECT 1 FROM precedents WHERE tsv @@ m.q LIMIT m.lim) c) END
		FROM (SELECT plainto_tsquery('dutch', a.words) AS q, a.words, a.lim FROM (SELECT CAST(? AS text) AS words, CAST(? AS bigint) AS lim) a) m`
}

// indexPage: ranking needs the rows, so the page is read with them.
func (postgresDialect) indexPage(bool) string { return "" }

// termFrequencies reads precedent_terms, kept by the migrations' triggers; a
// lexeme of the text that no published case has is not there.
func (postgresDialect) termFrequencies() string {
	return `SELECT t.term, t.n FROM precedent_terms t
			WHERE t.term IN (SELECT lexeme FROM unnest(to_tsvector('dutch', $1)))`
}

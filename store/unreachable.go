package store

import (
	"context"
	"errors"
	"net"
	"os"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/schakel-nl/schakel"
)

// unreachable is the error of a database that does not answer, naming the
// cause an operator can act on: a wrong password, an unknown database, a
// refused connection, missing rights, a file that is no database. It is
// built from fixed words and codes only, never from the driver's text or
// the connection URL, so the password cannot end up in a log or on /readyz.
func unreachable(err error) error {
	msg := "De database is niet bereikbaar."
	if cause := unreachableCause(err); cause != "" {
		msg = "De database is niet bereikbaar: " + cause + "."
	}
	return &schakel.Error{Code: schakel.EUNAVAILABLE, Message: msg}
}

// pgCauses are the PostgreSQL error codes (SQLSTATE) met when connecting.
var pgCauses = map[string]string{
	"28P01": "het wachtwoord of de gebruikersnaam klopt niet (PostgreSQL 28P01)",
	"28000": "PostgreSQL laat deze gebruiker niet toe vanaf dit adres (28000; zie pg_hba.conf)",
	"3D000": "de database bestaat niet (PostgreSQL 3D000)",
	"42501": "de gebruiker heeft geen recht op de database (PostgreSQL 42501)",
	"53300": "PostgreSQL heeft geen verbindingen meer vrij (53300)",
	"57P03": "PostgreSQL start nog op of stopt (57P03)",
}

// sqliteCauses are the SQLite result codes met when opening a file.
var sqliteCauses = map[int]string{
	sqlite3.SQLITE_NOTADB:   "het bestand is geen SQLite-database",
	sqlite3.SQLITE_CORRUPT:  "het databasebestand is beschadigd",
	sqlite3.SQLITE_CANTOPEN: "het bestand kan niet worden geopend of gemaakt (bestaat de map, en mag schakel erin schrijven?)",
	sqlite3.SQLITE_PERM:     "schakel heeft geen rechten op het databasebestand",
	sqlite3.SQLITE_READONLY: "het databasebestand is alleen-lezen",
	sqlite3.SQLITE_FULL:     "de schijf is vol",
}

// unreachableCause names the cause of err in words, or "" when unknown.
func unreachableCause(err error) string {
	if pe, ok := errors.AsType[*pgconn.PgError](err); ok {
		if c, ok := pgCauses[pe.Code]; ok {
			return c
		}
		return "PostgreSQL weigert de verbinding (" + pe.Code + ")"
	}
	if se, ok := errors.AsType[*sqlite.Error](err); ok {
		if c, ok := sqliteCauses[se.Code()&0xff]; ok {
			return c
		}
	}
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "de server weigert de verbinding (luistert PostgreSQL op dat adres en die poort?)"
	case errors.As(err, &dnsErr):
		return "de naam van de databaseserver is onbekend"
	case errors.Is(err, os.ErrPermission):
		return "schakel heeft geen rechten op de database"
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return "de databaseserver antwoordt niet op tijd"
	}
	return ""
}

// isTimeout reports a network timeout.
func isTimeout(err error) bool {
	ne, ok := errors.AsType[net.Error](err)
	return ok && ne.Timeout()
}

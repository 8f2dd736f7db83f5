// Package opendata describes schakel's open data and writes it: the
// datasets with their documented columns, CSV (RFC 4180) and JSON
// downloads, CSVW metadata ("CSV on the Web"), Atom feeds (RFC 4287), the
// DCAT-AP-NL 3.0 catalogue as JSON-LD, and the rule that suppresses small
// counts of citizens' brakes in aggregates. It does no I/O of its own: the
// writers take an io.Writer, the rows come from the caller (package web
// reads them through the services). Output depends only on its input,
// never on the clock, so the same data gives the same bytes.
package opendata

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Licence is the licence of every dataset: CC0 1.0, public domain.
const Licence = "http://creativecommons.org/publicdomain/zero/1.0/"

// Datatype is the type of a column's values, named as in XML Schema, which
// CSVW and JSON-LD use.
type Datatype string

// The datatypes of the columns.
const (
	TypeString   Datatype = "string"
	TypeInteger  Datatype = "integer"
	TypeBoolean  Datatype = "boolean"
	TypeDateTime Datatype = "dateTime"
	TypeDate     Datatype = "date"
	TypeURI      Datatype = "anyURI"
)

// Column is one documented column of a dataset.
type Column struct {
	Name        string   // the header in CSV and the key in JSON, camelCase Dutch
	Type        Datatype // what its values are
	Description string   // in plain Dutch
	// Nullable says the column may be empty: no value, or suppressed.
	Nullable bool
	// List says the column holds a list of strings: joined by "; " in CSV,
	// an array in JSON.
	List bool
}

// Dataset describes one downloadable dataset: a public register, or an
// aggregate over one.
type Dataset struct {
	// ID is the stable identifier: the name of the files and of the
	// dataset in the catalogue ("noodremmen").
	ID          string
	Title       string // Dutch
	Description string // Dutch
	Keywords    []string
	// Page is the path of the register's page on the site ("/noodremmen"),
	// under which each row has its URI: {base}{Page}/{nummer}.
	Page    string
	Columns []Column
}

// Row is one row of a dataset: a value per column, in the columns' order.
// A value is a string, an int, an int64, a bool, a time.Time (written as a
// dateTime in UTC), a []string (joined by "; " in CSV, an array in JSON)
// or nil (empty in CSV, null in JSON).
type Row []any

// Column returns the index of the column named name, or -1.
func (d *Dataset) Column(name string) int {
	for i, c := range d.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// RowURI is the stable identifier of row id of d at base: the URL of the
// row's page on the site.
func (d *Dataset) RowURI(base string, id int64) string {
	return strings.TrimRight(base, "/") + d.Page + "/" + strconv.FormatInt(id, 10)
}

// check returns an error when row does not fit d: a value of the wrong type
// or a nil where the column may not be empty. Writers check every row, so a
// mistake in a caller's projection fails loudly instead of publishing a
// malformed file.
func (d *Dataset) check(row Row) error {
	if len(row) != len(d.Columns) {
		return fmt.Errorf("opendata: %s: row has %d values for %d columns", d.ID, len(row), len(d.Columns))
	}
	for i, v := range row {
		c := d.Columns[i]
		if v == nil {
			if !c.Nullable {
				return fmt.Errorf("opendata: %s: column %s may not be empty", d.ID, c.Name)
			}
			continue
		}
		ok := false
		switch v.(type) {
		case string:
			ok = !c.List && (c.Type == TypeString || c.Type == TypeURI || c.Type == TypeDate)
		case int, int64:
			ok = c.Type == TypeInteger
		case bool:
			ok = c.Type == TypeBoolean
		case time.Time:
			ok = c.Type == TypeDateTime
		case []string:
			ok = c.List
		}
		if !ok {
			return fmt.Errorf("opendata: %s: column %s (%s) got %T", d.ID, c.Name, c.Type, v)
		}
	}
	return nil
}

// Timestamp is how every dateTime is written: RFC 3339 in UTC, as the API
// writes it.
func Timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// text is v as CSV writes it.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return Timestamp(x)
	case []string:
		return strings.Join(x, "; ")
	}
	return fmt.Sprint(v)
}

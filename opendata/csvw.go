package opendata

import (
	"encoding/json"
	"io"
)

// CSVW metadata (W3C "Metadata Vocabulary for Tabular Data"): a table
// description that tells a reader of the CSV what each column means and
// what type its values have, and that the table is CC0.

type csvwTable struct {
	Context     string      `json:"@context"`
	URL         string      `json:"url"`
	Title       string      `json:"dc:title"`
	Description string      `json:"dc:description"`
	Licence     csvwRef     `json:"dc:license"`
	Schema      csvwSchema  `json:"tableSchema"`
	Dialect     csvwDialect `json:"dialect"`
}

type csvwRef struct {
	ID string `json:"@id"`
}

type csvwSchema struct {
	Columns    []csvwColumn `json:"columns"`
	PrimaryKey string       `json:"primaryKey"`
	AboutURL   string       `json:"aboutUrl"`
}

type csvwColumn struct {
	Name        string `json:"name"`
	Titles      string `json:"titles"`
	Datatype    string `json:"datatype"`
	Description string `json:"dc:description"`
	Required    bool   `json:"required"`
	Separator   string `json:"separator,omitempty"`
}

type csvwDialect struct {
	Encoding string `json:"encoding"`
	Header   bool   `json:"header"`
}

// WriteCSVW writes the CSVW metadata of d, whose CSV is at csvURL.
func WriteCSVW(w io.Writer, d *Dataset, csvURL string) error {
	t := csvwTable{Context: "http://www.w3.org/ns/csvw", URL: csvURL, Title: d.Title, Description: d.Description,
		Licence: csvwRef{ID: Licence}, Dialect: csvwDialect{Encoding: "utf-8", Header: true},
		Schema: csvwSchema{PrimaryKey: "id", AboutURL: "{+id}"}}
	for _, c := range d.Columns {
		col := csvwColumn{Name: c.Name, Titles: c.Name, Datatype: string(c.Type), Description: c.Description, Required: !c.Nullable}
		if c.List {
			col.Separator = "; "
		}
		t.Schema.Columns = append(t.Schema.Columns, col)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(t)
}

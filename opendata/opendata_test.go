package opendata_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/opendata"
)

var at = time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)

// brakeRow is a valid row of the brake register.
func brakeRow(id int64) opendata.Row {
	return opendata.Row{opendata.Brakes.RowURI("https://schakel.example/", id), id, "burger", "uwv", "uwv", "coordinator", 0,
		[]string{"zorgvuldigheid", "evenredigheid"}, false, "answered", "explain", at, "2026-04-15", false, 0, false,
		"https://schakel.example/api/v1/logboek/gebeurtenissen/1/1"}
}

func TestCSVIsRFC4180WithHeader(t *testing.T) {
	var b bytes.Buffer
	w, err := opendata.NewCSV(&b, opendata.Brakes)
	if err != nil {
		t.Fatal(err)
	}
	row := brakeRow(7)
	row[4] = `uwv, "quoted"`
	if err := w.Write(row); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\r\n") || strings.Count(b.String(), "\r\n") != 2 {
		t.Errorf("want CRLF line ends on two lines: %q", b.String())
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0][0] != "id" || recs[0][1] != "nummer" || len(recs[0]) != len(opendata.Brakes.Columns) {
		t.Fatalf("header: %v", recs[0])
	}
	got := recs[1]
	want := map[string]string{"id": "https://schakel.example/noodremmen/7", "nummer": "7", "geadresseerdeOrganisatie": `uwv, "quoted"`,
		"beginselen": "zorgvuldigheid; evenredigheid", "urgent": "false", "getrokkenOp": "2026-03-04T10:30:00Z", "antwoord": "explain"}
	for name, v := range want {
		if g := got[opendata.Brakes.Column(name)]; g != v {
			t.Errorf("%s = %q, want %q", name, g, v)
		}
	}
}

func TestJSONHasMetadataAndResults(t *testing.T) {
	var b bytes.Buffer
	w, err := opendata.NewJSON(&b, opendata.Brakes, opendata.Meta{Catalogue: "https://x/open-data/catalogus.jsonld"})
	if err != nil {
		t.Fatal(err)
	}
	r2 := brakeRow(2)
	r2[opendata.Brakes.Column("antwoord")] = nil
	for _, r := range []opendata.Row{brakeRow(1), r2} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Dataset  string           `json:"dataset"`
		Licence  string           `json:"licentie"`
		Columns  []map[string]any `json:"kolommen"`
		Results  []map[string]any `json:"resultaten"`
		Catalog  string           `json:"catalogus"`
		Overflow map[string]any   `json:"-"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("%v: %s", err, b.String())
	}
	if doc.Dataset != "noodremmen" || doc.Licence != opendata.Licence || len(doc.Columns) != len(opendata.Brakes.Columns) || len(doc.Results) != 2 {
		t.Fatalf("doc: %+v", doc)
	}
	if doc.Results[0]["nummer"] != float64(1) || doc.Results[1]["antwoord"] != nil || doc.Results[0]["getrokkenOp"] != "2026-03-04T10:30:00Z" {
		t.Errorf("results: %v", doc.Results)
	}
	if ps, ok := doc.Results[0]["beginselen"].([]any); !ok || len(ps) != 2 {
		t.Errorf("beginselen is not a list: %v", doc.Results[0]["beginselen"])
	}
}

func TestEmptyJSONIsValid(t *testing.T) {
	var b bytes.Buffer
	w, _ := opendata.NewJSON(&b, opendata.Knelpunten, opendata.Meta{})
	w.Close()
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if rs, ok := doc["resultaten"].([]any); !ok || len(rs) != 0 {
		t.Errorf("resultaten: %v", doc["resultaten"])
	}
}

func TestWritersRefuseRowsThatDoNotFit(t *testing.T) {
	cases := map[string]func(opendata.Row) opendata.Row{
		"too short":        func(r opendata.Row) opendata.Row { return r[:3] },
		"nil not nullable": func(r opendata.Row) opendata.Row { r[2] = nil; return r },
		"wrong type":       func(r opendata.Row) opendata.Row { r[1] = "7"; return r },
		"list in scalar":   func(r opendata.Row) opendata.Row { r[2] = []string{"a"}; return r },
	}
	for name, bad := range cases {
		t.Run(name, func(t *testing.T) {
			for _, format := range []string{"csv", "json"} {
				w, err := opendata.NewWriter(format, &bytes.Buffer{}, opendata.Brakes, opendata.Meta{})
				if err != nil {
					t.Fatal(err)
				}
				if err := w.Write(bad(brakeRow(1))); err == nil {
					t.Errorf("%s accepted the row", format)
				}
			}
		})
	}
	if _, err := opendata.NewWriter("xml", &bytes.Buffer{}, opendata.Brakes, opendata.Meta{}); err != opendata.ErrUnknownFormat {
		t.Errorf("xml: %v", err)
	}
}

// TestDatasetsAreDocumented holds every dataset to its promise: an
// identifier, a Dutch title and description, every column named once,
// typed and described, id first.
func TestDatasetsAreDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range opendata.All {
		if d.ID == "" || seen[d.ID] || d.Title == "" || d.Description == "" || !strings.HasPrefix(d.Page, "/") {
			t.Errorf("dataset %q is not described", d.ID)
		}
		seen[d.ID] = true
		if d.Columns[0].Name != "id" || d.Columns[0].Type != opendata.TypeURI {
			t.Errorf("%s: first column %v", d.ID, d.Columns[0])
		}
		names := map[string]bool{}
		for _, c := range d.Columns {
			if c.Name == "" || names[c.Name] || c.Type == "" || len(c.Description) < 5 {
				t.Errorf("%s: column %+v", d.ID, c)
			}
			names[c.Name] = true
		}
	}
}

func TestCSVWDescribesEveryColumn(t *testing.T) {
	var b bytes.Buffer
	if err := opendata.WriteCSVW(&b, opendata.Precedents, "https://x/open-data/casusprudentie.csv"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Context string `json:"@context"`
		URL     string `json:"url"`
		Licence struct {
			ID string `json:"@id"`
		} `json:"dc:license"`
		Schema struct {
			Columns []struct {
				Name, Datatype, Separator string
				Required                  bool
			} `json:"columns"`
			PrimaryKey string `json:"primaryKey"`
		} `json:"tableSchema"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Context != "http://www.w3.org/ns/csvw" || doc.Licence.ID != opendata.Licence || doc.Schema.PrimaryKey != "id" || doc.URL == "" {
		t.Errorf("table: %+v", doc)
	}
	if len(doc.Schema.Columns) != len(opendata.Precedents.Columns) {
		t.Fatalf("%d columns", len(doc.Schema.Columns))
	}
	for i, c := range doc.Schema.Columns {
		want := opendata.Precedents.Columns[i]
		if c.Name != want.Name || c.Datatype != string(want.Type) || c.Required == want.Nullable || (c.Separator != "") != want.List {
			t.Errorf("column %d: %+v, want %+v", i, c, want)
		}
	}
}

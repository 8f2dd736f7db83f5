package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/opendata"
	"github.com/schakel-nl/schakel/opendata/opendatatest"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

const openBase = "https://schakel.example"

// openDataServer is the whole server over a fresh store of backend open
// with the demo world, its public URL openBase.
func openDataServer(t *testing.T, open storetest.Opener) (http.Handler, *store.Store) {
	t.Helper()
	ctx := context.Background()
	cfg := config.Default()
	cfg.BaseURL = openBase
	clock := schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
	st := open(t, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if ok, err := demo.Build(ctx, st); err != nil || !ok {
		t.Fatalf("demo world: %v %v", ok, err)
	}
	srv, err := app.New(&cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The demo's brakes, cases, knelpunten and proposals, through the
	// services, as serve --demo builds them.
	now := clock.Now()
	if _, ok, err := demo.BuildBrakes(ctx, st, srv.Brakes(), now); err != nil || !ok {
		t.Fatalf("demo brakes: %v %v", ok, err)
	}
	if ok, err := demo.BuildCases(ctx, st, srv.Cases(), now); err != nil || !ok {
		t.Fatalf("demo cases: %v %v", ok, err)
	}
	if ok, err := demo.BuildSignals(ctx, st, srv.Signals(), now); err != nil || !ok {
		t.Fatalf("demo signals: %v %v", ok, err)
	}
	if ok, err := demo.BuildProposals(ctx, st, srv.Assessments(), now); err != nil || !ok {
		t.Fatalf("demo proposals: %v %v", ok, err)
	}
	return srv, st
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w
}

// apiResults reads every result of a paged API list.
func apiResults(t *testing.T, h http.Handler, path string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for page := 1; ; page++ {
		w := get(t, h, fmt.Sprintf("%s?pagina=%d&paginaGrootte=100", path, page))
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
		var p struct {
			Results []map[string]any `json:"resultaten"`
			Total   int              `json:"totaal"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Results...)
		if len(out) >= p.Total || len(p.Results) == 0 {
			return out
		}
	}
}

// apiValue is the API's value for an open-data column of a row: the
// flattened fields are read from their nested place.
func apiValue(api map[string]any, dataset, column string) any {
	nested := map[string][2]string{
		"geadresseerdeOrganisatie": {"geadresseerde", "organisatie"}, "geadresseerdeRol": {"geadresseerde", "rol"},
		"burgersVan": {"burgers", "van"}, "burgersTot": {"burgers", "tot"},
		"kostenEenmaligCenten": {"kosten", "eenmaligCenten"}, "kostenStructureelCenten": {"kosten", "structureelCenten"},
	}
	if p, ok := nested[column]; ok {
		return api[p[0]].(map[string]any)[p[1]]
	}
	switch {
	case column == "nummer":
		return api["id"]
	case column == "bewijs":
		return openBase + api["bewijs"].(string)
	case dataset == "voorstellen" && column == "regels":
		var refs []any
		for _, r := range api["regels"].([]any) {
			refs = append(refs, r.(map[string]any)["verwijzing"])
		}
		return refs
	}
	return api[column]
}

// normal is v as JSON decodes it, with an absent value and "" as nil and
// an empty list as nil, so the API's omitempty and the open data's null
// compare equal.
func normal(v any) any {
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil
		}
	case []any:
		if len(x) == 0 {
			return nil
		}
		return fmt.Sprint(x)
	}
	return v
}

var registerAPI = map[string]string{"noodremmen": "/api/v1/noodremmen", "knelpunten": "/api/v1/knelpunten", "voorstellen": "/api/v1/voorstellen", "casusprudentie": "/api/v1/casusprudentie"}

// TestOpenDataAgreesWithTheAPI downloads every register as JSON and CSV
// and holds each row, column by column, to what the API returns for the
// same record, on every backend.
func TestOpenDataAgreesWithTheAPI(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			h, _ := openDataServer(t, b.Open)
			for _, d := range opendata.Registers {
				api := apiResults(t, h, registerAPI[d.ID])
				if len(api) == 0 {
					t.Fatalf("%s: the demo world has no rows, so the test proves nothing", d.ID)
				}
				js := downloadJSON(t, h, d)
				rows := downloadCSV(t, h, d)
				if len(js) != len(api) || len(rows) != len(api) {
					t.Fatalf("%s: %d JSON rows, %d CSV rows, %d in the API", d.ID, len(js), len(rows), len(api))
				}
				for i, a := range api {
					id := int64(a["id"].(float64))
					if js[i]["id"] != d.RowURI(openBase, id) || rows[i]["id"] != d.RowURI(openBase, id) {
						t.Errorf("%s row %d: id %v / %v", d.ID, i, js[i]["id"], rows[i]["id"])
					}
					for _, c := range d.Columns[1:] {
						want := normal(apiValue(a, d.ID, c.Name))
						if got := normal(js[i][c.Name]); fmt.Sprint(got) != fmt.Sprint(want) {
							t.Errorf("%s %d JSON %s = %v, API %v", d.ID, id, c.Name, got, want)
						}
						if got, want := rows[i][c.Name], csvText(apiValue(a, d.ID, c.Name)); got != want {
							t.Errorf("%s %d CSV %s = %q, API %q", d.ID, id, c.Name, got, want)
						}
					}
				}
			}
		})
	}
}

// csvText is an API value as the CSV writes it.
func csvText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		s := make([]string, len(x))
		for i, e := range x {
			s[i] = fmt.Sprint(e)
		}
		return strings.Join(s, "; ")
	}
	return fmt.Sprint(v)
}

func downloadJSON(t *testing.T, h http.Handler, d *opendata.Dataset) []map[string]any {
	t.Helper()
	w := get(t, h, "/open-data/"+d.ID+".json")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json" || !strings.Contains(w.Header().Get("Content-Disposition"), d.ID+".json") ||
		w.Header().Get("Last-Modified") == "" {
		t.Fatalf("%s.json: %d %v", d.ID, w.Code, w.Header())
	}
	var doc struct {
		Licence string           `json:"licentie"`
		Results []map[string]any `json:"resultaten"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Licence != opendata.Licence {
		t.Errorf("licence %q", doc.Licence)
	}
	return doc.Results
}

func downloadCSV(t *testing.T, h http.Handler, d *opendata.Dataset) []map[string]string {
	t.Helper()
	w := get(t, h, "/open-data/"+d.ID+".csv")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("%s.csv: %d %v", d.ID, w.Code, w.Header())
	}
	recs, err := csv.NewReader(w.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			m[name] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func TestOpenDataIsCachedByLastModified(t *testing.T) {
	h, _ := openDataServer(t, storetest.OpenSQLite)
	w := get(t, h, "/open-data/noodremmen.csv")
	lm := w.Header().Get("Last-Modified")
	req := httptest.NewRequest("GET", "/open-data/noodremmen.csv", nil)
	req.Header.Set("If-Modified-Since", lm)
	again := httptest.NewRecorder()
	h.ServeHTTP(again, req)
	if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("If-Modified-Since %s: %d", lm, again.Code)
	}
	for _, path := range []string{"/open-data/bestaatniet.csv", "/open-data/noodremmen.xml", "/open-data/.csv", "/feeds/noodremmen-per-maand.atom", "/feeds/x.atom"} {
		if w := get(t, h, path); w.Code != 404 || w.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s", path, w.Code, w.Header().Get("Content-Type"))
		}
	}
}

// TestFeedsParseAsAtom reads every register's feed, unfiltered and
// filtered, and checks it against RFC 4287; a bad filter is a 400 naming
// the parameter.
func TestFeedsParseAsAtom(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			h, _ := openDataServer(t, b.Open)
			for _, path := range []string{"/feeds/noodremmen.atom", "/feeds/knelpunten.atom", "/feeds/voorstellen.atom", "/feeds/casusprudentie.atom",
				"/feeds/noodremmen.atom?organisatie=uwv", "/feeds/knelpunten.atom?wet=BWBR0019057", "/feeds/casusprudentie.atom?organisatie=uwv&wet=BWBR0019057"} {
				w := get(t, h, path)
				if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/atom+xml") {
					t.Fatalf("%s: %d %s", path, w.Code, w.Body)
				}
				f, err := opendatatest.ParseAtom(w.Body.Bytes())
				if err != nil {
					t.Errorf("%s: %v", path, err)
					continue
				}
				if !strings.Contains(path, "?") && len(f.Entries) == 0 {
					t.Errorf("%s has no entries, so the check proves little", path)
				}
			}
			for path, param := range map[string]string{"/feeds/noodremmen.atom?wet=BWBR0019057": "wet", "/feeds/knelpunten.atom?wet=x": "wet",
				"/feeds/knelpunten.atom?organisatie=bestaat-niet": "organisatie", "/feeds/knelpunten.atom?soort=x": "soort"} {
				w := get(t, h, path)
				var p struct {
					InvalidParams []struct{ Name string } `json:"invalidParams"`
				}
				json.Unmarshal(w.Body.Bytes(), &p)
				if w.Code != 400 || w.Header().Get("Content-Type") != "application/problem+json" || len(p.InvalidParams) != 1 || p.InvalidParams[0].Name != param {
					t.Errorf("%s: %d %s", path, w.Code, w.Body)
				}
			}
		})
	}
}

func TestServedCatalogueMeetsDCATAPNL(t *testing.T) {
	h, _ := openDataServer(t, storetest.OpenSQLite)
	w := get(t, h, "/open-data/catalogus.jsonld")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/ld+json" {
		t.Fatalf("%d %v", w.Code, w.Header())
	}
	g, err := opendatatest.ParseJSONLD(w.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range opendatatest.CheckDCATAPNL(g) {
		t.Error(p)
	}
	// Every download the catalogue names is there.
	for _, tr := range g.Triples {
		if tr.P == opendatatest.DCAT+"downloadURL" {
			if w := get(t, h, strings.TrimPrefix(tr.O.Value, openBase)); w.Code != 200 {
				t.Errorf("%s: %d", tr.O.Value, w.Code)
			}
		}
	}
	page := get(t, h, "/open-data")
	if page.Code != 200 || !strings.Contains(page.Body.String(), "/open-data/noodremmen.csv") || !strings.Contains(page.Body.String(), opendata.Licence) {
		t.Errorf("/open-data: %d", page.Code)
	}
}

// TestOpenDataHoldsNoPersonalData scans every download and feed for the
// demo world's citizens (names, BSNs, addresses), every user's name,
// e-mail address and login subject, and for any BSN, IBAN or e-mail
// address the redaction package finds.
func TestOpenDataHoldsNoPersonalData(t *testing.T) {
	h, st := openDataServer(t, storetest.OpenSQLite)
	secrets := []string{"Simon de Groot", "Petra Bakker", "Jan Visser", "Mo Yilmaz", "Els Mulder", "111222333", "123456782", "100000009", "Kerkstraat 12", "Claes"}
	us, _, err := st.Users(context.Background(), schakel.UserFilter{Limit: 1000})
	if err != nil || len(us) == 0 {
		t.Fatalf("users: %d %v", len(us), err)
	}
	for _, u := range us {
		for _, s := range []string{u.Name, u.Email, u.Subject} {
			if len(s) > 3 {
				secrets = append(secrets, s)
			}
		}
	}
	var paths []string
	for _, d := range opendata.All {
		for _, ext := range []string{"csv", "json", "csv-metadata.json"} {
			paths = append(paths, "/open-data/"+d.ID+"."+ext)
		}
	}
	paths = append(paths, "/open-data/catalogus.jsonld", "/open-data", "/feeds/noodremmen.atom", "/feeds/knelpunten.atom", "/feeds/voorstellen.atom", "/feeds/casusprudentie.atom")
	var all bytes.Buffer
	for _, p := range paths {
		w := get(t, h, p)
		if w.Code != 200 {
			t.Fatalf("%s: %d", p, w.Code)
		}
		body := w.Body.String()
		all.WriteString(body)
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("%s contains %q", p, s)
			}
		}
		for _, f := range redact.Find(body, nil) {
			if f.Kind == redact.BSN || f.Kind == redact.IBAN || f.Kind == redact.Email {
				t.Errorf("%s contains a %s: %q", p, f.Kind, f.Text)
			}
		}
	}
	if !strings.Contains(all.String(), "WIA") {
		t.Error("the downloads hold no demo text, so the scan proves nothing")
	}
}

package opendata_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/opendata"
	"github.com/schakel-nl/schakel/opendata/opendatatest"
)

func TestAtomIsRFC4287NewestFirst(t *testing.T) {
	t1 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	f := opendata.Feed{ID: "https://x/feeds/noodremmen.atom", Title: "Noodremmen", Self: "https://x/feeds/noodremmen.atom", Alternate: "https://x/noodremmen", Author: "schakel",
		Entries: []opendata.Entry{
			{ID: "https://x/noodremmen/1", Title: "Noodrem 1", Link: "https://x/noodremmen/1", Summary: "a", Updated: t1},
			{ID: "https://x/noodremmen/3", Title: "Noodrem 3 <&>", Link: "https://x/noodremmen/3", Summary: "c", Updated: t1.Add(48 * time.Hour)},
			{ID: "https://x/noodremmen/2", Title: "Noodrem 2", Link: "https://x/noodremmen/2", Summary: "b", Updated: t1.Add(time.Hour)},
		}}
	var b bytes.Buffer
	if err := opendata.WriteAtom(&b, f); err != nil {
		t.Fatal(err)
	}
	feed, err := opendatatest.ParseAtom(b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if feed.Updated != "2026-01-03T08:00:00Z" || len(feed.Entries) != 3 || feed.Entries[0].ID != "https://x/noodremmen/3" ||
		feed.Entries[1].ID != "https://x/noodremmen/2" || feed.Entries[0].Title != "Noodrem 3 <&>" {
		t.Errorf("feed: %+v", feed)
	}
	var again bytes.Buffer
	opendata.WriteAtom(&again, f)
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("the same feed gave different bytes")
	}
}

func TestEmptyAtomFeedIsValidAndReproducible(t *testing.T) {
	var b bytes.Buffer
	if err := opendata.WriteAtom(&b, opendata.Feed{ID: "tag:x,2026:leeg", Title: "Leeg", Self: "https://x/feeds/knelpunten.atom", Author: "schakel"}); err != nil {
		t.Fatal(err)
	}
	feed, err := opendatatest.ParseAtom(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if feed.Updated != "1970-01-01T00:00:00Z" || len(feed.Entries) != 0 {
		t.Errorf("feed: %+v", feed)
	}
}

func catalog() opendata.Catalog {
	return opendata.Catalog{Base: "https://schakel.example/", Title: "Open data van schakel", Description: "Alle openbare registers.",
		Publisher: "Beheerder van schakel", Contact: "https://schakel.example/open-data", Datasets: opendata.All,
		Feeds: []string{"noodremmen", "knelpunten", "voorstellen", "casusprudentie"}}
}

// TestCatalogMeetsDCATAPNL parses the catalogue as RDF (JSON-LD to
// triples) and checks every mandatory class and property of DCAT-AP 3.0
// and DCAT-AP-NL 3.0, with their cardinalities and controlled
// vocabularies (decision 0023).
func TestCatalogMeetsDCATAPNL(t *testing.T) {
	var b bytes.Buffer
	if err := opendata.WriteCatalog(&b, catalog()); err != nil {
		t.Fatal(err)
	}
	g, err := opendatatest.ParseJSONLD(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range opendatatest.CheckDCATAPNL(g) {
		t.Error(p)
	}
	if n := len(g.OfType(opendatatest.DCAT + "Dataset")); n != len(opendata.All) {
		t.Errorf("%d datasets", n)
	}
	// Four registers × 3 (CSV, JSON, Atom) + the two aggregates × 2.
	if n := len(g.OfType(opendatatest.DCAT + "Distribution")); n != 16 {
		t.Errorf("%d distributions", n)
	}
	if os.Getenv("OPENDATA_DUMP") != "" {
		t.Log(b.String())
	}
}

// TestCheckDCATAPNLFindsWhatIsMissing proves the check can fail: a
// catalogue whose distributions lack a licence and whose datasets lack a
// theme is refused for both.
func TestCheckDCATAPNLFindsWhatIsMissing(t *testing.T) {
	var b bytes.Buffer
	opendata.WriteCatalog(&b, catalog())
	g, err := opendatatest.ParseJSONLD(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	g.Remove(opendatatest.DCT + "license")
	g.Remove(opendatatest.DCAT + "theme")
	problems := opendatatest.CheckDCATAPNL(g)
	var licence, theme bool
	for _, p := range problems {
		licence = licence || bytes.Contains([]byte(p), []byte("license"))
		theme = theme || bytes.Contains([]byte(p), []byte("theme"))
	}
	if !licence || !theme {
		t.Errorf("problems: %v", problems)
	}
}

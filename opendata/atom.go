package opendata

import (
	"encoding/xml"
	"io"
	"sort"
	"time"
)

// AtomNS is the namespace of Atom 1.0 (RFC 4287).
const AtomNS = "http://www.w3.org/2005/Atom"

// Feed is an Atom feed of new public entries of one register.
type Feed struct {
	ID        string // a URI that does not change: the feed's canonical URL
	Title     string
	Self      string // the feed's URL, for link rel="self"
	Alternate string // the register's page, for link rel="alternate"
	Author    string // the publisher's name; Atom needs an author
	Entries   []Entry
}

// Entry is one entry of a feed.
type Entry struct {
	ID      string // the row's URI
	Title   string
	Link    string
	Summary string
	Updated time.Time // from the data, never from the clock
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   atomText    `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Rights  string      `xml:"rights"`
	Entries []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   atomText `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary atomText `xml:"summary"`
}

// epoch is the updated time of a feed without entries: a fixed instant, so
// the same (empty) data gives the same bytes.
var epoch = time.Unix(0, 0).UTC()

// WriteAtom writes f as Atom 1.0: entries newest first (by Updated, then by
// ID for equal times), the feed's updated the newest entry's.
func WriteAtom(w io.Writer, f Feed) error {
	entries := append([]Entry(nil), f.Entries...)
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].Updated.Equal(entries[j].Updated) {
			return entries[i].Updated.After(entries[j].Updated)
		}
		return entries[i].ID > entries[j].ID
	})
	updated := epoch
	if len(entries) > 0 {
		updated = entries[0].Updated
	}
	out := atomFeed{Lang: "nl", ID: f.ID, Title: atomText{Type: "text", Text: f.Title}, Updated: atomTime(updated),
		Author: atomAuthor{Name: f.Author}, Rights: "CC0 1.0: " + Licence,
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: f.Self}}}
	if f.Alternate != "" {
		out.Links = append(out.Links, atomLink{Rel: "alternate", Type: "text/html", Href: f.Alternate})
	}
	for _, e := range entries {
		out.Entries = append(out.Entries, atomEntry{ID: e.ID, Title: atomText{Type: "text", Text: e.Title}, Updated: atomTime(e.Updated),
			Link: atomLink{Rel: "alternate", Type: "text/html", Href: e.Link}, Summary: atomText{Type: "text", Text: e.Summary}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// atomTime is t as an RFC 3339 date-time in UTC, as RFC 4287 §3.3 wants.
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

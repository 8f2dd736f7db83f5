// Package opendatatest reads what package opendata writes, strictly, for
// tests: Atom 1.0 into RFC 4287's required elements, and the JSON-LD
// catalogue into RDF triples checked against DCAT-AP-NL 3.0.
package opendatatest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"time"
)

// Feed is an Atom feed as RFC 4287 §4.1.1 requires it.
type Feed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Title   string   `xml:"http://www.w3.org/2005/Atom title"`
	Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
	Authors []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	Links   []Link  `xml:"http://www.w3.org/2005/Atom link"`
	Entries []Entry `xml:"http://www.w3.org/2005/Atom entry"`
}

// Link is an atom:link.
type Link struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr"`
}

// Entry is an atom:entry (RFC 4287 §4.1.2).
type Entry struct {
	ID      string `xml:"http://www.w3.org/2005/Atom id"`
	Title   string `xml:"http://www.w3.org/2005/Atom title"`
	Updated string `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []Link `xml:"http://www.w3.org/2005/Atom link"`
	Summary string `xml:"http://www.w3.org/2005/Atom summary"`
}

// ParseAtom parses b as an Atom 1.0 feed and checks what RFC 4287 makes
// mandatory: the feed's id, title, updated (an RFC 3339 date-time), an
// author, a link rel="self"; per entry its id, title, updated and a link
// (there is no content, so the link and a summary are required); and the
// entries newest first. The ids must be absolute IRIs (a tag: or a URL).
func ParseAtom(b []byte) (*Feed, error) {
	var f Feed
	dec := xml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("atom: %w", err)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if cd, ok := tok.(xml.CharData); err != nil || !ok || len(bytes.TrimSpace(cd)) > 0 {
			return nil, errors.New("atom: content after the feed")
		}
	}
	var problems []error
	need := func(ok bool, format string, args ...any) {
		if !ok {
			problems = append(problems, fmt.Errorf(format, args...))
		}
	}
	need(isIRI(f.ID), "atom: feed id %q is no IRI", f.ID)
	need(f.Title != "", "atom: feed has no title")
	need(len(f.Authors) > 0 && f.Authors[0].Name != "", "atom: feed has no author")
	need(hasRel(f.Links, "self"), "atom: feed has no link rel=self")
	updated, err := time.Parse(time.RFC3339, f.Updated)
	need(err == nil, "atom: feed updated %q: %v", f.Updated, err)
	prev := updated
	seen := map[string]bool{}
	for i, e := range f.Entries {
		need(isIRI(e.ID) && !seen[e.ID], "atom: entry %d id %q is no IRI or repeated", i, e.ID)
		seen[e.ID] = true
		need(e.Title != "" && e.Summary != "", "atom: entry %d has no title or summary", i)
		need(hasRel(e.Links, "alternate"), "atom: entry %d has no link", i)
		u, err := time.Parse(time.RFC3339, e.Updated)
		need(err == nil, "atom: entry %d updated %q: %v", i, e.Updated, err)
		need(!u.After(prev), "atom: entry %d is newer than the one before it or the feed", i)
		prev = u
	}
	return &f, errors.Join(problems...)
}

func hasRel(ls []Link, rel string) bool {
	for _, l := range ls {
		if l.Rel == rel && isIRI(l.Href) {
			return true
		}
	}
	return false
}

// isIRI reports whether s is an absolute IRI: a scheme, a colon, more.
func isIRI(s string) bool {
	for i, r := range s {
		switch {
		case r == ':' && i > 0:
			return len(s) > i+1
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return false
}

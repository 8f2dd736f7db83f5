package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/generalise"
	"github.com/schakel-nl/schakel/opendata"
	"github.com/schakel-nl/schakel/respond"
)

// Open data (PRODUCT.md C8): every public register as CSV and JSON, with
// CSVW metadata, a DCAT-AP-NL catalogue and Atom feeds. The rows are the
// same public projection the register's API publishes; package opendata
// describes and writes them, this file reads them through the services a
// page at a time, so a download needs the memory of one page.

// openPageSize is how many rows a download reads from a service at once.
const openPageSize = 200

// feedSize is how many entries a feed holds at most, and feedScan how many
// pages a filtered feed reads at most to find them.
const (
	feedSize = 50
	feedScan = 20
)

// openRow is one row of a register with what its feed entry needs.
type openRow struct {
	Row     opendata.Row
	Org     string    // the organisation's code, for ?organisatie=
	Rules   []string  // rule references, for ?wet=; nil when the register names none
	Title   string    // of the feed entry
	Summary string    // of the feed entry
	Updated time.Time // of the feed entry and Last-Modified; from the data
}

// openSource is one dataset with the function that reads its rows.
// Adding a dataset is adding one entry to openSources.
type openSource struct {
	d *opendata.Dataset
	// each calls emit for every row, newest first, reading page by page;
	// it stops at the first error emit returns.
	each func(ctx context.Context, h *Handler, base string, orgs orgIndex, emit func(openRow) error) error
	// feed says the register has an Atom feed; laws says rows name rules,
	// so ?wet= can filter them.
	feed, laws bool
}

// errEnough stops a reading early: the feed has its entries.
var errEnough = fmt.Errorf("web: enough rows")

// openSources are the datasets, in the order the page lists them.
var openSources = []openSource{
	{d: opendata.Brakes, each: eachBrake, feed: true},
	{d: opendata.Knelpunten, each: eachKnelpunt, feed: true, laws: true},
	{d: opendata.Proposals, each: eachProposal, feed: true, laws: true},
	{d: opendata.Precedents, each: eachPrecedent, feed: true, laws: true},
	{d: opendata.BrakesPerMonth, each: eachBrakeCount},
	{d: opendata.Deadlines, each: eachDeadline},
}

func sourceOf(id string) *openSource {
	for i := range openSources {
		if openSources[i].d.ID == id {
			return &openSources[i]
		}
	}
	return nil
}

// pages calls read with offsets of openPageSize until it returns fewer.
func pages(read func(offset int) (int, error)) error {
	for off := 0; ; off += openPageSize {
		n, err := read(off)
		if err != nil || n < openPageSize {
			return err
		}
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nilIfZeroTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nilIfZero(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// eachBrake reads the register of brakes.
func eachBrake(ctx context.Context, h *Handler, base string, orgs orgIndex, emit func(openRow) error) error {
	if h.Brakes == nil {
		return nil
	}
	return pages(func(off int) (int, error) {
		bs, _, err := h.Brakes.Register(ctx, schakel.BrakeFilter{Offset: off, Limit: openPageSize})
		if err != nil {
			return 0, err
		}
		for _, b := range bs {
			if err := emit(brakeOpenRow(base, orgs, b)); err != nil {
				return 0, err
			}
		}
		return len(bs), nil
	})
}

// brakeOpenRow is the public projection of b, as GET /api/v1/noodremmen
// gives it.
func brakeOpenRow(base string, orgs orgIndex, b *schakel.Brake) openRow {
	req := b.Request
	var org, addrOrg, addrRole string
	if len(req.Ladder) > 0 {
		org = orgs.Code(req.Ladder[0].OrganisationID)
		a := req.Ladder[min(req.Rung, len(req.Ladder)-1)]
		addrOrg, addrRole = orgs.Code(a.OrganisationID), string(a.Role)
	}
	principles := make([]string, 0, len(req.Grounds))
	for _, g := range req.Grounds {
		principles = append(principles, g.Principle)
	}
	row := opendata.Row{opendata.Brakes.RowURI(base, b.RequestID), b.RequestID, string(b.Level), org, addrOrg, addrRole, req.Rung,
		principles, req.Urgent, string(req.State), nilIfEmpty(string(req.Answer)), b.PublicPulledAt(), req.AnswerDue.String(),
		schakel.BrakeDeadlineMissed(req), req.MissedCount, req.AnsweredLate, base + proofURL(b.RequestID, 1)}
	return openRow{Row: row, Org: org, Title: fmt.Sprintf("Noodrem %d (%s) bij %s", b.RequestID, b.Level, org),
		Summary: fmt.Sprintf("Toestand: %s. Beginselen: %s.", req.State, strings.Join(principles, ", ")), Updated: b.PublicPulledAt()}
}

// eachKnelpunt reads the knelpunten the public may see: those sent to a
// ministry.
func eachKnelpunt(ctx context.Context, h *Handler, base string, orgs orgIndex, emit func(openRow) error) error {
	if h.Signals == nil {
		return nil
	}
	return pages(func(off int) (int, error) {
		ks, _, err := h.Signals.List(ctx, nil, schakel.KnelpuntFilter{Offset: off, Limit: openPageSize})
		if err != nil {
			return 0, err
		}
		for _, k := range ks {
			org := orgs.Code(k.OrganisationID)
			row := opendata.Row{opendata.Knelpunten.RowURI(base, k.ID), k.ID, org, k.Title, k.Summary, string(k.Solution), k.Proposal,
				string(k.Level), string(k.State), nilIfZero(k.MergedInto), nilIfZero(k.LetterID), nilIfZeroTime(k.AdoptedAt), k.Signals,
				k.Citizens.Low, k.Citizens.High, k.Cost.OnceCents, k.Cost.YearlyCents, nonNil(k.Refs), nonNil(k.Principles),
				k.CreatedAt, k.UpdatedAt, k.Version}
			if err := emit(openRow{Row: row, Org: org, Rules: nonNil(k.Refs), Title: k.Title, Summary: k.Summary, Updated: k.UpdatedAt}); err != nil {
				return 0, err
			}
		}
		return len(ks), nil
	})
}

// eachProposal reads the proposals, which are public.
func eachProposal(ctx context.Context, h *Handler, base string, orgs orgIndex, emit func(openRow) error) error {
	if h.Assessments == nil {
		return nil
	}
	return pages(func(off int) (int, error) {
		ps, _, err := h.Assessments.List(ctx, schakel.ProposalFilter{Offset: off, Limit: openPageSize})
		if err != nil {
			return 0, err
		}
		for _, p := range ps {
			org := orgs.Code(p.MinistryID)
			row := opendata.Row{opendata.Proposals.RowURI(base, p.ID), p.ID, org, string(p.Kind), p.Title, p.Summary, nonNil(p.RuleRefs), p.Task,
				nilIfEmpty(p.PlannedEntry.String()), nilIfEmpty(p.TextURL), string(p.State), nilIfEmpty(p.InForce.String()),
				p.CreatedAt, p.UpdatedAt, p.Version}
			if err := emit(openRow{Row: row, Org: org, Rules: nonNil(p.RuleRefs), Title: p.Title, Summary: p.Summary, Updated: p.UpdatedAt}); err != nil {
				return 0, err
			}
		}
		return len(ps), nil
	})
}

// eachPrecedent reads the published case precedent.
func eachPrecedent(ctx context.Context, h *Handler, base string, orgs orgIndex, emit func(openRow) error) error {
	if h.Cases == nil {
		return nil
	}
	return pages(func(off int) (int, error) {
		ps, _, err := h.Cases.Search(ctx, schakel.PrecedentFilter{Offset: off, Limit: openPageSize})
		if err != nil {
			return 0, err
		}
		for _, p := range ps {
			org := orgs.Code(p.OrganisationID)
			from, to := generalise.Band(p.CostCents)
			row := opendata.Row{opendata.Precedents.RowURI(base, p.CaseID), p.CaseID, org, p.Title, p.Summary, p.Intent, p.Harm,
				nonNil(p.RuleRefs), nonNil(p.Principles), string(p.Outcome), nilIfEmpty(p.LegalGround), p.Explanation, from, to,
				p.DecidedAt, nilIfZeroTime(p.PublishedAt), nilIfZeroTime(p.CorrectedAt), nilIfEmpty(p.Digest)}
			updated := p.DecidedAt
			for _, t := range []time.Time{p.PublishedAt, p.CorrectedAt} {
				if t.After(updated) {
					updated = t
				}
			}
			if err := emit(openRow{Row: row, Org: org, Rules: nonNil(p.RuleRefs), Title: p.Title, Summary: p.Summary, Updated: updated}); err != nil {
				return 0, err
			}
		}
		return len(ps), nil
	})
}

// eachBrakeCount counts the brakes per month and organisation. It keeps
// three small fields per brake in memory, not the brakes.
func eachBrakeCount(ctx context.Context, h *Handler, base string, orgs orgIndex, emit func(openRow) error) error {
	var items []opendata.BrakeItem
	var newest time.Time
	err := eachBrake(ctx, h, base, orgs, func(r openRow) error {
		items = append(items, opendata.BrakeItem{PulledAt: r.Updated, Organisation: r.Org, Level: r.Row[2].(string)})
		if r.Updated.After(newest) {
			newest = r.Updated
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range opendata.CountBrakes(items, h.loc) {
		if err := emit(openRow{Row: c.Row(base), Org: c.Organisation, Updated: newest}); err != nil {
			return err
		}
	}
	return nil
}

// openDataData is the Data of the page /open-data.
type openDataData struct {
	Datasets  []*opendata.Dataset
	Feeds     map[string]bool
	Licence   string
	Catalogue string
	Min       int
}

// OpenDataPage serves GET /open-data: what the datasets are, their
// columns, the licence and the links to every download, the catalogue
// and the feeds.
func (h *Handler) OpenDataPage(w http.ResponseWriter, r *http.Request) error {
	pg := h.newPage(r, "Open data")
	d := openDataData{Feeds: map[string]bool{}, Licence: opendata.Licence, Catalogue: "/open-data/catalogus.jsonld", Min: opendata.MinCitizens}
	for _, s := range openSources {
		d.Datasets = append(d.Datasets, s.d)
		d.Feeds[s.d.ID] = s.feed
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "opendata", pg)
	return nil
}

// OpenDataFile serves GET /open-data/{file}: {dataset}.csv, .json and
// .csv-metadata.json, and catalogus.jsonld. Errors are problem+json: the
// readers are programs.
func (h *Handler) OpenDataFile(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	base := h.baseURL(r)
	if file == "catalogus.jsonld" {
		h.catalogue(w, r, base)
		return
	}
	name, format := splitFile(file)
	src := sourceOf(name)
	if src == nil || format == "" {
		respond.Error(w, r, h.Log, schakel.Errorf(schakel.ENOTFOUND, "Bestand %q bestaat niet.", file))
		return
	}
	if format == "csv-metadata.json" {
		w.Header().Set("Content-Type", "application/csvm+json")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		opendata.WriteCSVW(w, src.d, opendata.DownloadURL(base, src.d, "csv"))
		return
	}
	h.download(w, r, src, format, base)
}

// splitFile splits "noodremmen.csv-metadata.json" into the dataset and the
// format: csv, json or csv-metadata.json; "" for any other.
func splitFile(file string) (name, format string) {
	for _, f := range []string{"csv-metadata.json", "csv", "json"} {
		if n, ok := strings.CutSuffix(file, "."+f); ok && n != "" {
			return n, f
		}
	}
	return file, ""
}

// download streams src as CSV or JSON. A first pass finds the newest row
// for Last-Modified, so a reader that has it gets 304 without the second.
func (h *Handler) download(w http.ResponseWriter, r *http.Request, src *openSource, format, base string) {
	ctx := r.Context()
	_, byID, err := h.allOrganisations(r)
	if err != nil {
		respond.Error(w, r, h.Log, err)
		return
	}
	orgs := orgIndex(byID)
	var modified time.Time
	err = src.each(ctx, h, base, orgs, func(row openRow) error {
		if row.Updated.After(modified) {
			modified = row.Updated
		}
		return nil
	})
	if err != nil {
		respond.Error(w, r, h.Log, err)
		return
	}
	hd := w.Header()
	hd.Set("Cache-Control", "public, max-age=300")
	if !modified.IsZero() {
		hd.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
		if since, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !modified.Truncate(time.Second).After(since) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	contentType := "text/csv; charset=utf-8; header=present"
	if format == "json" {
		contentType = "application/json"
	}
	hd.Set("Content-Type", contentType)
	hd.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", src.d.ID+"."+format))
	hd.Set("Link", fmt.Sprintf("<%s>; rel=\"describedby\"; type=\"application/csvm+json\"", opendata.DownloadURL(base, src.d, "csv-metadata.json")))
	out, _ := opendata.NewWriter(format, w, src.d, opendata.Meta{Catalogue: base + "/open-data/catalogus.jsonld", Schema: opendata.DownloadURL(base, src.d, "csv-metadata.json")})
	err = src.each(ctx, h, base, orgs, func(row openRow) error { return out.Write(row.Row) })
	if err == nil {
		err = out.Close()
	}
	if err != nil {
		// The status is sent; all that can be done is to log and cut the
		// body short, so the reader sees a broken file, not a whole one.
		h.Log.ErrorContext(ctx, "open data download", "dataset", src.d.ID, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// catalogue serves the DCAT-AP-NL catalogue.
func (h *Handler) catalogue(w http.ResponseWriter, r *http.Request, base string) {
	c := opendata.Catalog{Base: base, Title: "Open data van schakel",
		Description: "De openbare registers van schakel: noodremmen, knelpunten, voorstellen met uitvoeringstoetsen en casusprudentie, zonder persoonsgegevens, onder CC0.",
		Publisher:   "Beheerder van schakel op " + base, Contact: base + "/open-data"}
	for _, s := range openSources {
		c.Datasets = append(c.Datasets, s.d)
		if s.feed {
			c.Feeds = append(c.Feeds, s.d.ID)
		}
	}
	w.Header().Set("Content-Type", "application/ld+json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	opendata.WriteCatalog(w, c)
}

// feedQuery is a feed's filters, read from the query.
type feedQuery struct {
	org, law string
}

// readFeedQuery reads ?organisatie= and ?wet=, naming every invalid or
// unknown parameter at once.
func (h *Handler) readFeedQuery(ctx context.Context, src *openSource, q url.Values) (feedQuery, error) {
	var fq feedQuery
	var v schakel.Validation
	for k := range q {
		if k != "organisatie" && k != "wet" {
			v.Add(k, "unknown", "Onbekende parameter; gebruik organisatie of wet.")
		}
	}
	if code, ok := schakel.QueryParam(q, "organisatie"); ok {
		if _, err := h.Directory.OrganisationByCode(ctx, code); err != nil {
			if schakel.ErrorCode(err) != schakel.ENOTFOUND {
				return fq, err
			}
			v.Add("organisatie", "unknown", "Organisatie %q bestaat niet.", code)
		}
		fq.org = code
	}
	if law, ok := schakel.QueryParam(q, "wet"); ok {
		switch {
		case !src.laws:
			v.Add("wet", "unsupported", "Dit register noemt openbaar geen wetten; filteren op wet kan hier niet.")
		case !bwbID.MatchString(law):
			v.Add("wet", "format", "Geef een BWB-identificatie zoals BWBR0019057.")
		}
		fq.law = law
	}
	return fq, v.Err()
}

// matches reports whether row passes the feed's filters.
func (fq feedQuery) matches(row openRow) bool {
	if fq.org != "" && row.Org != fq.org {
		return false
	}
	return fq.law == "" || slices.ContainsFunc(row.Rules, func(ref string) bool { return strings.Contains(ref, fq.law) })
}

// Feed serves GET /feeds/{file}: the Atom feed of a register's newest
// public entries, optionally of one organisation (?organisatie=code) or
// one law (?wet=BWB id). An invalid filter is a 400 problem naming it.
func (h *Handler) Feed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	src := sourceOf(name)
	if !ok || src == nil || !src.feed {
		respond.Error(w, r, h.Log, schakel.Errorf(schakel.ENOTFOUND, "Feed %q bestaat niet.", r.PathValue("file")))
		return
	}
	fq, err := h.readFeedQuery(ctx, src, r.URL.Query())
	if err != nil {
		respond.Error(w, r, h.Log, err)
		return
	}
	_, byID, err := h.allOrganisations(r)
	if err != nil {
		respond.Error(w, r, h.Log, err)
		return
	}
	base := h.baseURL(r)
	feed := opendata.Feed{ID: opendata.FeedURL(base, src.d), Title: src.d.Title, Self: base + r.URL.RequestURI(),
		Alternate: base + src.d.Page, Author: "schakel"}
	if r.URL.RawQuery != "" {
		// A filtered feed is another feed: its id says which.
		feed.ID = base + "/feeds/" + src.d.ID + ".atom?" + url.Values{"organisatie": nonEmpty(fq.org), "wet": nonEmpty(fq.law)}.Encode()
	}
	scanned := 0
	err = src.each(ctx, h, base, orgIndex(byID), func(row openRow) error {
		scanned++
		if fq.matches(row) {
			feed.Entries = append(feed.Entries, opendata.Entry{ID: row.Row[0].(string), Title: row.Title, Link: row.Row[0].(string), Summary: row.Summary, Updated: row.Updated})
		}
		if len(feed.Entries) >= feedSize || scanned >= feedScan*openPageSize {
			return errEnough
		}
		return nil
	})
	if err != nil && err != errEnough {
		respond.Error(w, r, h.Log, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	opendata.WriteAtom(w, feed)
}

// nonEmpty is s as the values of a query parameter: none when s is "".
func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

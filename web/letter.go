package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/letters"
	"github.com/schakel-nl/schakel/signals"
)

// The knelpuntenbrief (PRODUCT.md C5): the letter in which a board sends
// the knelpunten it adopted in a period to its principal ministry. Its
// page and documents are public; what was sent is served byte for byte,
// so anyone can check a copy against the SHA-256 on the page.

// lettersPerPage is the page size of the list of letters.
const lettersPerPage = 25

// letterListData is the Data of /knelpuntenbrieven.
type letterListData struct {
	Rows    []letterRow
	Total   int
	Page    int
	Pages   int
	PrevURL string
	NextURL string
	CanSend bool // the viewer may send a letter somewhere
}

// letterRow is one letter in the list.
type letterRow struct {
	L        *schakel.Letter
	Sender   string
	Ministry string
}

// LetterList lists the knelpuntenbrieven sent, newest first; GET
// /knelpuntenbrieven. It is public.
func (h *Handler) LetterList(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	pg := h.newPage(r, "Knelpuntenbrieven")
	pg.Nav = "knelpunten"
	num := pageNumber(r.URL.Query())
	ls, total, err := h.Signals.Letters(r.Context(), schakel.LetterFilter{Offset: (num - 1) * lettersPerPage, Limit: lettersPerPage})
	if err != nil {
		return err
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	d := letterListData{Total: total, Page: num, Pages: max(1, (total+lettersPerPage-1)/lettersPerPage), CanSend: len(authz.Organisations(pg.User, authz.SendLetter)) > 0}
	for _, l := range ls {
		d.Rows = append(d.Rows, letterRow{L: l, Sender: orgs.Name(l.OrganisationID), Ministry: orgs.Name(l.MinistryID)})
	}
	d.PrevURL, d.NextURL = pageLinks("/knelpuntenbrieven", url.Values{}, num, d.Pages)
	pg.Data = d
	h.render(w, r, http.StatusOK, "letter_list", pg)
	return nil
}

// letterFields are the fields of a new letter: whose, over which period,
// and an optional subject.
func letterFields() []fieldSpec {
	return []fieldSpec{
		{Name: "organisatie", Label: "Organisatie", Kind: kindSelect, Required: true},
		{Name: "van", Label: "Eerste dag van de periode", Kind: kindDate, Required: true, Autocomplete: "off"},
		{Name: "tot", Label: "Laatste dag van de periode", Kind: kindDate, Required: true, Autocomplete: "off"},
		{Name: "onderwerp", Label: "Onderwerp", Description: "Laat leeg voor: Knelpunten in wet- en regelgeving, met de periode.", Spellcheck: true},
		{Name: "periode", Label: "Periode", Anchor: "van"},
	}
}

// newLetterData is the Data of the page of a new letter.
type newLetterData struct {
	// Draft is the letter as it would be sent, or nil before a period is
	// chosen or when it cannot be made.
	Draft      *signals.Draft
	Sender     string
	Knelpunten []draftKnelpunt
	Conflict   string
}

// draftKnelpunt is one knelpunt of a draft letter, in words.
type draftKnelpunt struct {
	K     *schakel.Knelpunt
	Rules []ruleView
}

// sendOrgs returns the organisations whose letter u may send.
func (h *Handler) sendOrgs(r *http.Request, u *schakel.User) ([]*schakel.Organisation, error) {
	return h.orgsWhere(r, u, authz.SendLetter)
}

// NewLetterForm lets a board choose the period of its knelpuntenbrief and
// shows the draft: the knelpunten in it and the letter, with a button to
// send it; GET /knelpuntenbrieven/nieuw (?organisatie=&van=&tot=).
func (h *Handler) NewLetterForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	q := r.URL.Query()
	values := url.Values{}
	for _, k := range []string{"organisatie", "van", "tot", "onderwerp"} {
		if q.Has(k) {
			values.Set(k, q.Get(k))
		}
	}
	return h.renderNewLetter(w, r, values, q.Has("van") || q.Has("tot"), nil)
}

// SendLetter sends the knelpuntenbrief of the period and goes to its
// page; POST /knelpuntenbrieven.
func (h *Handler) SendLetter(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een knelpuntenbrief te versturen.")
	}
	l, err := h.Signals.SendLetter(r.Context(), u, letterInput(r.PostForm))
	if err != nil {
		return h.renderNewLetter(w, r, r.PostForm, true, err)
	}
	http.Redirect(w, r, letterPath(l.ID)+"?gedaan=verstuurd", http.StatusSeeOther)
	return nil
}

// letterInput reads the period and subject of a letter; a date that is
// not one is a problem of the input.
func letterInput(f url.Values) signals.LetterInput {
	var v schakel.Validation
	in := signals.LetterInput{Organisation: strings.TrimSpace(f.Get("organisatie")), Subject: f.Get("onderwerp")}
	for _, d := range []struct {
		field string
		to    *calendar.Date
	}{{"van", &in.From}, {"tot", &in.To}} {
		if raw := strings.TrimSpace(f.Get(d.field)); raw != "" {
			date, err := calendar.ParseDate(raw)
			addCalendarError(&v, d.field, err)
			*d.to = date
		}
	}
	in.Problems = v.Fields()
	return in
}

// renderNewLetter renders the page of a new letter: the form with the
// values given and, when draft is set, the draft for those values (or
// the errors why there is none); sendErr is the error of a refused send.
func (h *Handler) renderNewLetter(w http.ResponseWriter, r *http.Request, values url.Values, draft bool, sendErr error) error {
	pg := h.newPage(r, "Nieuwe knelpuntenbrief")
	pg.Nav = "knelpunten"
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een knelpuntenbrief te versturen.")
	}
	orgs, err := h.sendOrgs(r, pg.User)
	if err != nil {
		return err
	}
	if len(orgs) == 0 {
		return schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
	}
	if values.Get("organisatie") == "" && len(orgs) == 1 {
		values.Set("organisatie", orgs[0].Code)
	}
	if !values.Has("van") && !values.Has("tot") {
		today := h.today()
		values.Set("van", calendar.DateOf(today.Year(), 1, 1).String())
		values.Set("tot", today.String())
	}
	f := newForm(pg.translator, letterFields(), values)
	opts := []option{{Value: "", Label: pg.T("Kies een organisatie")}}
	for _, o := range orgs {
		opts = append(opts, option{Value: o.Code, Label: o.Name})
	}
	f.SetOptions("organisatie", opts)
	pg.Form = f
	var d newLetterData
	status := http.StatusOK
	err = sendErr
	if draft && sendErr == nil {
		d.Draft, err = h.Signals.DraftLetter(r.Context(), pg.User, letterInput(values))
	}
	switch code := schakel.ErrorCode(err); code {
	case "":
	case schakel.EINVALID:
		status = http.StatusBadRequest
		if !f.AddFieldErrors(err, "organisatie") {
			f.AddError("organisatie", pg.ErrorMessage(err))
		}
	case schakel.EFORBIDDEN, schakel.ECONFLICT:
		status = http.StatusForbidden
		if code == schakel.ECONFLICT {
			status = http.StatusConflict
		}
		d.Conflict = withServiceReason(pg, pg.T("Dit kan nu niet."), err)
	default:
		return err
	}
	if d.Draft != nil {
		for _, o := range orgs {
			if o.ID == d.Draft.Letter.OrganisationID {
				d.Sender = o.Name
			}
		}
		for _, k := range d.Draft.Knelpunten {
			d.Knelpunten = append(d.Knelpunten, draftKnelpunt{K: k, Rules: caseRuleViews(pg, k.Refs)})
		}
	}
	pg.Data = d
	h.render(w, r, status, "letter_new", pg)
	return nil
}

// today is the civil date in the Netherlands now.
func (h *Handler) today() calendar.Date {
	if h.Calendar != nil {
		return h.Calendar.Today(h.Clock.Now())
	}
	return calendar.DateFromTime(h.Clock.Now().In(h.loc))
}

// letterPageData is the Data of a letter's page.
type letterPageData struct {
	L          *schakel.Letter
	Sender     string
	Ministry   string
	PeriodFrom calendar.Date
	PeriodTo   calendar.Date
	Knelpunten []letterKnelpunt
	Done       string
	HTMLSize   int64
	PDFSize    int64
}

// letterKnelpunt is one knelpunt of a letter with the ministry's answer.
type letterKnelpunt struct {
	K *schakel.Knelpunt
	// Answer is the latest answer of the ministry, or nil.
	Answer *rungAnswer
	// Due is the date the ministry must answer by, while it owes one.
	Due     calendar.Date
	Overdue bool
}

// LetterPage shows a sent knelpuntenbrief: its kenmerk, date and subject,
// the SHA-256 of its documents with how to check a copy, the downloads,
// and per knelpunt the ministry's answer; GET /knelpuntenbrieven/{id}.
func (h *Handler) LetterPage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	id, ok := pathID(r)
	if !ok {
		return errNoPage
	}
	pg := h.newPage(r, "Knelpuntenbrief")
	pg.Nav = "knelpunten"
	ctx := r.Context()
	lv, err := h.Signals.Letter(ctx, pg.User, id)
	if err != nil {
		return err
	}
	name, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	l := lv.Letter
	d := letterPageData{L: l, Sender: lv.Sender.Name, Ministry: lv.Ministry.Name, HTMLSize: int64(len(l.HTML)), PDFSize: int64(len(l.PDF)),
		PeriodFrom: calendar.DateFromTime(l.PeriodFrom.In(h.loc)), PeriodTo: calendar.DateFromTime(l.PeriodTo.Add(-1).In(h.loc))}
	if r.URL.Query().Get("gedaan") == "verstuurd" {
		d.Done = pg.T("De knelpuntenbrief is verstuurd. Het ministerie moet elk knelpunt binnen de termijn beantwoorden.")
	}
	for _, v := range lv.Knelpunten {
		d.Knelpunten = append(d.Knelpunten, ministryAnswer(pg, v, name))
	}
	pg.Title = pg.T("Knelpuntenbrief %s", l.Reference)
	pg.Data = d
	h.render(w, r, http.StatusOK, "letter", pg)
	return nil
}

// ministryAnswer is a knelpunt with the latest answer given at the
// ministry's rung, or the date it is due.
func ministryAnswer(pg *page, v *signals.View, name func(string) string) letterKnelpunt {
	lk := letterKnelpunt{K: v.Knelpunt}
	for _, rv := range v.Rungs {
		if rv.Rung.Level != schakel.LevelMinistry || rv.Request == nil {
			continue
		}
		for _, a := range rv.Answers {
			if a.Level == schakel.LevelMinistry {
				av := rungAnswerOf(pg, a, rv.Request, name)
				lk.Answer = &av
			}
		}
		if lk.Answer == nil && rv.Request.State.AwaitsAnswer() {
			lk.Due, lk.Overdue = rv.Request.AnswerDue, pg.Overdue(rv.Request)
		}
	}
	return lk
}

// Chunks cuts a long code, such as a SHA-256 in hex, into groups of 16
// characters, so a narrow screen can wrap it between them (<wbr>) while
// a copy of it stays one word.
func (pg *page) Chunks(s string) []string {
	var out []string
	for len(s) > 16 {
		out, s = append(out, s[:16]), s[16:]
	}
	return append(out, s)
}

// The documents of a letter, by their name in the path.
const (
	letterHTML = "brief.html"
	letterPDF  = "brief.pdf"
)

// styleElement finds the style elements of a letter's HTML, to allow
// exactly them in its Content-Security-Policy.
var styleElement = regexp.MustCompile(`(?s)<style[^>]*>(.*?)</style>`)

// letterCSP is the Content-Security-Policy of a letter's HTML: no
// scripts, no requests, nothing but its own style elements.
func letterCSP(html []byte) string {
	styles := "'none'"
	if m := styleElement.FindAllSubmatch(html, -1); len(m) > 0 {
		var hashes []string
		for _, s := range m {
			sum := sha256.Sum256(s[1])
			hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
		}
		styles = strings.Join(hashes, " ")
	}
	return "default-src 'none'; script-src 'none'; style-src " + styles + "; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// LetterDocument serves a document of a sent letter exactly as it was
// stored, so its SHA-256 matches the one on the letter's page: brief.html
// as an HTML page without scripts, brief.pdf as a download; GET
// /knelpuntenbrieven/{id}/{file}.
func (h *Handler) LetterDocument(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	id, ok := pathID(r)
	file := r.PathValue("file")
	if !ok || (file != letterHTML && file != letterPDF) {
		return errNoPage
	}
	l, err := h.Signals.LetterDocuments(r.Context(), id)
	if err != nil {
		return err
	}
	name := letters.Letter{Reference: l.Reference, Date: l.Date}
	body, sum := l.PDF, l.PDFSHA256
	hd := w.Header()
	if file == letterHTML {
		body, sum = l.HTML, l.HTMLSHA256
		hd.Set("Content-Type", "text/html; charset=utf-8")
		hd.Set("Content-Security-Policy", letterCSP(body))
		hd.Set("Content-Disposition", `inline; filename="`+letters.Filename(name, "html")+`"`)
	} else {
		hd.Set("Content-Type", "application/pdf")
		hd.Set("Content-Disposition", `attachment; filename="`+letters.Filename(name, "pdf")+`"`)
	}
	if len(body) == 0 {
		return errNoPage
	}
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "public, max-age=3600")
	hd.Set("ETag", strconv.Quote(sum))
	http.ServeContent(w, r, file, l.SentAt, bytes.NewReader(body))
	return nil
}

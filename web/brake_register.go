package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// The public register of brakes shows their public projection only: level,
// addressee organisation, principles, dates, state, kind of answer, whether
// a deadline was missed and the escalations, each with its proof in the
// public record. No texts — no subject, body, grounds or answers — and
// nothing about who pulled.

// registerFields are the filters of the register, a GET form, by the
// names of the API's query (brakes.RegisterFilter reads both).
var registerFields = []fieldSpec{
	{Name: "niveau", Label: "Niveau", Kind: kindSelect},
	{Name: "organisatie", Label: "Organisatie", Kind: kindSelect},
	{Name: "beginsel", Label: "Beginsel", Kind: kindSelect},
	{Name: "status", Label: "Toestand", Kind: kindSelect},
	{Name: "vanaf", Label: "Getrokken vanaf", Kind: kindDate, Autocomplete: "off"},
	{Name: "tot", Label: "Getrokken tot en met", Kind: kindDate, Autocomplete: "off"},
	{Name: "termijnGemist", Label: "Termijn gemist", Kind: kindSelect},
}

// brakesPerPage is the page size of the register.
const brakesPerPage = 25

// registerData is the Data of the register.
type registerData struct {
	Rows     []registerRow
	Total    int
	Page     int
	Pages    int
	PrevURL  string // "" on the first page
	NextURL  string // "" on the last page
	Filtered bool
	Invalid  bool // a filter was invalid: no results are shown
}

// registerRow is the public projection of one brake.
type registerRow struct {
	ID         int64
	Level      schakel.BrakeLevel
	Addressee  string // the organisation the brake was pulled at
	Principles []string
	At         time.Time
	State      schakel.RequestState
	Answer     schakel.AnswerKind // "" while unanswered
	AnswerDue  calendar.Date
	Missed     bool // a deadline was missed
	Awaits     bool // an answer is owed
	Rung       int  // escalations so far: the index of the current rung
	Rungs      int
	Current    string // who must answer now
}

// ProofURL is the proof of the brake's first event in the public record.
func (row registerRow) ProofURL() string { return proofURL(row.ID, 1) }

// proofURL is the inclusion proof of event seq of request id in the public
// record.
func proofURL(id int64, seq int) string {
	return "/api/v1/logboek/gebeurtenissen/" + strconv.FormatInt(id, 10) + "/" + strconv.Itoa(seq)
}

// registerRowOf projects b for the register.
func registerRowOf(pg *page, orgs orgIndex, principleName func(string) string, b *schakel.Brake) registerRow {
	req := b.Request
	row := registerRow{ID: b.RequestID, Level: b.Level, At: b.PublicPulledAt(), State: req.State, AnswerDue: req.AnswerDue,
		Missed: schakel.BrakeDeadlineMissed(req), Awaits: req.State.AwaitsAnswer(), Rung: req.Rung, Rungs: len(req.Ladder)}
	if req.State == schakel.StateAnswered || req.State == schakel.StateClosed {
		row.Answer = req.Answer
	}
	if len(req.Ladder) > 0 {
		row.Addressee = orgs.Name(req.Ladder[0].OrganisationID)
	}
	a := req.Addressee()
	row.Current = pg.T("%s, %s", orgs.Name(a.OrganisationID), pg.Role(a.Role))
	seen := map[string]bool{}
	for _, g := range req.Grounds {
		if !seen[g.Principle] {
			row.Principles = append(row.Principles, principleName(g.Principle))
			seen[g.Principle] = true
		}
	}
	return row
}

// BrakeRegister lists the brakes, newest first, filtered by level,
// organisation, principle, state, day of pulling and missed deadlines, a
// page at a time; GET /noodremmen. It is public.
func (h *Handler) BrakeRegister(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	if redirectFormer(w, r, formerBrakeQuery) {
		return nil
	}
	rv, err := h.openRegister(r, "Register van noodremmen", "noodremmen")
	if err != nil {
		return err
	}
	ctx, pg := r.Context(), rv.pg
	q := brakeRegisterQueryOf(r.URL.Query())
	pg.Form = brakeRegisterForm(pg, q.Values, rv.all, rv.principles)
	flt, err := h.brakeRegisterFilter(ctx, q)
	switch {
	case schakel.ErrorCode(err) == schakel.EINVALID:
		return h.refuseFilter(w, r, rv, err, "vanaf", "brake_register", registerData{Page: q.Page, Filtered: len(q.Values) > 0, Invalid: true})
	case err != nil:
		return err
	}
	bs, total, err := h.Brakes.Register(ctx, flt)
	if err != nil {
		return err
	}
	pg.Data = brakeRegisterDataOf(pg, rv.orgs, rv.principleName, q, bs, total)
	h.render(w, r, http.StatusOK, "brake_register", pg)
	return nil
}

// brakeRegisterQuery is a query of the register of brakes.
type brakeRegisterQuery struct {
	Values url.Values // the filters given, for the service, the form and the links
	Page   int
}

// brakeRegisterQueryOf reads the query q of the register: the filters
// given (see filterValues) and the page.
func brakeRegisterQueryOf(q url.Values) brakeRegisterQuery {
	return brakeRegisterQuery{Values: filterValues(q, registerFields), Page: pageNumber(q)}
}

// brakeRegisterFilter reads the filters of q by brakes.RegisterFilter, the
// one parser of the register's filters, and adds the page's own check that
// the days do not end before they start. It returns EINVALID naming every
// invalid filter, or another error of the service.
func (h *Handler) brakeRegisterFilter(ctx context.Context, q brakeRegisterQuery) (schakel.BrakeFilter, error) {
	f, err := h.Brakes.RegisterFilter(ctx, q.Values)
	var v schakel.Validation
	if err := v.Merge("", err); err != nil {
		return f, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		addDayOrderError(&v)
	}
	f.Offset, f.Limit = (q.Page-1)*brakesPerPage, brakesPerPage
	return f, v.Err()
}

// brakeRegisterForm is the form of the register's filters with values.
func brakeRegisterForm(pg *page, values url.Values, all []*schakel.Organisation, ps []*schakel.Principle) *form {
	f := newForm(pg.translator, registerFields, values)
	levels := []option{{Value: "", Label: pg.T("Alle niveaus")}}
	for _, l := range schakel.BrakeLevels {
		levels = append(levels, option{Value: string(l), Label: pg.BrakeLevel(l)})
	}
	f.SetOptions("niveau", levels)
	orgOpts := []option{{Value: "", Label: pg.T("Alle organisaties")}}
	for _, o := range all {
		if o.Type != schakel.OrgParliament {
			orgOpts = append(orgOpts, option{Value: o.Code, Label: o.Name})
		}
	}
	f.SetOptions("organisatie", orgOpts)
	pOpts := []option{{Value: "", Label: pg.T("Alle beginselen")}}
	for _, p := range ps {
		pOpts = append(pOpts, option{Value: p.Code, Label: pg.PrincipleName(p)})
	}
	f.SetOptions("beginsel", pOpts)
	states := []option{{Value: "", Label: pg.T("Alle toestanden")}}
	for _, s := range schakel.RequestStates {
		states = append(states, option{Value: string(s), Label: pg.State(s)})
	}
	f.SetOptions("status", states)
	f.SetOptions("termijnGemist", []option{{Value: "", Label: pg.T("Maakt niet uit")}, {Value: "true", Label: pg.T("ja")}, {Value: "false", Label: pg.T("nee")}})
	return f
}

// brakeRegisterDataOf puts a page of the register into words: bs are the
// brakes the query q found on its page, of total.
func brakeRegisterDataOf(pg *page, orgs orgIndex, principleName func(string) string, q brakeRegisterQuery, bs []*schakel.Brake, total int) registerData {
	d := registerData{Page: q.Page, Filtered: len(q.Values) > 0, Total: total, Pages: max(1, (total+brakesPerPage-1)/brakesPerPage)}
	for _, b := range bs {
		d.Rows = append(d.Rows, registerRowOf(pg, orgs, principleName, b))
	}
	d.PrevURL, d.NextURL = pageLinks("/noodremmen", q.Values, q.Page, d.Pages)
	return d
}

// registerEntryData is the Data of one brake in the register.
type registerEntryData struct {
	Row    registerRow
	Ladder []rungView
	Events []publicEvent
}

// BrakeRegisterEntry shows one brake's public projection with its history,
// each event linked to its proof in the public record; GET
// /noodremmen/{id}. It is public.
func (h *Handler) BrakeRegisterEntry(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	id, ok := requestID(r)
	if !ok {
		return errNoPage
	}
	ctx := r.Context()
	b, evs, err := h.Brakes.RegisterEntry(ctx, id)
	if err != nil {
		return err
	}
	pg := h.newPage(r, "Noodrem")
	pg.Nav = "noodremmen"
	pg.Title = pg.T("Noodrem %d", id)
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	principleName, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	req := b.Request
	addressee := func(a schakel.Addressee) string { return pg.T("%s, %s", orgs.Name(a.OrganisationID), pg.Role(a.Role)) }
	d := registerEntryData{Row: registerRowOf(pg, orgs, principleName, b)}
	for i, a := range req.Ladder {
		d.Ladder = append(d.Ladder, rungView{Addressee: addressee(a), Current: i == req.Rung})
	}
	d.Events = publicEvents(pg, orgs, req, evs, addressee)
	if len(d.Events) > 0 && d.Events[0].Seq == 1 {
		// The pull is shown as the register shows it (to the day for an
		// anonymous or protected puller).
		d.Events[0].At = b.PublicPulledAt()
		d.Events[0].DayOnly = b.PullDayOnly()
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "brake_register_entry", pg)
	return nil
}

// publicEvents puts the events of a brake into words without texts and
// without the names of people: what happened, when, by which organisation,
// the kind of answer and the deadlines.
func publicEvents(pg *page, orgs orgIndex, req *schakel.Request, evs []*schakel.Event, addressee func(schakel.Addressee) string) []publicEvent {
	out := make([]publicEvent, 0, len(evs))
	for _, ev := range evs {
		pe := publicEvent{Seq: ev.Seq, At: ev.At, Title: brakeEventTitle(pg, ev), By: publicActor(pg, orgs, req, ev, addressee), Late: ev.Data.Late}
		if ev.Data.Answer != "" {
			pe.Details = append(pe.Details, detail{Label: pg.T("Antwoord"), Text: pg.Answer(ev.Data.Answer)})
		}
		if ev.Data.Missed != "" {
			pe.Details = append(pe.Details, detail{Label: pg.T("Gemist"), Text: pg.T(missedNames[ev.Data.Missed])})
		}
		if ev.Data.To != nil {
			pe.Details = append(pe.Details, detail{Label: pg.T("Naar"), Text: addressee(*ev.Data.To)})
		}
		if ev.Data.AnswerDue != nil {
			pe.Details = append(pe.Details, detail{Label: pg.T("Antwoord uiterlijk"), Text: pg.LongDate(*ev.Data.AnswerDue)})
		}
		out = append(out, pe)
	}
	return out
}

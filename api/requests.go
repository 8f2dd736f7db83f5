package api

import (
	"context"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/respond"
)

// The endpoints of /api/v1/verantwoordingsverzoeken. Every one goes through
// the request service (package requests), which decides who may see and do
// what and runs the state machine; the handlers only translate between JSON
// and the service, and name every invalid field at once. This file holds
// the collection and its members; the actions on a request are in
// request_actions.go.

// Request is a request for account as the API shows it. Organisations are
// named by code; dates are civil dates in the Netherlands (YYYY-MM-DD),
// instants are UTC (RFC 3339).
type Request struct {
	ID        int64       `json:"id"`
	Type      string      `json:"type"`
	Subject   string      `json:"onderwerp"`
	Body      string      `json:"toelichting"`
	Grounds   []Ground    `json:"gronden"`
	Urgent    bool        `json:"urgent"`
	Requester Party       `json:"verzoeker"`
	Ladder    []Addressee `json:"ladder"`
	// Rung is the index in Ladder of the current addressee.
	Rung      int       `json:"trede"`
	Addressee Addressee `json:"geadresseerde"`
	State     string    `json:"status"`
	Answer    string    `json:"antwoord,omitempty"`
	// AckDue and AckDeadline are set while an acknowledgement is owed.
	AckDue         string `json:"ontvangstUiterlijk,omitempty"`
	AckDeadline    string `json:"ontvangstDeadline,omitempty"`
	AnswerDue      string `json:"antwoordUiterlijk"`
	AnswerDeadline string `json:"antwoordDeadline"`
	// Overdue is whether a deadline has passed while an answer is owed,
	// now; the sweep then escalates the request (or, at the top rung,
	// records the miss).
	Overdue      bool   `json:"verlopen"`
	Extended     bool   `json:"verlengd"`
	Contested    bool   `json:"betwist"`
	MissedCount  int    `json:"gemisteTermijnen"`
	MissedAtTop  bool   `json:"gemistOpHoogsteTrede"`
	AnsweredLate bool   `json:"laatBeantwoord"`
	Version      int    `json:"versie"`
	CreatedAt    string `json:"aangemaaktOp"`
	UpdatedAt    string `json:"bijgewerktOp"`
}

// RequestDetail is a request with its full history, oldest event first.
type RequestDetail struct {
	Request
	History []RequestEvent `json:"geschiedenis"`
}

// RequestPage is one page of a list of requests.
type RequestPage struct {
	Results  []Request `json:"resultaten"`
	Total    int       `json:"totaal"`
	Page     int       `json:"pagina"`
	PageSize int       `json:"paginaGrootte"`
}

// Ground is a cited principle with the requester's reasoning.
type Ground struct {
	Principle string `json:"beginsel"`
	Text      string `json:"toelichting"`
}

// Party is a requester or the actor of an event.
type Party struct {
	Kind         string `json:"soort"`
	User         int64  `json:"gebruiker,omitempty"`
	Organisation string `json:"organisatie,omitempty"`
}

// Addressee is an organisation (by code) and a role in it.
type Addressee struct {
	Organisation string `json:"organisatie"`
	Role         string `json:"rol"`
}

// RequestEvent is one step of a request's history. Besides the common
// fields it carries those of schakel.EventData that the event sets, under
// the same JSON names.
type RequestEvent struct {
	Seq         int               `json:"volgnummer"`
	Type        string            `json:"type"`
	At          string            `json:"op"`
	Actor       Party             `json:"actor"`
	State       string            `json:"status"`
	Rung        int               `json:"trede"`
	Answer      string            `json:"antwoord,omitempty"`
	Changes     string            `json:"wijzigingen,omitempty"`
	ByWhen      string            `json:"uiterlijk,omitempty"`
	Motivations map[string]string `json:"motiveringen,omitempty"`
	Reason      string            `json:"reden,omitempty"`
	Missed      string            `json:"gemist,omitempty"`
	Late        bool              `json:"laat,omitempty"`
	From        *Addressee        `json:"van,omitempty"`
	To          *Addressee        `json:"naar,omitempty"`
	AckDue      string            `json:"ontvangstUiterlijk,omitempty"`
	AnswerDue   string            `json:"antwoordUiterlijk,omitempty"`
	Term        string            `json:"termijn,omitempty"`
	Reasons     []string          `json:"redenen,omitempty"`
	// Openings are the openings of the hiding commitments to the event's
	// texts in the public record (hex, by label such as "subject" or
	// "grounds/zorgvuldigheid"; decision 0037): with a text and its
	// opening whoever may see the text can check it against the event's
	// entry (ledger.Entry.CheckText). Only in a request's detail, for
	// those who may see it; absent for events logged before version 5
	// and after erasure.
	Openings map[string]string `json:"openingen,omitempty"`
}

// requestsPath is the collection's path, for Location headers.
const requestsPath = "/api/v1/verantwoordingsverzoeken"

// unauthorized is the answer to a request without a login.
func unauthorized() error {
	return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om verzoeken om verantwoording te zien of te behandelen.")
}

// requestInput is the body of POST /api/v1/verantwoordingsverzoeken.
type requestInput struct {
	Type       string          `json:"type"`
	Subject    string          `json:"onderwerp"`
	Body       string          `json:"toelichting"`
	Grounds    []groundInput   `json:"gronden"`
	Urgent     bool            `json:"urgent"`
	Addressee  *addresseeInput `json:"geadresseerde"`
	OnBehalfOf string          `json:"namens"`
}

type groundInput struct {
	Principle string `json:"beginsel"`
	Text      string `json:"toelichting"`
}

type addresseeInput struct {
	Organisation string `json:"organisatie"`
	Role         string `json:"rol"`
}

// CreateRequest serves POST /api/v1/verantwoordingsverzoeken: the user
// asks an organisation (and optionally a role in it; otherwise the type's
// default) for account, personally or for an organisation (namens) in which
// the user is board or leadership. The ladder and the deadlines are fixed
// now, by the type and the organisation relations.
func (h *Handler) CreateRequest(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return unauthorized()
	}
	var in requestInput
	var v schakel.Validation
	if err := decode(r, &in, &v); err != nil {
		return err
	}
	ci := requests.CreateInput{
		Type: schakel.RequestType(in.Type), Subject: in.Subject, Body: in.Body, Urgent: in.Urgent, OnBehalfOf: in.OnBehalfOf,
	}
	for _, g := range in.Grounds {
		ci.Grounds = append(ci.Grounds, schakel.Ground{Principle: g.Principle, Text: g.Text})
	}
	if in.Addressee != nil {
		ci.AddresseeCode = in.Addressee.Organisation
		if role := schakel.Role(in.Addressee.Role); role != "" {
			if role.Valid() {
				ci.AddresseeRole = role
			} else {
				// Named here, with its own path; the service then builds
				// the ladder with the type's default role and checks the rest.
				v.Add(comply.FieldAddressee+".rol", "enum", "Kies een van: %s.", roleList())
			}
		}
	}
	ci.Problems = v.Fields()
	req, err := h.Requests.Create(ctx, u, ci)
	if err != nil {
		return err
	}
	j, err := h.request(ctx, h.orgCodes(), req)
	if err != nil {
		return err
	}
	w.Header().Set("Location", requestsPath+"/"+strconv.FormatInt(req.ID, 10))
	respond.JSON(w, http.StatusCreated, j)
	return nil
}

// ListRequests serves GET /api/v1/verantwoordingsverzoeken: a page of the
// requests the user may see (made by the user or an organisation the user
// acts for, or addressed at any rung to an organisation the user has a role
// in), soonest deadline first. Filters: geadresseerde (the code of the
// current addressee's organisation), rol (the current addressee's role),
// status, type and verlopen (true: only overdue ones; false: only those not
// overdue).
func (h *Handler) ListRequests(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return unauthorized()
	}
	var v schakel.Validation
	q := parseQuery(r, &v, comply.FieldAddressee, "rol", "status", "verlopen", "type", "pagina", "paginaGrootte")
	var f schakel.RequestFilter
	codes := h.orgCodes()
	if code, ok := q.get(comply.FieldAddressee); ok {
		o, err := h.Directory.OrganisationByCode(ctx, code)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add(comply.FieldAddressee, "unknown", "Organisatie %q bestaat niet.", code)
		case err != nil:
			return err
		default:
			f.AddresseeOrganisationID = o.ID
			codes.add(o)
		}
	}
	if s, ok := q.get("rol"); ok {
		if role := schakel.Role(s); role.Valid() {
			f.AddresseeRole = role
		} else {
			v.Add("rol", "enum", "Kies een van: %s.", roleList())
		}
	}
	if s, ok := q.get("status"); ok {
		if st := schakel.RequestState(s); st.Valid() {
			f.State = st
		} else {
			v.Add("status", "enum", "Kies een van: %s.", stateList())
		}
	}
	if s, ok := q.get("type"); ok {
		if t := schakel.RequestType(s); t.Valid() {
			f.Type = t
		} else {
			v.Add("type", "enum", "Kies een van: %s.", typeList())
		}
	}
	_, overdueGiven := q.get("verlopen")
	overdue := q.bool("verlopen", false)
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	if err := v.Err(); err != nil {
		return err
	}
	var rs []*schakel.Request
	var total int
	var err error
	if overdueGiven && !overdue {
		rs, total, err = h.listNotOverdue(ctx, u, f, page, size)
	} else {
		f.Overdue = overdue
		f.Offset, f.Limit = (page-1)*size, size
		rs, total, err = h.Requests.List(ctx, u, f)
	}
	if err != nil {
		return err
	}
	if err := codes.preload(ctx, requestOrganisations(rs...)); err != nil {
		return err
	}
	results, err := convert(rs, func(req *schakel.Request) (Request, error) { return h.request(ctx, codes, req) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, RequestPage{Results: results, Total: total, Page: page, PageSize: size})
	return nil
}

// listNotOverdue serves verlopen=false. The store's filter can select only
// the overdue requests, so the others are found by reading the selection in
// batches and leaving the overdue ones out. That is linear in what the user
// may see — fine for the hundreds an inbox holds; a store filter for "not
// overdue" is the way to go when lists grow.
func (h *Handler) listNotOverdue(ctx context.Context, u *schakel.User, f schakel.RequestFilter, page, size int) ([]*schakel.Request, int, error) {
	now := h.now()
	skip := (page - 1) * size
	out := []*schakel.Request{}
	total := 0
	for off := 0; ; off += maxPageSize {
		f.Offset, f.Limit = off, maxPageSize
		rs, all, err := h.Requests.List(ctx, u, f)
		if err != nil {
			return nil, 0, err
		}
		for _, r := range rs {
			if r.Overdue(now) {
				continue
			}
			if total >= skip && len(out) < size {
				out = append(out, r)
			}
			total++
		}
		if len(rs) < maxPageSize || off+len(rs) >= all {
			return out, total, nil
		}
	}
}

// GetRequest serves GET /api/v1/verantwoordingsverzoeken/{id}: the request
// with its full history. A request the user may not see is a 404, the same
// as one that does not exist, so its existence does not leak.
func (h *Handler) GetRequest(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return unauthorized()
	}
	id, err := requestID(r)
	if err != nil {
		return err
	}
	req, evs, err := h.Requests.Get(ctx, u, id)
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	ids := requestOrganisations(req)
	for _, ev := range evs {
		ids = append(ids, ev.Actor.OrganisationID)
	}
	if err := codes.preload(ctx, ids); err != nil {
		return err
	}
	j, err := h.request(ctx, codes, req)
	if err != nil {
		return err
	}
	out := RequestDetail{Request: j, History: make([]RequestEvent, 0, len(evs))}
	for _, ev := range evs {
		je, err := event(ctx, codes, ev)
		if err != nil {
			return err
		}
		for label, o := range ledger.Openings(req, ev) {
			if je.Openings == nil {
				je.Openings = map[string]string{}
			}
			je.Openings[label] = hex.EncodeToString(o)
		}
		out.History = append(out.History, je)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// requestID returns the id in the path. Anything but a canonical positive
// integer cannot name a request: 404, like an id that does not exist.
func requestID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, schakel.Errorf(schakel.ENOTFOUND, "Verzoek %q bestaat niet.", s)
	}
	return id, nil
}

// now is the time by which "verlopen" is judged: the service's clock, which
// also judges the deadlines.
func (h *Handler) now() time.Time {
	if h.Requests != nil && h.Requests.Clock != nil {
		return h.Requests.Clock.Now()
	}
	return h.Clock.Now()
}

// requestOrganisations returns the ids of the organisations rs refer to.
func requestOrganisations(rs ...*schakel.Request) []int64 {
	var ids []int64
	for _, r := range rs {
		ids = append(ids, r.Requester.OrganisationID)
		for _, a := range r.Ladder {
			ids = append(ids, a.OrganisationID)
		}
	}
	return ids
}

// preloadThreshold is how many unknown organisations are looked up one by
// one; above it, all organisations are read at once.
const preloadThreshold = 4

// preload makes the codes of ids known with few queries: a handful are left
// to code, one query each; more are read with every organisation, a page of
// maxPageSize per query, so that a page of requests costs a fixed number of
// queries however many organisations it names.
func (c *orgCodes) preload(ctx context.Context, ids []int64) error {
	missing := map[int64]bool{}
	for _, id := range ids {
		if _, ok := c.byID[id]; !ok && id != 0 {
			missing[id] = true
		}
	}
	if len(missing) <= preloadThreshold {
		return nil
	}
	for off := 0; ; off += maxPageSize {
		os, total, err := c.orgs.Organisations(ctx, schakel.OrganisationFilter{Offset: off, Limit: maxPageSize})
		if err != nil {
			return err
		}
		for _, o := range os {
			c.add(o)
		}
		if len(os) == 0 || off+len(os) >= total {
			return nil
		}
	}
}

// request converts r.
func (h *Handler) request(ctx context.Context, codes *orgCodes, r *schakel.Request) (Request, error) {
	out := Request{
		ID:             r.ID,
		Type:           string(r.Type),
		Subject:        r.Subject,
		Body:           r.Body,
		Grounds:        make([]Ground, 0, len(r.Grounds)),
		Urgent:         r.Urgent,
		Ladder:         make([]Addressee, 0, len(r.Ladder)),
		Rung:           r.Rung,
		State:          string(r.State),
		Answer:         string(r.Answer),
		AckDue:         r.AckDue.String(),
		AnswerDue:      r.AnswerDue.String(),
		AnswerDeadline: timestamp(r.AnswerDeadline),
		Overdue:        r.Overdue(h.now()),
		Extended:       r.Extended,
		Contested:      r.Contested,
		MissedCount:    r.MissedCount,
		MissedAtTop:    r.MissedAtTop,
		AnsweredLate:   r.AnsweredLate,
		Version:        r.Version,
		CreatedAt:      timestamp(r.CreatedAt),
		UpdatedAt:      timestamp(r.UpdatedAt),
	}
	if !r.AckDeadline.IsZero() {
		out.AckDeadline = timestamp(r.AckDeadline)
	}
	for _, g := range r.Grounds {
		out.Grounds = append(out.Grounds, Ground{Principle: g.Principle, Text: g.Text})
	}
	var err error
	if out.Requester, err = party(ctx, codes, r.Requester); err != nil {
		return Request{}, err
	}
	for _, a := range r.Ladder {
		ja, err := addressee(ctx, codes, a)
		if err != nil {
			return Request{}, err
		}
		out.Ladder = append(out.Ladder, ja)
	}
	if r.Rung >= 0 && r.Rung < len(out.Ladder) {
		out.Addressee = out.Ladder[r.Rung]
	}
	return out, nil
}

func party(ctx context.Context, codes *orgCodes, p schakel.Party) (Party, error) {
	out := Party{Kind: string(p.Kind), User: p.UserID}
	if p.OrganisationID != 0 {
		code, err := codes.code(ctx, p.OrganisationID)
		if err != nil {
			return Party{}, err
		}
		out.Organisation = code
	}
	return out, nil
}

func addressee(ctx context.Context, codes *orgCodes, a schakel.Addressee) (Addressee, error) {
	code, err := codes.code(ctx, a.OrganisationID)
	if err != nil {
		return Addressee{}, err
	}
	return Addressee{Organisation: code, Role: string(a.Role)}, nil
}

// event converts ev.
func event(ctx context.Context, codes *orgCodes, ev *schakel.Event) (RequestEvent, error) {
	d := ev.Data
	out := RequestEvent{
		Seq:         ev.Seq,
		Type:        string(ev.Type),
		At:          timestamp(ev.At),
		State:       string(ev.State),
		Rung:        ev.Rung,
		Answer:      string(d.Answer),
		Changes:     d.Changes,
		ByWhen:      dateOrEmpty(d.ByWhen),
		Motivations: d.Motivations,
		Reason:      d.Reason,
		Missed:      d.Missed,
		Late:        d.Late,
		AckDue:      dateOrEmpty(d.AckDue),
		AnswerDue:   dateOrEmpty(d.AnswerDue),
		Term:        d.Term,
		Reasons:     d.Reasons,
	}
	var err error
	if out.Actor, err = party(ctx, codes, ev.Actor); err != nil {
		return RequestEvent{}, err
	}
	for _, x := range []struct {
		from *schakel.Addressee
		to   **Addressee
	}{{d.From, &out.From}, {d.To, &out.To}} {
		if x.from == nil {
			continue
		}
		a, err := addressee(ctx, codes, *x.from)
		if err != nil {
			return RequestEvent{}, err
		}
		*x.to = &a
	}
	return out, nil
}

func dateOrEmpty(d *calendar.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func roleList() string {
	s := make([]string, len(schakel.Roles))
	for i, r := range schakel.Roles {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

func stateList() string {
	s := make([]string, len(schakel.RequestStates))
	for i, st := range schakel.RequestStates {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

func typeList() string {
	s := make([]string, len(schakel.RequestTypes))
	for i, t := range schakel.RequestTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

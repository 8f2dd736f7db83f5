package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/generalise"
	"github.com/schakel-nl/schakel/precedent"
	"github.com/schakel-nl/schakel/respond"
)

// The endpoints of /api/v1/casussen (the maatwerkplaats, inside the
// organisation) and /api/v1/casusprudentie (the public register of
// published, redacted cases).

// Case is a case of the maatwerkplaats as its organisation sees it.
type Case struct {
	ID           int64         `json:"id"`
	Organisation string        `json:"organisatie"`
	Title        string        `json:"titel"`
	Situation    string        `json:"situatie"`
	Parties      []string      `json:"partijen"`
	RuleRefs     []string      `json:"regels"`
	Intent       string        `json:"bedoeling"`
	Harm         string        `json:"knelpunt"`
	Principles   []string      `json:"beginselen"`
	Urgent       bool          `json:"urgent"`
	State        string        `json:"status"`
	SubmittedBy  int64         `json:"ingediendDoor"`
	CreatedAt    string        `json:"aangemaaktOp"`
	UpdatedAt    string        `json:"bijgewerktOp"`
	Version      int           `json:"versie"`
	Invitations  []Invitation  `json:"uitnodigingen"`
	Views        []CaseView    `json:"standpunten"`
	Missing      []string      `json:"ontbrekendePerspectieven"`
	Decision     *CaseDecision `json:"besluit,omitempty"`
	History      []CaseEvent   `json:"geschiedenis"`
}

// Invitation is a perspective invited to the table.
type Invitation struct {
	Perspective string `json:"perspectief"`
	User        int64  `json:"gebruiker"`
	At          string `json:"op"`
}

// CaseView is a perspective's view.
type CaseView struct {
	Perspective string `json:"perspectief"`
	User        int64  `json:"gebruiker"`
	Text        string `json:"tekst"`
	At          string `json:"op"`
}

// Weighing is how a principle was weighed.
type Weighing struct {
	Principle string `json:"beginsel"`
	How       string `json:"hoe"`
}

// CaseDecision is the decision of a case.
type CaseDecision struct {
	Outcome         string     `json:"uitkomst"`
	LegalGround     string     `json:"grondslag,omitempty"`
	LegalGroundText string     `json:"grondslagToelichting,omitempty"`
	Weighings       []Weighing `json:"afwegingen"`
	CostCents       int64      `json:"kostenCenten"`
	Explanation     string     `json:"uitleg"`
	Signal          *Signal    `json:"signaal,omitempty"`
	At              string     `json:"op"`
}

// Signal is a structural signal raised from a case.
type Signal struct {
	ID       int64    `json:"id"`
	RuleRefs []string `json:"regels"`
	Text     string   `json:"tekst"`
}

// CaseEvent is one step of a case's history.
type CaseEvent struct {
	Seq   int    `json:"volgnummer"`
	Type  string `json:"type"`
	At    string `json:"op"`
	User  int64  `json:"gebruiker,omitempty"`
	State string `json:"status"`
	Note  string `json:"notitie,omitempty"`
}

// CasePage is one page of cases.
type CasePage struct {
	Results  []Case `json:"resultaten"`
	Total    int    `json:"totaal"`
	Page     int    `json:"pagina"`
	PageSize int    `json:"paginaGrootte"`
}

// Precedent is a published case in the register: every text redacted.
type Precedent struct {
	ID           int64      `json:"id"`
	Organisation string     `json:"organisatie"`
	Title        string     `json:"titel"`
	Summary      string     `json:"samenvatting"`
	Intent       string     `json:"bedoeling"`
	Harm         string     `json:"knelpunt"`
	RuleRefs     []string   `json:"regels"`
	Principles   []string   `json:"beginselen"`
	Outcome      string     `json:"uitkomst"`
	LegalGround  string     `json:"grondslag,omitempty"`
	Explanation  string     `json:"uitleg"`
	Weighings    []Weighing `json:"afwegingen"`
	// CostFrom and CostTo are the band the cost of the fix falls in: the
	// exact amount could single someone out (decision 0015).
	CostFrom    int64  `json:"kostenVanafCenten"`
	CostTo      int64  `json:"kostenTotCenten"`
	DecidedAt   string `json:"beslotenOp"`
	PublishedAt string `json:"gepubliceerdOp,omitempty"`
	CorrectedAt string `json:"gecorrigeerdOp,omitempty"`
	// Digest is the SHA-256 of the published texts of this version.
	Digest string `json:"sha256,omitempty"`
	// Changes are the publication's changes, newest first; only on the
	// register's page of one case.
	Changes []PrecedentChange `json:"wijzigingen,omitempty"`
}

// PrecedentPage is one page of the register.
type PrecedentPage struct {
	Results  []Precedent `json:"resultaten"`
	Total    int         `json:"totaal"`
	Page     int         `json:"pagina"`
	PageSize int         `json:"paginaGrootte"`
}

// SimilarCase is a published case like the one compared.
type SimilarCase struct {
	ID           int64   `json:"id"`
	Title        string  `json:"titel"`
	Organisation string  `json:"organisatie"`
	Outcome      string  `json:"uitkomst"`
	DecidedAt    string  `json:"beslotenOp"`
	Score        float64 `json:"score"`
}

// SolveProposal proposes turning repeated fixes into a structural solve.
type SolveProposal struct {
	Count    int      `json:"aantal"`
	Since    string   `json:"sinds"`
	Cases    []int64  `json:"casussen"`
	RuleRefs []string `json:"regels"`
}

// SimilarResult is what the register says about a case.
type SimilarResult struct {
	Similar []SimilarCase `json:"vergelijkbaar"`
	// Inconsistent are similar cases decided otherwise: the consistency
	// warning names them.
	Inconsistent []SimilarCase `json:"afwijkend"`
	// Divergent is whether the similar cases disagree among themselves.
	Divergent bool           `json:"verdeeld"`
	Proposal  *SolveProposal `json:"voorstelStructureel,omitempty"`
}

type caseInput struct {
	Organisation string   `json:"organisatie"`
	Title        string   `json:"titel"`
	Situation    string   `json:"situatie"`
	Parties      []string `json:"partijen"`
	RuleRefs     []string `json:"regels"`
	Intent       string   `json:"bedoeling"`
	Harm         string   `json:"knelpunt"`
	Principles   []string `json:"beginselen"`
	Urgent       bool     `json:"urgent"`
}

type invitationInput struct {
	Perspective string `json:"perspectief"`
	User        int64  `json:"gebruiker"`
}

type viewInput struct {
	Perspective string `json:"perspectief"`
	Text        string `json:"tekst"`
}

type decisionInput struct {
	Outcome         string          `json:"uitkomst"`
	LegalGround     string          `json:"grondslag"`
	LegalGroundText string          `json:"grondslagToelichting"`
	Weighings       []weighingInput `json:"afwegingen"`
	CostCents       int64           `json:"kostenCenten"`
	Explanation     string          `json:"uitleg"`
	Signal          string          `json:"signaal"`
	SignalRuleRefs  []string        `json:"signaalRegels"`
}

type weighingInput struct {
	Principle string `json:"beginsel"`
	How       string `json:"hoe"`
}

type compareInput struct {
	Text       string   `json:"tekst"`
	RuleRefs   []string `json:"regels"`
	Principles []string `json:"beginselen"`
}

const casesPath = "/api/v1/casussen"

// casesAvailable is ENOTFOUND when the server has no maatwerkplaats, which
// every endpoint of cases and precedent answers before anything else.
func (h *Handler) casesAvailable() error {
	if h.Cases == nil {
		return schakel.Errorf(schakel.ENOTFOUND, "De maatwerkplaats is op deze server niet beschikbaar.")
	}
	return nil
}

// caseInPath returns the id of the case in the path, once the
// maatwerkplaats is known to be served here.
func (h *Handler) caseInPath(r *http.Request) (int64, error) {
	if err := h.casesAvailable(); err != nil {
		return 0, err
	}
	return caseID(r)
}

func caseID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, schakel.Errorf(schakel.ENOTFOUND, "Casus %q bestaat niet.", s)
	}
	return id, nil
}

func optionalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return timestamp(t)
}

// caseJSON converts a case with its deliberation, decision and history.
func (h *Handler) caseJSON(ctx context.Context, d *cases.Deliberation) (Case, error) {
	c := d.Case
	code, err := h.orgCodes().code(ctx, c.OrganisationID)
	if err != nil {
		return Case{}, err
	}
	out := Case{ID: c.ID, Organisation: code, Title: c.Title, Situation: c.Situation, Parties: nonNilStrings(c.Parties), RuleRefs: nonNilStrings(c.RuleRefs),
		Intent: c.Intent, Harm: c.Harm, Principles: nonNilStrings(c.Principles), Urgent: c.Urgent, State: string(c.State), SubmittedBy: c.SubmittedBy,
		CreatedAt: timestamp(c.CreatedAt), UpdatedAt: timestamp(c.UpdatedAt), Version: c.Version,
		Invitations: []Invitation{}, Views: []CaseView{}, Missing: []string{}, History: []CaseEvent{}}
	for _, inv := range d.Invitations {
		out.Invitations = append(out.Invitations, Invitation{Perspective: string(inv.Perspective), User: inv.UserID, At: timestamp(inv.At)})
	}
	for _, v := range d.Views {
		out.Views = append(out.Views, CaseView{Perspective: string(v.Perspective), User: v.UserID, Text: v.Text, At: timestamp(v.At)})
	}
	for _, p := range cases.Missing(d.Views) {
		out.Missing = append(out.Missing, string(p))
	}
	if dec := d.Decision; dec != nil {
		cd := &CaseDecision{Outcome: string(dec.Outcome), LegalGround: dec.LegalGround, LegalGroundText: dec.LegalGroundText, Weighings: weighings(dec.Weighings),
			CostCents: dec.CostCents, Explanation: dec.Explanation, At: timestamp(dec.At)}
		if dec.Signal != nil {
			cd.Signal = &Signal{ID: dec.Signal.ID, RuleRefs: nonNilStrings(dec.Signal.Refs()), Text: dec.Signal.Proposal}
		}
		out.Decision = cd
	}
	for _, ev := range d.History {
		out.History = append(out.History, CaseEvent{Seq: ev.Seq, Type: string(ev.Type), At: timestamp(ev.At), User: ev.UserID, State: string(ev.State), Note: ev.Note})
	}
	return out, nil
}

func weighings(ws []schakel.Weighing) []Weighing {
	out := make([]Weighing, 0, len(ws))
	for _, w := range ws {
		out = append(out, Weighing{Principle: w.Principle, How: w.How})
	}
	return out
}

func (h *Handler) precedentJSON(ctx context.Context, codes *orgCodes, p *schakel.Precedent) (Precedent, error) {
	code, err := codes.code(ctx, p.OrganisationID)
	if err != nil {
		return Precedent{}, err
	}
	from, to := generalise.Band(p.CostCents)
	return Precedent{ID: p.CaseID, Organisation: code, Title: p.Title, Summary: p.Summary, Intent: p.Intent, Harm: p.Harm,
		RuleRefs: nonNilStrings(p.RuleRefs), Principles: nonNilStrings(p.Principles), Outcome: string(p.Outcome), LegalGround: p.LegalGround,
		Explanation: p.Explanation, Weighings: weighings(p.Weighings), CostFrom: from, CostTo: to, DecidedAt: timestamp(p.DecidedAt),
		PublishedAt: optionalTime(p.PublishedAt), CorrectedAt: optionalTime(p.CorrectedAt), Digest: p.Digest}, nil
}

// respondCase answers with the case as it now is.
func (h *Handler) respondCase(w http.ResponseWriter, r *http.Request, status int, c *schakel.Case) error {
	d, err := h.Cases.Deliberation(r.Context(), auth.UserFrom(r.Context()), c.ID)
	if err != nil {
		return err
	}
	j, err := h.caseJSON(r.Context(), d)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", casesPath+"/"+strconv.FormatInt(c.ID, 10))
	}
	respond.JSON(w, status, j)
	return nil
}

// decodeValid decodes the body into dst; every problem is its error.
func decodeValid(r *http.Request, dst any) error {
	var v schakel.Validation
	if err := decode(r, dst, &v); err != nil {
		return err
	}
	return v.Err()
}

// ListCases serves GET /api/v1/casussen: the cases of the organisations
// the user works at, newest first; filter status.
func (h *Handler) ListCases(w http.ResponseWriter, r *http.Request) error {
	if err := h.casesAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "status", "pagina", "paginaGrootte")
	var state schakel.CaseState
	if s, ok := q.get("status"); ok {
		if state = schakel.CaseState(s); !state.Valid() {
			v.Add("status", "enum", "Kies een van: %s.", "ingediend, in-beraad, besloten, gepubliceerd, ingetrokken")
		}
	}
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	if err := v.Err(); err != nil {
		return err
	}
	ds, total, err := h.Cases.Deliberations(ctx, auth.UserFrom(ctx), state, (page-1)*size, size)
	if err != nil {
		return err
	}
	results, err := convert(ds, func(d *cases.Deliberation) (Case, error) { return h.caseJSON(ctx, d) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, CasePage{Results: results, Total: total, Page: page, PageSize: size})
	return nil
}

// SubmitCase serves POST /api/v1/casussen.
func (h *Handler) SubmitCase(w http.ResponseWriter, r *http.Request) error {
	if err := h.casesAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var in caseInput
	var v schakel.Validation
	if err := decode(r, &in, &v); err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een casus in te dienen.")
	}
	si := cases.SubmitInput{Organisation: in.Organisation, Title: in.Title, Situation: in.Situation, Parties: in.Parties, RuleRefs: in.RuleRefs,
		Intent: in.Intent, Harm: in.Harm, Principles: in.Principles, Urgent: in.Urgent}
	si.Problems = v.Fields()
	c, err := h.Cases.Submit(ctx, u, si)
	if err != nil {
		return err
	}
	return h.respondCase(w, r, http.StatusCreated, c)
}

// GetCase serves GET /api/v1/casussen/{id}, for the case's organisation.
func (h *Handler) GetCase(w http.ResponseWriter, r *http.Request) error {
	id, err := h.caseInPath(r)
	if err != nil {
		return err
	}
	c, err := h.Cases.Get(r.Context(), auth.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.respondCase(w, r, http.StatusOK, c)
}

// caseAction decodes the body into in and runs act on the case in the path.
func caseAction[T any](h *Handler, w http.ResponseWriter, r *http.Request, act func(ctx context.Context, u *schakel.User, id int64, in T) (*schakel.Case, error)) error {
	id, err := h.caseInPath(r)
	if err != nil {
		return err
	}
	var in T
	if err := decodeValid(r, &in); err != nil {
		return err
	}
	c, err := act(r.Context(), auth.UserFrom(r.Context()), id, in)
	if err != nil {
		return err
	}
	return h.respondCase(w, r, http.StatusOK, c)
}

// InviteToCase serves POST /api/v1/casussen/{id}/uitnodigingen.
func (h *Handler) InviteToCase(w http.ResponseWriter, r *http.Request) error {
	return caseAction(h, w, r, func(ctx context.Context, u *schakel.User, id int64, in invitationInput) (*schakel.Case, error) {
		return h.Cases.Invite(ctx, u, id, schakel.Perspective(in.Perspective), in.User)
	})
}

// AddCaseView serves POST /api/v1/casussen/{id}/standpunten.
func (h *Handler) AddCaseView(w http.ResponseWriter, r *http.Request) error {
	return caseAction(h, w, r, func(ctx context.Context, u *schakel.User, id int64, in viewInput) (*schakel.Case, error) {
		return h.Cases.AddView(ctx, u, id, schakel.Perspective(in.Perspective), in.Text)
	})
}

// DecideCase serves POST /api/v1/casussen/{id}/besluiten.
func (h *Handler) DecideCase(w http.ResponseWriter, r *http.Request) error {
	return caseAction(h, w, r, func(ctx context.Context, u *schakel.User, id int64, in decisionInput) (*schakel.Case, error) {
		di := cases.DecideInput{Outcome: schakel.Outcome(in.Outcome), LegalGround: in.LegalGround, LegalGroundText: in.LegalGroundText,
			CostCents: in.CostCents, Explanation: in.Explanation, SignalText: in.Signal, SignalRuleRefs: in.SignalRuleRefs}
		for _, w := range in.Weighings {
			di.Weighings = append(di.Weighings, schakel.Weighing{Principle: w.Principle, How: w.How})
		}
		return h.Cases.Decide(ctx, u, id, di)
	})
}

// WithdrawCase serves POST /api/v1/casussen/{id}/intrekkingen.
func (h *Handler) WithdrawCase(w http.ResponseWriter, r *http.Request) error {
	return caseAction(h, w, r, func(ctx context.Context, u *schakel.User, id int64, in reasonInput) (*schakel.Case, error) {
		return h.Cases.Withdraw(ctx, u, id, in.Reason)
	})
}

// SimilarCases serves GET /api/v1/casussen/{id}/vergelijkbaar.
func (h *Handler) SimilarCases(w http.ResponseWriter, r *http.Request) error {
	id, err := h.caseInPath(r)
	if err != nil {
		return err
	}
	res, err := h.Cases.SimilarTo(r.Context(), auth.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.respondSimilar(w, r, res)
}

// ComparePrecedent serves POST /api/v1/casusprudentie/vergelijkingen: the
// similar published cases for a text with its rules and principles, as the
// form shows while a case is written. Public: it reads only the register.
func (h *Handler) ComparePrecedent(w http.ResponseWriter, r *http.Request) error {
	if err := h.casesAvailable(); err != nil {
		return err
	}
	var in compareInput
	if err := decodeValid(r, &in); err != nil {
		return err
	}
	var v schakel.Validation
	if len(in.Text) > cases.MaxText {
		v.Add("tekst", "too_long", "Gebruik hoogstens %d tekens.", cases.MaxText)
	}
	if len(in.RuleRefs) > cases.MaxRuleRefs {
		v.Add("regels", "too_many", "Noem hoogstens %d regels.", cases.MaxRuleRefs)
	}
	if len(in.Principles) > cases.MaxItems {
		v.Add("beginselen", "too_many", "Noem hoogstens %d beginselen.", cases.MaxItems)
	}
	if err := v.Err(); err != nil {
		return err
	}
	res, err := h.Cases.SimilarToText(r.Context(), in.Text, in.RuleRefs, in.Principles)
	if err != nil {
		return err
	}
	return h.respondSimilar(w, r, res)
}

func (h *Handler) respondSimilar(w http.ResponseWriter, r *http.Request, res *cases.Similar) error {
	codes := h.orgCodes()
	conv := func(ms []precedent.Match) ([]SimilarCase, error) {
		out := make([]SimilarCase, 0, len(ms))
		for _, m := range ms {
			p := res.Precedents[m.Item.ID]
			code, err := codes.code(r.Context(), m.Item.OrganisationID)
			if err != nil {
				return nil, err
			}
			sc := SimilarCase{ID: m.Item.ID, Organisation: code, Outcome: string(m.Item.Outcome), DecidedAt: timestamp(m.Item.DecidedAt), Score: roundScore(m.Score)}
			if p != nil {
				sc.Title = p.Title
			}
			out = append(out, sc)
		}
		return out, nil
	}
	out := SimilarResult{Divergent: res.Divergent}
	var err error
	if out.Similar, err = conv(res.Matches); err == nil {
		out.Inconsistent, err = conv(res.Inconsistent)
	}
	if err != nil {
		return err
	}
	if p := res.Proposal; p != nil {
		sp := &SolveProposal{Count: p.Count, Since: timestamp(p.Since), Cases: []int64{}, RuleRefs: nonNilStrings(p.RuleRefs)}
		for _, m := range p.Cases {
			sp.Cases = append(sp.Cases, m.Item.ID)
		}
		out.Proposal = sp
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

func roundScore(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// ListPrecedents serves GET /api/v1/casusprudentie: the public register,
// best match first with q, else newest first. Filters: q (full text in
// Dutch), regel, beginsel, uitkomst, organisatie, vanaf, tot (decided),
// read by the case service as for the pages; paging and the refusal of
// unknown or repeated parameters are the API's.
func (h *Handler) ListPrecedents(w http.ResponseWriter, r *http.Request) error {
	if err := h.casesAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	filter := func(q url.Values) (schakel.PrecedentFilter, error) { return h.Cases.PrecedentFilter(ctx, q) }
	f, page, size, err := paged(r, filter, "q", "regel", "beginsel", "uitkomst", "organisatie", "vanaf", "tot")
	if err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	ps, total, err := h.Cases.Search(ctx, f)
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	results, err := convert(ps, func(p *schakel.Precedent) (Precedent, error) { return h.precedentJSON(ctx, codes, p) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, PrecedentPage{Results: results, Total: total, Page: page, PageSize: size})
	return nil
}

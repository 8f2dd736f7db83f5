package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/ruleref"
	"github.com/schakel-nl/schakel/signals"
)

// The endpoints of /api/v1/signalen: a professional's signal that a law
// article or policy rule hurts (PRODUCT.md C5). Signals are internal to
// their organisation: only its members see them, with who filed them. The
// signal service redacts every text before it is stored, so what these
// endpoints show is the redacted text; the answer to filing says what kind
// of personal data was replaced and how often, never what it was.

// SignalRule is one rule a signal is anchored to.
type SignalRule struct {
	// Ref is the reference: a JCI 1.3 string or beleidsregel:<organisatie>/<id>.
	Ref string `json:"verwijzing"`
	// Version is the version of a policy rule; left out for a law.
	Version int    `json:"versie,omitempty"`
	Label   string `json:"label"`
	// URL is the provision on wetten.overheid.nl; left out for a policy rule.
	URL string `json:"url,omitempty"`
}

// Citizens is an estimate of the number of citizens affected.
type Citizens struct {
	Low  int64 `json:"van"`
	High int64 `json:"tot"`
	// Method says how it was estimated; left out of totals.
	Method string `json:"methode,omitempty"`
}

// Cost is an estimate of what a solution costs, in euro cents.
type Cost struct {
	OnceCents   int64 `json:"eenmaligCenten"`
	YearlyCents int64 `json:"structureelCenten"`
	// BorneBy says who bears it; left out of totals.
	BorneBy string `json:"drager,omitempty"`
}

// Conflict is a principle in conflict with its grounds.
type Conflict struct {
	Principle string `json:"beginsel"`
	Grounds   string `json:"reden"`
}

// Evidence points at a case or brake of the signal's organisation.
type Evidence struct {
	Kind string `json:"soort"`
	ID   int64  `json:"id"`
}

// SignalRecord is a signal as the members of its organisation see it.
type SignalRecord struct {
	ID           int64  `json:"id"`
	Organisation string `json:"organisatie"`
	State        string `json:"status"`
	// Case is the case whose solve raised the signal, if any.
	Case      int64        `json:"casus,omitempty"`
	Title     string       `json:"titel"`
	Rules     []SignalRule `json:"regels"`
	Group     string       `json:"groep"`
	Effect    string       `json:"gevolg"`
	Citizens  Citizens     `json:"burgers"`
	Solution  string       `json:"oplossing,omitempty"`
	Proposal  string       `json:"voorstel"`
	Cost      Cost         `json:"kosten"`
	Conflicts []Conflict   `json:"conflicten"`
	Evidence  []Evidence   `json:"bewijs"`
	// Knelpunt is the knelpunt the signal is part of; left out while raised.
	Knelpunt int64 `json:"knelpuntId,omitempty"`
	// FiledBy is the user who filed it; only members ever see a signal.
	FiledBy   int64  `json:"ingediendDoor,omitempty"`
	CreatedAt string `json:"aangemaaktOp"`
	FiledAt   string `json:"ingediendOp,omitempty"`
}

// SignalEvent is one step of a signal's history.
type SignalEvent struct {
	Type string `json:"type"`
	// From and To are the knelpunten the signal left and joined.
	From int64  `json:"van,omitempty"`
	To   int64  `json:"naar,omitempty"`
	By   int64  `json:"door,omitempty"`
	At   string `json:"op"`
}

// SignalDetail is a signal with its history, oldest first.
type SignalDetail struct {
	SignalRecord
	History []SignalEvent `json:"geschiedenis"`
}

// SignalPage is one page of signals.
type SignalPage struct {
	Results  []SignalRecord `json:"resultaten"`
	Total    int            `json:"totaal"`
	Page     int            `json:"pagina"`
	PageSize int            `json:"paginaGrootte"`
}

// KnelpuntRef names a knelpunt.
type KnelpuntRef struct {
	ID    int64  `json:"id"`
	Title string `json:"titel"`
}

// Redaction says how often one kind of personal data was replaced.
type Redaction struct {
	Kind  string `json:"soort"`
	Count int    `json:"aantal"`
}

// FiledSignal is the answer to filing a signal: the signal as stored, the
// knelpunt it is in, and what redaction replaced in its texts.
type FiledSignal struct {
	Signal   SignalRecord `json:"signaal"`
	Knelpunt KnelpuntRef  `json:"knelpunt"`
	Redacted []Redaction  `json:"weggelakt"`
}

// SuggestedKnelpunt is a knelpunt a signal could join.
type SuggestedKnelpunt struct {
	ID      int64  `json:"id"`
	Title   string `json:"titel"`
	Signals int    `json:"aantalSignalen"`
}

// SignalTitle names a signal.
type SignalTitle struct {
	ID    int64  `json:"id"`
	Title string `json:"titel"`
}

// SignalSuggestion is a knelpunt with signals like the one compared, and
// the similarity of the best of them (0 to 1).
type SignalSuggestion struct {
	Knelpunt SuggestedKnelpunt `json:"knelpunt"`
	Score    float64           `json:"score"`
	Signals  []SignalTitle     `json:"signalen"`
}

// SignalSuggestions are the knelpunten suggested for a signal, best first.
type SignalSuggestions struct {
	Results []SignalSuggestion `json:"resultaten"`
}

// signalInput is the body of POST /api/v1/signalen and of
// POST /api/v1/signalen/vergelijkingen. Versions maps the index of a policy
// rule in Rules ("0") to the version the signal is about; without one, the
// latest registered version.
type signalInput struct {
	Organisation string          `json:"organisatie"`
	SignalID     int64           `json:"signaalId"`
	Title        string          `json:"titel"`
	Rules        []string        `json:"regels"`
	Versions     map[string]int  `json:"versies"`
	Group        string          `json:"groep"`
	Effect       string          `json:"gevolg"`
	Citizens     *citizensInput  `json:"burgers"`
	Solution     string          `json:"oplossing"`
	Proposal     string          `json:"voorstel"`
	Cost         *costInput      `json:"kosten"`
	Conflicts    []conflictInput `json:"conflicten"`
	Evidence     []evidenceInput `json:"bewijs"`
	KnelpuntID   int64           `json:"knelpuntId"`
}

type citizensInput struct {
	Low    int64  `json:"van"`
	High   int64  `json:"tot"`
	Method string `json:"methode"`
}

type costInput struct {
	OnceCents   int64  `json:"eenmaligCenten"`
	YearlyCents int64  `json:"structureelCenten"`
	BorneBy     string `json:"drager"`
}

type conflictInput struct {
	Principle string `json:"beginsel"`
	Grounds   string `json:"reden"`
}

type evidenceInput struct {
	Kind string `json:"soort"`
	ID   int64  `json:"id"`
}

const (
	signalsPath   = "/api/v1/signalen"
	knelpuntsPath = "/api/v1/knelpunten"
)

// signalsAvailable is ENOTFOUND when the server has no signal service,
// which every endpoint of signals, knelpunten, letters and figures answers
// before anything else.
func (h *Handler) signalsAvailable() error {
	if h.Signals == nil {
		return schakel.Errorf(schakel.ENOTFOUND, "Signalen en knelpunten zijn op deze server niet beschikbaar.")
	}
	return nil
}

// pathID reads the positive id in the path; what names the resource in
// the 404 ("Signaal").
func pathID(r *http.Request, what string) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, schakel.Errorf(schakel.ENOTFOUND, "%s %q bestaat niet.", what, s)
	}
	return id, nil
}

// fileInput turns the body into the service's input, adding to v what
// only the transport can see: a version for a rule that is not there.
func (in *signalInput) fileInput(v *schakel.Validation) signals.FileInput {
	fi := signals.FileInput{Organisation: in.Organisation, SignalID: in.SignalID, Title: in.Title, Rules: in.Rules, Group: in.Group,
		Effect: in.Effect, Solution: schakel.Solution(in.Solution), Proposal: in.Proposal, KnelpuntID: in.KnelpuntID}
	if c := in.Citizens; c != nil {
		fi.CitizensLow, fi.CitizensHigh, fi.CitizensMethod = c.Low, c.High, c.Method
	}
	if c := in.Cost; c != nil {
		fi.CostOnceCents, fi.CostYearCents, fi.CostBorneBy = c.OnceCents, c.YearlyCents, c.BorneBy
	}
	for _, c := range in.Conflicts {
		fi.Conflicts = append(fi.Conflicts, signals.Conflict{Principle: c.Principle, Grounds: c.Grounds})
	}
	for _, e := range in.Evidence {
		fi.Evidence = append(fi.Evidence, schakel.Evidence{Kind: schakel.EvidenceKind(e.Kind), ID: e.ID})
	}
	fi.Versions = in.versions(v)
	return fi
}

// versions reads versies: each key the index of a policy rule in regels,
// each value a version of at least 1.
func (in *signalInput) versions(v *schakel.Validation) map[int]int {
	if len(in.Versions) == 0 {
		return nil
	}
	keys := make([]string, 0, len(in.Versions))
	for k := range in.Versions {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make(map[int]int, len(keys))
	for _, k := range keys {
		field := "versies." + k
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i >= len(in.Rules) || strconv.Itoa(i) != k {
			v.Add(field, "unknown", "Gebruik als sleutel de plaats van een beleidsregel in regels, vanaf 0.")
			continue
		}
		if ref, err := ruleref.Parse(in.Rules[i]); err == nil && ref.Kind != ruleref.KindPolicy {
			v.Add(field, "not_policy", "Alleen een beleidsregel heeft versies; regels[%d] is een wetsartikel.", i)
			continue
		}
		if n := in.Versions[k]; n < 1 {
			v.Add(field, "range", "Een versie is een geheel getal vanaf 1.")
			continue
		}
		out[i] = in.Versions[k]
	}
	return out
}

// FileSignal serves POST /api/v1/signalen: a member files a signal, in a
// new knelpunt or in the one knelpuntId names. The service decides who
// may file before it looks at the body, names every invalid field at once
// and stores nothing then.
func (h *Handler) FileSignal(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var in signalInput
	problems, bodyErr := decodeForService(r, &in, false)
	v := schakel.Validation{}
	v.Given(problems)
	fi := in.fileInput(&v)
	fi.Problems = v.Fields()
	filed, err := h.Signals.File(ctx, auth.UserFrom(ctx), fi)
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	codes := h.orgCodes()
	sig, err := signalRecord(ctx, codes, filed.Signal)
	if err != nil {
		return err
	}
	out := FiledSignal{Signal: sig, Knelpunt: KnelpuntRef{ID: filed.Knelpunt.ID, Title: filed.Knelpunt.Title}, Redacted: redactions(filed.Redacted)}
	w.Header().Set("Location", signalsPath+"/"+strconv.FormatInt(sig.ID, 10))
	respond.JSON(w, http.StatusCreated, out)
	return nil
}

// redactions counts what redaction replaced per kind, in the order the
// kinds were first found; the texts themselves are left out.
func redactions(found []redact.Finding) []Redaction {
	out := []Redaction{}
	at := map[redact.Kind]int{}
	for _, f := range found {
		if i, ok := at[f.Kind]; ok {
			out[i].Count++
			continue
		}
		at[f.Kind] = len(out)
		out = append(out, Redaction{Kind: string(f.Kind), Count: 1})
	}
	return out
}

// CompareSignal serves POST /api/v1/signalen/vergelijkingen: the
// knelpunten of the organisation with signals like the one being written,
// so the filer can join one instead of starting another. The body is that
// of filing and need not be complete; fields of the wrong type and unknown
// fields are refused.
func (h *Handler) CompareSignal(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een signaal te geven.")
	}
	var in signalInput
	if err := decodeValid(r, &in); err != nil {
		return err
	}
	var v schakel.Validation
	fi := in.fileInput(&v)
	if err := v.Err(); err != nil {
		return err
	}
	sugs, err := h.Signals.Suggest(ctx, u, fi)
	if err != nil {
		return err
	}
	out := SignalSuggestions{Results: make([]SignalSuggestion, 0, len(sugs))}
	for _, s := range sugs {
		j := SignalSuggestion{Knelpunt: SuggestedKnelpunt{ID: s.Knelpunt.ID, Title: s.Knelpunt.Title, Signals: s.Knelpunt.Signals},
			Score: roundScore(s.Score), Signals: make([]SignalTitle, 0, len(s.Signals))}
		for _, sig := range s.Signals {
			j.Signals = append(j.Signals, SignalTitle{ID: sig.ID, Title: sig.Title})
		}
		out.Results = append(out.Results, j)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// ListSignals serves GET /api/v1/signalen: the signals of one
// organisation (organisatie, required), newest first, for its members.
// Filters: knelpunt (an id), regel (a figure key such as
// "artikel:BWBR0019057/76"), status (concept or ingediend).
func (h *Handler) ListSignals(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om de signalen van uw organisatie te zien.")
	}
	var v schakel.Validation
	q := parseQuery(r, &v, "organisatie", "knelpunt", "regel", "status", "pagina", "paginaGrootte")
	var f schakel.SignalFilter
	codes := h.orgCodes()
	org, err := h.queryOrganisation(ctx, q, codes, "organisatie", true)
	if err != nil {
		return err
	}
	f.OrganisationID = org
	f.KnelpuntID = int64(q.int("knelpunt", 0, 1, maxID))
	f.Rule = queryRule(q)
	if s, ok := q.get("status"); ok {
		if f.State = schakel.SignalState(s); f.State != schakel.SignalRaised && f.State != schakel.SignalFiled {
			v.Add("status", "enum", "Kies een van: concept, ingediend.")
		}
	}
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	if err := v.Err(); err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	sigs, total, err := h.Signals.Signals(ctx, u, f)
	if err != nil {
		return err
	}
	results, err := convert(sigs, func(s *schakel.Signal) (SignalRecord, error) { return signalRecord(ctx, codes, s) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, SignalPage{Results: results, Total: total, Page: page, PageSize: size})
	return nil
}

// maxID bounds an id in a query; ids are positive int64s, and a filter
// beyond any real id selects nothing.
const maxID = 1<<53 - 1

// queryOrganisation resolves the organisation code in parameter name to
// its id, naming a missing (when required) or unknown code in q's
// validation; 0 when not given.
func (h *Handler) queryOrganisation(ctx context.Context, q query, codes *orgCodes, name string, required bool) (int64, error) {
	code, ok := q.get(name)
	if !ok || code == "" {
		if required && !q.v.Names(name) {
			q.v.Add(name, "required", "Noem de organisatie met haar code, zoals uwv.")
		}
		return 0, nil
	}
	o, err := h.Directory.OrganisationByCode(ctx, code)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		q.v.Add(name, "unknown", "Organisatie %q bestaat niet.", code)
		return 0, nil
	case err != nil:
		return 0, err
	}
	codes.add(o)
	return o.ID, nil
}

// figurePrefixes are the levels a figure key starts with.
var figurePrefixes = []string{"wet:", "artikel:", "beleidsregel:"}

// queryRule reads the figure key in regel.
func queryRule(q query) string {
	s, ok := q.get("regel")
	if !ok {
		return ""
	}
	if len(s) > 200 || !slices.ContainsFunc(figurePrefixes, func(p string) bool { return strings.HasPrefix(s, p) && len(s) > len(p) }) {
		q.v.Add("regel", "format", "Geef een sleutel zoals wet:BWBR0019057, artikel:BWBR0019057/76 of beleidsregel:uwv/BR-2024-12.")
		return ""
	}
	if strings.HasPrefix(s, "beleidsregel:") {
		// The key of a policy rule is its reference as ruleref reads it,
		// which ignores case.
		if fs := ruleref.FigureKeys([]string{s}); len(fs) == 1 {
			return fs[0].Key
		}
	}
	return s
}

// GetSignal serves GET /api/v1/signalen/{id}: a signal with its history,
// for the members of its organisation; for anyone else it does not exist.
func (h *Handler) GetSignal(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om de signalen van uw organisatie te zien.")
	}
	id, err := pathID(r, "Signaal")
	if err != nil {
		return err
	}
	sig, evs, err := h.Signals.Signal(ctx, u, id)
	if err != nil {
		return err
	}
	rec, err := signalRecord(ctx, h.orgCodes(), sig)
	if err != nil {
		return err
	}
	out := SignalDetail{SignalRecord: rec, History: make([]SignalEvent, 0, len(evs))}
	for _, ev := range evs {
		out.History = append(out.History, SignalEvent{Type: string(ev.Type), From: ev.From, To: ev.To, By: ev.By, At: timestamp(ev.At)})
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// signalRecord converts a signal for the members of its organisation.
func signalRecord(ctx context.Context, codes *orgCodes, s *schakel.Signal) (SignalRecord, error) {
	code, err := codes.code(ctx, s.OrganisationID)
	if err != nil {
		return SignalRecord{}, err
	}
	out := SignalRecord{ID: s.ID, Organisation: code, State: string(s.State), Case: s.CaseID, Title: s.Title, Rules: signalRules(s.Anchors),
		Group: s.Group, Effect: s.Effect, Citizens: Citizens{Low: s.Citizens.Low, High: s.Citizens.High, Method: s.Citizens.Method},
		Solution: string(s.Solution), Proposal: s.Proposal,
		Cost:      Cost{OnceCents: s.Cost.OnceCents, YearlyCents: s.Cost.YearlyCents, BorneBy: s.Cost.BorneBy},
		Conflicts: make([]Conflict, 0, len(s.Conflicts)), Evidence: make([]Evidence, 0, len(s.Evidence)),
		Knelpunt: s.KnelpuntID, FiledBy: s.FiledBy, CreatedAt: timestamp(s.CreatedAt), FiledAt: optionalTime(s.FiledAt)}
	for _, c := range s.Conflicts {
		out.Conflicts = append(out.Conflicts, Conflict{Principle: c.Principle, Grounds: c.Text})
	}
	for _, e := range s.Evidence {
		out.Evidence = append(out.Evidence, Evidence{Kind: string(e.Kind), ID: e.ID})
	}
	return out, nil
}

// signalRules converts anchors, with a label and, for a law, its link.
func signalRules(as []schakel.Anchor) []SignalRule {
	out := make([]SignalRule, 0, len(as))
	for _, a := range as {
		label, link := ruleLabel(a.Ref)
		out = append(out, SignalRule{Ref: a.Ref, Version: a.Version, Label: label, URL: link})
	}
	return out
}

// ruleLabel is the label and link of a stored reference.
func ruleLabel(s string) (label, link string) {
	ref, err := ruleref.Parse(s)
	if err != nil {
		return s, ""
	}
	return ref.WithTitle().Label(), ref.URL()
}

package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/signals"
)

// The endpoints of /api/v1/knelpunten: bundles of similar signals that
// climb team → board → ministry → parliament, each rung answering comply or
// explain. The members of a knelpunt's organisation see it whole, with its
// signals and history; anyone else sees a knelpunt only once its board sent
// it to the ministry in a knelpuntenbrief, and then only the rungs from the
// ministry on, with their answers — never a signal, nor who did what.

// KnelpuntSummary is a knelpunt with the totals of its signals.
type KnelpuntSummary struct {
	ID           int64  `json:"id"`
	Organisation string `json:"organisatie"`
	Title        string `json:"titel"`
	// Summary says what goes wrong and for whom, redacted.
	Summary  string `json:"samenvatting"`
	Solution string `json:"oplossing"`
	Proposal string `json:"voorstel"`
	Level    string `json:"niveau"`
	State    string `json:"status"`
	// MergedInto is the knelpunt its signals went to, when merged.
	MergedInto int64 `json:"samengevoegdIn,omitempty"`
	// Letter is the knelpuntenbrief that took it to the ministry.
	Letter int64 `json:"briefId,omitempty"`
	// AdoptedAt is when its board adopted it.
	AdoptedAt   string `json:"overgenomenOp,omitempty"`
	SignalCount int    `json:"aantalSignalen"`
	// Citizens and Cost are the sums over its signals.
	Citizens   Citizens `json:"burgers"`
	Cost       Cost     `json:"kosten"`
	Rules      []string `json:"regels"`
	Principles []string `json:"beginselen"`
	CreatedAt  string   `json:"aangemaaktOp"`
	UpdatedAt  string   `json:"bijgewerktOp"`
	Version    int      `json:"versie"`
}

// KnelpuntAnswer is what one rung answered.
type KnelpuntAnswer struct {
	Level       string            `json:"niveau"`
	Kind        string            `json:"soort"`
	Changes     string            `json:"wijzigingen,omitempty"`
	ByWhen      string            `json:"uiterlijk,omitempty"`
	Motivations map[string]string `json:"motiveringen,omitempty"`
	At          string            `json:"op"`
	Late        bool              `json:"laat,omitempty"`
}

// KnelpuntRung is a level the knelpunt was put to, with the request for
// account that level answers and the answers given.
type KnelpuntRung struct {
	Level     string           `json:"niveau"`
	Request   int64            `json:"verzoek"`
	At        string           `json:"op"`
	State     string           `json:"status"`
	AnswerDue string           `json:"antwoordUiterlijk"`
	Answers   []KnelpuntAnswer `json:"antwoorden"`
}

// KnelpuntEvent is one step of a knelpunt's history, for members.
type KnelpuntEvent struct {
	Seq     int     `json:"volgnummer"`
	Type    string  `json:"type"`
	By      int64   `json:"door,omitempty"`
	Signals []int64 `json:"signalen,omitempty"`
	// Other is the knelpunt merged into or from, or split off or from.
	Other   int64  `json:"ander,omitempty"`
	Level   string `json:"niveau,omitempty"`
	Request int64  `json:"verzoek,omitempty"`
	Letter  int64  `json:"briefId,omitempty"`
	At      string `json:"op"`
}

// KnelpuntDetail is a knelpunt as the one asking may see it.
type KnelpuntDetail struct {
	KnelpuntSummary
	// Answering is the level that owes an answer now; left out when none does.
	Answering string         `json:"antwoordVerschuldigdDoor,omitempty"`
	Rungs     []KnelpuntRung `json:"treden"`
	// Signals and History are there only for members of its organisation.
	Signals []SignalRecord  `json:"signalen,omitempty"`
	History []KnelpuntEvent `json:"geschiedenis,omitempty"`
}

// KnelpuntPage is one page of knelpunten.
type KnelpuntPage struct {
	Results  []KnelpuntSummary `json:"resultaten"`
	Total    int               `json:"totaal"`
	Page     int               `json:"pagina"`
	PageSize int               `json:"paginaGrootte"`
}

// mergeInput is the body of POST …/{id}/samenvoegingen.
type mergeInput struct {
	From int64 `json:"van"`
}

// splitInput is the body of POST …/{id}/splitsingen.
type splitInput struct {
	Signals []int64 `json:"signalen"`
	Title   string  `json:"titel"`
}

// ListKnelpunten serves GET /api/v1/knelpunten: the knelpunten the one
// asking may see, newest first — of their own organisation all, of others
// only those sent to a ministry. Filters: organisatie (a code), status,
// niveau, regel (a figure key) and brief (the id of a knelpuntenbrief).
func (h *Handler) ListKnelpunten(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "organisatie", "status", "niveau", "regel", "brief", "pagina", "paginaGrootte")
	codes := h.orgCodes()
	var f schakel.KnelpuntFilter
	var err error
	if f.OrganisationID, err = h.queryOrganisation(ctx, q, codes, "organisatie", false); err != nil {
		return err
	}
	if s, ok := q.get("status"); ok {
		if f.State = schakel.KnelpuntState(s); !f.State.Valid() {
			v.Add("status", "enum", "Kies een van: %s.", knelpuntStates())
		}
	}
	if s, ok := q.get("niveau"); ok {
		if f.Level = schakel.KnelpuntLevel(s); !f.Level.Valid() {
			v.Add("niveau", "enum", "Kies een van: team, bestuur, ministerie, parlement.")
		}
	}
	f.Rule = queryRule(q)
	f.LetterID = int64(q.int("brief", 0, 1, maxID))
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	if err := v.Err(); err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	ks, total, err := h.Signals.List(ctx, auth.UserFrom(ctx), f)
	if err != nil {
		return err
	}
	results, err := convert(ks, func(k *schakel.Knelpunt) (KnelpuntSummary, error) { return knelpuntSummary(ctx, codes, k) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, KnelpuntPage{Results: results, Total: total, Page: page, PageSize: size})
	return nil
}

func knelpuntStates() string {
	s := make([]string, len(schakel.KnelpuntStates))
	for i, st := range schakel.KnelpuntStates {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

// GetKnelpunt serves GET /api/v1/knelpunten/{id}: for members of its
// organisation the whole knelpunt; for anyone else, also without a login,
// a knelpunt sent to a ministry with the rungs from the ministry on.
func (h *Handler) GetKnelpunt(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	id, err := pathID(r, "Knelpunt")
	if err != nil {
		return err
	}
	return h.respondKnelpunt(w, r, http.StatusOK, id)
}

// respondKnelpunt answers with knelpunt id as the one asking may see it.
func (h *Handler) respondKnelpunt(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	ctx := r.Context()
	view, err := h.Signals.Get(ctx, auth.UserFrom(ctx), id)
	if err != nil {
		return err
	}
	j, err := knelpuntDetail(ctx, h.orgCodes(), view)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", knelpuntsPath+"/"+strconv.FormatInt(id, 10))
	}
	respond.JSON(w, status, j)
	return nil
}

// knelpuntAction checks the login and the id of a POST on a sub-resource
// of a knelpunt, runs act and answers with the knelpunt it returns.
func (h *Handler) knelpuntAction(w http.ResponseWriter, r *http.Request, status int,
	act func(ctx context.Context, u *schakel.User, id int64) (*schakel.Knelpunt, error)) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om knelpunten te behandelen.")
	}
	id, err := pathID(r, "Knelpunt")
	if err != nil {
		return err
	}
	k, err := act(ctx, u, id)
	if err != nil {
		return err
	}
	return h.respondKnelpunt(w, r, status, k.ID)
}

// PutKnelpunt serves POST /api/v1/knelpunten/{id}/voorleggingen: a member
// puts an open knelpunt to its team (the coordinator), which owes an
// answer. No body, or {}.
func (h *Handler) PutKnelpunt(w http.ResponseWriter, r *http.Request) error {
	return h.knelpuntAction(w, r, http.StatusOK, func(ctx context.Context, u *schakel.User, id int64) (*schakel.Knelpunt, error) {
		var in emptyInput
		var v schakel.Validation
		if err := decodeOptional(r, &in, &v); err != nil {
			return nil, err
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		return h.Signals.Put(ctx, u, id)
	})
}

// AnswerKnelpunt serves POST /api/v1/knelpunten/{id}/antwoorden: the
// addressee of the knelpunt's current rung adopts it (soort comply:
// wijzigingen and uiterlijk), which takes it up the ladder, or explains
// per principle why not (soort explain: motiveringen). The body is that of
// POST /api/v1/verantwoordingsverzoeken/{id}/antwoorden; the service
// decides who may answer before it looks at it.
func (h *Handler) AnswerKnelpunt(w http.ResponseWriter, r *http.Request) error {
	return h.knelpuntAction(w, r, http.StatusOK, func(ctx context.Context, u *schakel.User, id int64) (*schakel.Knelpunt, error) {
		var in answerInput
		problems, bodyErr := decodeForService(r, &in, false)
		var v schakel.Validation
		v.Given(problems)
		ai := in.answer(&v)
		k, err := h.Signals.Answer(ctx, u, id, requests.AnswerInput{AnswerInput: ai, Problems: v.Fields()})
		if err := orBodyError(err, bodyErr); err != nil {
			return nil, err
		}
		return k, nil
	})
}

// answer is the engine's input for the body, as AnswerRequest reads it: a
// malformed uiterlijk is named with the calendar's message.
func (in *answerInput) answer(v *schakel.Validation) comply.AnswerInput {
	ai := comply.AnswerInput{Kind: schakel.AnswerKind(in.Kind), Changes: in.Changes, Motivations: in.Motivations}
	if in.ByWhen != "" {
		d, err := calendar.ParseDate(in.ByWhen)
		addCalendarError(v, "uiterlijk", err)
		ai.ByWhen = d
	}
	return ai
}

// MergeKnelpunt serves POST /api/v1/knelpunten/{id}/samenvoegingen: a
// coordinator or the board moves every signal of the open knelpunt van
// into this one; van ends as merged. Answers with this knelpunt.
func (h *Handler) MergeKnelpunt(w http.ResponseWriter, r *http.Request) error {
	return h.knelpuntAction(w, r, http.StatusOK, func(ctx context.Context, u *schakel.User, id int64) (*schakel.Knelpunt, error) {
		var in mergeInput
		var v schakel.Validation
		if err := decode(r, &in, &v); err != nil {
			return nil, err
		}
		if !v.Names("van") && in.From <= 0 {
			v.Add("van", "required", "Noem het knelpunt dat in dit knelpunt opgaat.")
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		k, err := h.Signals.Merge(ctx, u, id, in.From)
		if schakel.ErrorCode(err) == schakel.ENOTFOUND {
			// Either knelpunt may be missing; when this one is there, it
			// is the one the body names.
			if view, gerr := h.Signals.Get(ctx, u, id); gerr == nil && view.Member {
				var v schakel.Validation
				v.Add("van", "unknown", "Knelpunt %d bestaat niet bij deze organisatie.", in.From)
				return nil, v.Err()
			}
		}
		return k, err
	})
}

// SplitKnelpunt serves POST /api/v1/knelpunten/{id}/splitsingen: a
// coordinator or the board moves some of its signals (signalen) into a new
// knelpunt with its own title (titel). Answers 201 with the new knelpunt.
func (h *Handler) SplitKnelpunt(w http.ResponseWriter, r *http.Request) error {
	return h.knelpuntAction(w, r, http.StatusCreated, func(ctx context.Context, u *schakel.User, id int64) (*schakel.Knelpunt, error) {
		var in splitInput
		problems, bodyErr := decodeForService(r, &in, false)
		var v schakel.Validation
		v.Given(problems)
		for i, s := range in.Signals {
			if s <= 0 {
				v.Add("signalen["+strconv.Itoa(i)+"]", "range", "Een signaalnummer is een geheel getal vanaf 1.")
			}
		}
		k, err := h.Signals.Split(ctx, u, id, signals.SplitInput{Signals: in.Signals, Title: in.Title, Problems: v.Fields()})
		if err := orBodyError(err, bodyErr); err != nil {
			return nil, err
		}
		return k, nil
	})
}

// knelpuntSummary converts a knelpunt without its rungs.
func knelpuntSummary(ctx context.Context, codes *orgCodes, k *schakel.Knelpunt) (KnelpuntSummary, error) {
	code, err := codes.code(ctx, k.OrganisationID)
	if err != nil {
		return KnelpuntSummary{}, err
	}
	return KnelpuntSummary{ID: k.ID, Organisation: code, Title: k.Title, Summary: k.Summary, Solution: string(k.Solution), Proposal: k.Proposal,
		Level: string(k.Level), State: string(k.State), MergedInto: k.MergedInto, Letter: k.LetterID, AdoptedAt: optionalTime(k.AdoptedAt),
		SignalCount: k.Signals, Citizens: Citizens{Low: k.Citizens.Low, High: k.Citizens.High},
		Cost:  Cost{OnceCents: k.Cost.OnceCents, YearlyCents: k.Cost.YearlyCents},
		Rules: nonNilStrings(k.Refs), Principles: nonNilStrings(k.Principles),
		CreatedAt: timestamp(k.CreatedAt), UpdatedAt: timestamp(k.UpdatedAt), Version: k.Version}, nil
}

// knelpuntDetail converts a view: the signals and history only when the
// service says the viewer is a member.
func knelpuntDetail(ctx context.Context, codes *orgCodes, view *signals.View) (KnelpuntDetail, error) {
	sum, err := knelpuntSummary(ctx, codes, view.Knelpunt)
	if err != nil {
		return KnelpuntDetail{}, err
	}
	out := KnelpuntDetail{KnelpuntSummary: sum, Answering: string(view.Answering), Rungs: make([]KnelpuntRung, 0, len(view.Rungs))}
	for _, rv := range view.Rungs {
		out.Rungs = append(out.Rungs, knelpuntRung(rv))
	}
	if !view.Member {
		return out, nil
	}
	if out.Signals, err = convert(view.Signals, func(s *schakel.Signal) (SignalRecord, error) { return signalRecord(ctx, codes, s) }); err != nil {
		return KnelpuntDetail{}, err
	}
	for _, ev := range view.Events {
		out.History = append(out.History, KnelpuntEvent{Seq: ev.Seq, Type: string(ev.Type), By: ev.By, Signals: ev.Signals, Other: ev.Other,
			Level: string(ev.Level), Request: ev.RequestID, Letter: ev.LetterID, At: timestamp(ev.At)})
	}
	return out, nil
}

// knelpuntRung converts a rung with its answers; nobody's user id is in it.
func knelpuntRung(rv signals.RungView) KnelpuntRung {
	out := KnelpuntRung{Level: string(rv.Rung.Level), Request: rv.Rung.RequestID, At: timestamp(rv.Rung.At), Answers: make([]KnelpuntAnswer, 0, len(rv.Answers))}
	if rv.Request != nil {
		out.State, out.AnswerDue = string(rv.Request.State), rv.Request.AnswerDue.String()
	}
	for _, a := range rv.Answers {
		out.Answers = append(out.Answers, KnelpuntAnswer{Level: string(a.Level), Kind: string(a.Kind), Changes: a.Changes, ByWhen: a.ByWhen.String(),
			Motivations: a.Motivations, At: timestamp(a.At), Late: a.Late})
	}
	return out
}

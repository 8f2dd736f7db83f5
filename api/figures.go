package api

import (
	"context"
	"net/http"
	"net/url"
	"regexp"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/signals"
)

// The public figures of where the law hurts — per law, per article of a
// law and per policy rule, counted from the filed signals — and the
// organisations' registers of their own policy rules, which signals anchor
// to by id and version. All of it is public; none of it names a person.

// RuleFigure is what the filed signals say of one law, article or policy
// rule.
type RuleFigure struct {
	// Key identifies the rule: wet:<bwb>, artikel:<bwb>/<artikel> or
	// beleidsregel:<organisatie>/<id>.
	Key   string `json:"sleutel"`
	Level string `json:"niveau"`
	// Law is the BWB id, or for a policy rule its organisation's code.
	Law string `json:"wet"`
	// Ref is the reference of the rule: a JCI 1.3 string or a policy
	// reference.
	Ref   string `json:"verwijzing"`
	Label string `json:"label"`
	// URL is the law or article on wetten.overheid.nl; left out for a
	// policy rule.
	URL           string   `json:"url,omitempty"`
	Signals       int64    `json:"aantalSignalen"`
	Organisations int64    `json:"aantalOrganisaties"`
	Knelpunten    int64    `json:"aantalKnelpunten"`
	Citizens      Citizens `json:"burgers"`
	Cost          Cost     `json:"kosten"`
	// OpenAnswers counts the knelpunten on the rule whose current rung
	// still owes an answer.
	OpenAnswers int64 `json:"openstaandeAntwoorden"`
}

// FigurePage is one page of figures, most signals first.
type FigurePage struct {
	Results  []RuleFigure `json:"resultaten"`
	Total    int          `json:"totaal"`
	Page     int          `json:"pagina"`
	PageSize int          `json:"paginaGrootte"`
}

// LawFigures is one law: its own figure, a page of the figures of its
// articles, and the knelpunten on it that went to a ministry.
type LawFigures struct {
	Law           RuleFigure   `json:"wet"`
	Articles      []RuleFigure `json:"artikelen"`
	ArticlesTotal int          `json:"artikelenTotaal"`
	Page          int          `json:"pagina"`
	PageSize      int          `json:"paginaGrootte"`
	// Knelpunten are the newest sent knelpunten on the law, at most
	// lawKnelpunten; KnelpuntenTotal counts them all.
	Knelpunten      []KnelpuntSummary `json:"knelpunten"`
	KnelpuntenTotal int               `json:"knelpuntenTotaal"`
}

// PolicyRule is a registered version of an organisation's policy rule.
type PolicyRule struct {
	Organisation string `json:"organisatie"`
	Code         string `json:"code"`
	Version      int    `json:"versie"`
	Title        string `json:"titel"`
	URL          string `json:"url,omitempty"`
	// Ref is what a signal names the rule by.
	Ref          string `json:"verwijzing"`
	RegisteredAt string `json:"geregistreerdOp"`
}

// PolicyRuleList is the latest version of every policy rule of an
// organisation, by code. It is not paged: an organisation has few.
type PolicyRuleList struct {
	Results []PolicyRule `json:"resultaten"`
}

// policyRuleInput is the body of POST /api/v1/organisaties/{code}/beleidsregels.
type policyRuleInput struct {
	Code    string `json:"code"`
	Version int    `json:"versie"`
	Title   string `json:"titel"`
	URL     string `json:"url"`
}

// lawKnelpunten bounds the knelpunten shown with a law.
const lawKnelpunten = 100

var bwbID = regexp.MustCompile(`^BWBR[0-9]{7}$`)

// figurePage reads the page of a figures endpoint and the filters the
// caller's parse reads from q.
func figurePage(r *http.Request, parse func(q query) error, filters ...string) (page, size int, err error) {
	var v schakel.Validation
	q := parseQuery(r, &v, append(filters, "pagina", "paginaGrootte")...)
	if parse != nil {
		if err := parse(q); err != nil {
			return 0, 0, err
		}
	}
	page = q.int("pagina", 1, 1, maxPage)
	size = q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	return page, size, v.Err()
}

// listFigures answers with a page of the figures f selects.
func (h *Handler) listFigures(w http.ResponseWriter, r *http.Request, f schakel.FigureFilter, page, size int) error {
	f.Offset, f.Limit = (page-1)*size, size
	fs, total, err := h.Signals.Figures(r.Context(), f)
	if err != nil {
		return err
	}
	out := FigurePage{Results: make([]RuleFigure, 0, len(fs)), Total: total, Page: page, PageSize: size}
	for _, fig := range fs {
		out.Results = append(out.Results, ruleFigure(fig))
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// ListLawFigures serves GET /api/v1/wetten: the laws signals are anchored
// to, most signals first.
func (h *Handler) ListLawFigures(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	page, size, err := figurePage(r, nil)
	if err != nil {
		return err
	}
	return h.listFigures(w, r, schakel.FigureFilter{Level: schakel.FigureLaw}, page, size)
}

// ListPolicyFigures serves GET /api/v1/beleidsregels: the policy rules
// signals are anchored to, most signals first; organisatie (a code)
// selects one organisation's rules.
func (h *Handler) ListPolicyFigures(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	f := schakel.FigureFilter{Level: schakel.FigurePolicy}
	page, size, err := figurePage(r, func(q query) error {
		id, err := h.queryOrganisation(ctx, q, h.orgCodes(), "organisatie", false)
		if id != 0 {
			f.Law, _ = q.get("organisatie")
		}
		return err
	}, "organisatie")
	if err != nil {
		return err
	}
	return h.listFigures(w, r, f, page, size)
}

// GetLawFigures serves GET /api/v1/wetten/{bwb}: a law's own figure, a
// page of the figures of its articles, each with its link on
// wetten.overheid.nl, and the knelpunten on it sent to a ministry. A law
// no signal is anchored to is not found.
func (h *Handler) GetLawFigures(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	bwb := r.PathValue("bwb")
	if !bwbID.MatchString(bwb) {
		return schakel.Errorf(schakel.ENOTFOUND, "%q is geen BWB-id zoals BWBR0019057.", bwb)
	}
	page, size, err := figurePage(r, nil)
	if err != nil {
		return err
	}
	laws, _, err := h.Signals.Figures(ctx, schakel.FigureFilter{Level: schakel.FigureLaw, Key: "wet:" + bwb, Limit: 1})
	if err != nil {
		return err
	}
	if len(laws) == 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Over wet %s zijn geen signalen gegeven.", bwb)
	}
	arts, total, err := h.Signals.Figures(ctx, schakel.FigureFilter{Level: schakel.FigureArticle, Law: bwb, Offset: (page - 1) * size, Limit: size})
	if err != nil {
		return err
	}
	out := LawFigures{Law: ruleFigure(laws[0]), Articles: make([]RuleFigure, 0, len(arts)), ArticlesTotal: total, Page: page, PageSize: size}
	for _, a := range arts {
		out.Articles = append(out.Articles, ruleFigure(a))
	}
	// The knelpunten on a public page are the public ones, also for a
	// member of their organisation.
	ks, n, err := h.Signals.List(ctx, nil, schakel.KnelpuntFilter{Rule: "wet:" + bwb, Sent: true, Limit: lawKnelpunten})
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	if out.Knelpunten, err = convert(ks, func(k *schakel.Knelpunt) (KnelpuntSummary, error) { return knelpuntSummary(ctx, codes, k) }); err != nil {
		return err
	}
	out.KnelpuntenTotal = n
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// ruleFigure converts a figure, with the label and link of its rule.
func ruleFigure(f *schakel.RuleFigure) RuleFigure {
	label, link := ruleLabel(f.Ref)
	return RuleFigure{Key: f.Key, Level: string(f.Level), Law: f.Law, Ref: f.Ref, Label: label, URL: link, Signals: f.Signals,
		Organisations: f.Organisations, Knelpunten: f.Knelpunten, Citizens: Citizens{Low: f.CitizensLow, High: f.CitizensHigh},
		Cost: Cost{OnceCents: f.CostOnce, YearlyCents: f.CostYearly}, OpenAnswers: f.OpenAnswers}
}

// ListPolicyRules serves GET /api/v1/organisaties/{code}/beleidsregels:
// the latest version of each registered policy rule of the organisation.
// Public.
func (h *Handler) ListPolicyRules(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	code := r.PathValue("code")
	rules, err := h.Signals.PolicyRules(ctx, code)
	if err != nil {
		return err
	}
	out := PolicyRuleList{Results: make([]PolicyRule, 0, len(rules))}
	codes := h.orgCodes()
	for _, p := range rules {
		j, err := policyRule(ctx, codes, p)
		if err != nil {
			return err
		}
		out.Results = append(out.Results, j)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// RegisterPolicyRule serves POST /api/v1/organisaties/{code}/beleidsregels:
// an administrator of the organisation registers a version of one of its
// policy rules, so signals can anchor to it. Answers 201; the Location is
// the organisation's list of rules.
func (h *Handler) RegisterPolicyRule(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	code := r.PathValue("code")
	if u != nil {
		// The organisation is the path's: one that does not exist is not
		// found, not an invalid field.
		if _, err := h.Directory.OrganisationByCode(ctx, code); err != nil {
			return err
		}
	}
	var in policyRuleInput
	problems, bodyErr := decodeForService(r, &in, false)
	p, err := h.Signals.RegisterPolicyRule(ctx, u, signals.PolicyRuleInput{Organisation: code, Code: in.Code, Version: in.Version, Title: in.Title,
		URL: in.URL, Problems: problems})
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	j, err := policyRule(ctx, h.orgCodes(), p)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/organisaties/"+url.PathEscape(j.Organisation)+"/beleidsregels")
	respond.JSON(w, http.StatusCreated, j)
	return nil
}

// policyRule converts a registered policy rule.
func policyRule(ctx context.Context, codes *orgCodes, p *schakel.PolicyRule) (PolicyRule, error) {
	code, err := codes.code(ctx, p.OrganisationID)
	if err != nil {
		return PolicyRule{}, err
	}
	return PolicyRule{Organisation: code, Code: p.Code, Version: p.Version, Title: p.Title, URL: p.URL,
		Ref: "beleidsregel:" + code + "/" + p.Code, RegisteredAt: timestamp(p.RegisteredAt)}, nil
}

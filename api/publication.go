package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/respond"
)

// Proposal is what would be published, for the reviewer: the publication,
// every replacement, every flagged quasi-identifier, and whether the one
// asking may publish (not the one who decided: four eyes).
type Proposal struct {
	Precedent    Precedent     `json:"publicatie"`
	Replacements []Replacement `json:"vervangingen"`
	Flags        []Flag        `json:"kenmerken"`
	CaseType     string        `json:"soortCasus"`
	// Found counts what the redaction replaced, by kind.
	Found      map[string]int `json:"weggelakt"`
	Categories []string       `json:"teBevestigen"`
	MayPublish bool           `json:"magPubliceren"`
	Why        string         `json:"waaromNiet,omitempty"`
}

// Replacement is one span the redaction replaced: where, what kind, and
// the original text (the reviewer must see it to judge).
type Replacement struct {
	Field string `json:"veld"`
	Kind  string `json:"soort"`
	Text  string `json:"tekst"`
}

// Flag is a quasi-identifier left in a redacted text. Key is what
// "generaliseren" takes to generalise it.
type Flag struct {
	Key      string `json:"sleutel"`
	Field    string `json:"veld"`
	Category string `json:"categorie"`
	Text     string `json:"tekst"`
	General  string `json:"algemener"`
	Keep     bool   `json:"nodigVoorBesluit"`
	Chosen   bool   `json:"gekozen"`
}

// PrecedentChange is a public change of the register.
type PrecedentChange struct {
	Case         int64  `json:"casus"`
	Seq          int    `json:"volgnummer"`
	Organisation string `json:"organisatie"`
	Kind         string `json:"soort"`
	At           string `json:"op"`
	Reason       string `json:"reden,omitempty"`
	Digest       string `json:"sha256"`
}

// PrecedentChangePage is one page of the register's changes.
type PrecedentChangePage struct {
	Results  []PrecedentChange `json:"resultaten"`
	Total    int               `json:"totaal"`
	Page     int               `json:"pagina"`
	PageSize int               `json:"paginaGrootte"`
}

type publishInput struct {
	Title       string   `json:"titel"`
	Summary     string   `json:"samenvatting"`
	Intent      string   `json:"bedoeling"`
	Harm        string   `json:"knelpunt"`
	Explanation string   `json:"uitleg"`
	Redact      []string `json:"weglakken"`
	Generalise  []string `json:"generaliseren"`
	Confirmed   []string `json:"bevestigingen"`
}

type correctInput struct {
	Redact     []string `json:"weglakken"`
	Generalise []string `json:"generaliseren"`
	Reason     string   `json:"reden"`
}

func flagsJSON(fs []cases.Flagged) []Flag {
	out := []Flag{}
	for _, f := range fs {
		out = append(out, Flag{Key: f.Key, Field: f.Field, Category: string(f.Flag.Category), Text: f.Flag.Text, General: f.Flag.General,
			Keep: f.Flag.Keep, Chosen: f.Chosen})
	}
	return out
}

// GetPublicationProposal serves GET /api/v1/casussen/{id}/publicatievoorstel:
// what publishing would show with the defaults, every replacement and flag.
func (h *Handler) GetPublicationProposal(w http.ResponseWriter, r *http.Request) error {
	id, err := h.caseInPath(r)
	if err != nil {
		return err
	}
	rv, err := h.Cases.Proposal(r.Context(), auth.UserFrom(r.Context()), id, cases.PublishInput{})
	if err != nil {
		return err
	}
	j, err := h.precedentJSON(r.Context(), h.orgCodes(), rv.Precedent)
	if err != nil {
		return err
	}
	out := Proposal{Precedent: j, Replacements: []Replacement{}, Found: map[string]int{}, Flags: flagsJSON(rv.Flags), CaseType: string(rv.CaseType),
		MayPublish: rv.MayPublish, Why: rv.Why}
	for _, c := range cases.ReviewCategories() {
		out.Categories = append(out.Categories, string(c))
	}
	for _, f := range rv.Replacements {
		out.Replacements = append(out.Replacements, Replacement{Field: f.Field, Kind: string(f.Kind), Text: f.Text})
		out.Found[string(f.Kind)]++
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// PublishCase serves POST /api/v1/casussen/{id}/publicaties: a second
// reviewer's texts replace the proposal's and are redacted again, the
// chosen flags generalised (none given: the defaults); the publication is
// the answer.
func (h *Handler) PublishCase(w http.ResponseWriter, r *http.Request) error {
	id, err := h.caseInPath(r)
	if err != nil {
		return err
	}
	var in publishInput
	problems, bodyErr := decodeForService(r, &in, false)
	p, err := h.Cases.Publish(r.Context(), auth.UserFrom(r.Context()), id, cases.PublishInput{Title: in.Title, Summary: in.Summary, Intent: in.Intent,
		Harm: in.Harm, Explanation: in.Explanation, Redact: in.Redact, Generalise: in.Generalise, Confirmed: in.Confirmed, Problems: problems})
	if err != nil {
		return orBodyError(err, bodyErr)
	}
	j, err := h.precedentJSON(r.Context(), h.orgCodes(), p)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/casusprudentie/"+strconv.FormatInt(id, 10))
	respond.JSON(w, http.StatusCreated, j)
	return nil
}

// CorrectPublication serves POST /api/v1/casussen/{id}/correcties: the
// publication is redacted more, with a public reason.
func (h *Handler) CorrectPublication(w http.ResponseWriter, r *http.Request) error {
	id, err := h.caseInPath(r)
	if err != nil {
		return err
	}
	var in correctInput
	problems, bodyErr := decodeForService(r, &in, false)
	p, err := h.Cases.Correct(r.Context(), auth.UserFrom(r.Context()), id, cases.CorrectInput{Redact: in.Redact, Generalise: in.Generalise,
		Reason: in.Reason, Problems: problems})
	if err != nil {
		return orBodyError(err, bodyErr)
	}
	j, err := h.precedentJSON(r.Context(), h.orgCodes(), p)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, j)
	return nil
}

// WithdrawPublication serves POST
// /api/v1/casussen/{id}/publicatie-intrekkingen: the publication leaves the
// register with a public reason; the answer is the change.
func (h *Handler) WithdrawPublication(w http.ResponseWriter, r *http.Request) error {
	id, err := h.caseInPath(r)
	if err != nil {
		return err
	}
	var in reasonInput
	if err := decodeValid(r, &in); err != nil {
		return err
	}
	ch, err := h.Cases.WithdrawPublication(r.Context(), auth.UserFrom(r.Context()), id, in.Reason)
	if err != nil {
		return err
	}
	j, err := h.changeJSON(r.Context(), h.orgCodes(), ch)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, j)
	return nil
}

func (h *Handler) changeJSON(ctx context.Context, codes *orgCodes, ch *schakel.PrecedentChange) (PrecedentChange, error) {
	code, err := codes.code(ctx, ch.OrganisationID)
	if err != nil {
		return PrecedentChange{}, err
	}
	return PrecedentChange{Case: ch.CaseID, Seq: ch.Seq, Organisation: code, Kind: string(ch.Kind), At: timestamp(ch.At), Reason: ch.Reason,
		Digest: ch.Digest}, nil
}

// GetPrecedent serves GET /api/v1/casusprudentie/{id}: one case of the
// register, public, with its changes; once withdrawn, 410 Gone with the
// date and the public reason (the changes stay in
// /casusprudentie/wijzigingen).
func (h *Handler) GetPrecedent(w http.ResponseWriter, r *http.Request) error {
	if err := h.casesAvailable(); err != nil {
		return err
	}
	id, err := h.caseInPath(r)
	if err != nil {
		return err
	}
	pub, err := h.Cases.Publication(r.Context(), id)
	if err != nil {
		return err
	}
	if pub.Precedent == nil {
		last := pub.Changes[0]
		respond.StatusProblem(w, r, http.StatusGone, fmt.Sprintf("Deze publicatie is op %s ingetrokken. Reden: %s", last.At.Format("2006-01-02"), last.Reason))
		return nil
	}
	codes := h.orgCodes()
	j, err := h.precedentJSON(r.Context(), codes, pub.Precedent)
	if err != nil {
		return err
	}
	for _, ch := range pub.Changes {
		cj, err := h.changeJSON(r.Context(), codes, ch)
		if err != nil {
			return err
		}
		j.Changes = append(j.Changes, cj)
	}
	respond.JSON(w, http.StatusOK, j)
	return nil
}

// ListPrecedentChanges serves GET /api/v1/casusprudentie/wijzigingen: the
// register's publications, corrections and withdrawals, newest first.
func (h *Handler) ListPrecedentChanges(w http.ResponseWriter, r *http.Request) error {
	if err := h.casesAvailable(); err != nil {
		return err
	}
	none := func(url.Values) (struct{}, error) { return struct{}{}, nil }
	_, page, size, err := paged(r, none)
	if err != nil {
		return err
	}
	chs, total, err := h.Cases.Changes(r.Context(), schakel.PrecedentChangeFilter{Offset: (page - 1) * size, Limit: size})
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	out := PrecedentChangePage{Results: []PrecedentChange{}, Total: total, Page: page, PageSize: size}
	for _, ch := range chs {
		j, err := h.changeJSON(r.Context(), codes, ch)
		if err != nil {
			return err
		}
		out.Results = append(out.Results, j)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

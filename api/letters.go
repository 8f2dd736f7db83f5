package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/signals"
)

// The endpoints of /api/v1/knelpuntenbrieven: the letter in which a board
// sends the knelpunten it adopted in a period to its principal ministry.
// A sent letter is public, with the SHA-256 of its HTML and PDF as sent
// (also in the public record) and links to both documents; who sent it is
// not shown.

// LetterDigests are the hex SHA-256 of a letter's documents.
type LetterDigests struct {
	HTML string `json:"html"`
	PDF  string `json:"pdf"`
}

// LetterDocuments are the paths of a sent letter's documents on the site.
type LetterDocuments struct {
	HTML string `json:"html"`
	PDF  string `json:"pdf"`
}

// Period is a range of days, both included.
type Period struct {
	From string `json:"van"`
	To   string `json:"tot"`
}

// LetterDraft is a knelpuntenbrief before it is sent: what it would say,
// with the knelpunten in it.
type LetterDraft struct {
	Reference    string        `json:"kenmerk"`
	Date         string        `json:"datum"`
	Subject      string        `json:"onderwerp"`
	Organisation string        `json:"organisatie"`
	Ministry     string        `json:"ministerie"`
	Period       Period        `json:"periode"`
	KnelpuntIDs  []int64       `json:"knelpuntIds"`
	SHA256       LetterDigests `json:"sha256"`
	// Knelpunten are the knelpunten the board adopted in the period and
	// did not send yet.
	Knelpunten []KnelpuntSummary `json:"knelpunten"`
}

// Letter is a sent knelpuntenbrief.
type Letter struct {
	ID           int64           `json:"id"`
	Reference    string          `json:"kenmerk"`
	Date         string          `json:"datum"`
	Subject      string          `json:"onderwerp"`
	Organisation string          `json:"organisatie"`
	Ministry     string          `json:"ministerie"`
	Period       Period          `json:"periode"`
	KnelpuntIDs  []int64         `json:"knelpuntIds"`
	SHA256       LetterDigests   `json:"sha256"`
	Documents    LetterDocuments `json:"documenten"`
	SentAt       string          `json:"verzondenOp"`
}

// LetterDetail is a sent letter with each of its knelpunten as the one
// asking may see it, and the answers per rung.
type LetterDetail struct {
	Letter
	Knelpunten []KnelpuntDetail `json:"knelpunten"`
}

// LetterPage is one page of sent letters.
type LetterPage struct {
	Results  []Letter `json:"resultaten"`
	Total    int      `json:"totaal"`
	Page     int      `json:"pagina"`
	PageSize int      `json:"paginaGrootte"`
}

// letterInput is the body of POST /api/v1/knelpuntenbrieven and of its
// concepten: the organisation, the days of the period (both included) and
// an optional subject.
type letterInput struct {
	Organisation string `json:"organisatie"`
	From         string `json:"van"`
	To           string `json:"tot"`
	Subject      string `json:"onderwerp"`
}

const lettersPath = "/api/v1/knelpuntenbrieven"

// decodeLetter decodes the body for the service, which decides who may
// send before it looks at it; the dates are read here, each named with the
// calendar's message when malformed.
func decodeLetter(r *http.Request) (signals.LetterInput, error) {
	var in letterInput
	problems, bodyErr := decodeForService(r, &in, false)
	var v schakel.Validation
	v.Given(problems)
	li := signals.LetterInput{Organisation: in.Organisation, Subject: in.Subject}
	for _, d := range []struct {
		field, value string
		into         *calendar.Date
	}{{"van", in.From, &li.From}, {"tot", in.To, &li.To}} {
		if d.value == "" {
			continue // the service names a missing day
		}
		date, err := calendar.ParseDate(d.value)
		addCalendarError(&v, d.field, err)
		*d.into = date
	}
	li.Problems = v.Fields()
	return li, bodyErr
}

// DraftLetter serves POST /api/v1/knelpuntenbrieven/concepten: the
// knelpuntenbrief the board would send for the period, without sending it.
func (h *Handler) DraftLetter(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	li, bodyErr := decodeLetter(r)
	d, err := h.Signals.DraftLetter(ctx, auth.UserFrom(ctx), li)
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	codes := h.orgCodes()
	l, err := h.letter(ctx, codes, d.Letter)
	if err != nil {
		return err
	}
	out := LetterDraft{Reference: l.Reference, Date: l.Date, Subject: l.Subject, Organisation: l.Organisation, Ministry: l.Ministry,
		Period: Period{From: li.From.String(), To: li.To.String()}, KnelpuntIDs: l.KnelpuntIDs, SHA256: l.SHA256}
	if out.Knelpunten, err = convert(d.Knelpunten, func(k *schakel.Knelpunt) (KnelpuntSummary, error) { return knelpuntSummary(ctx, codes, k) }); err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// SendLetter serves POST /api/v1/knelpuntenbrieven: the board sends the
// knelpunten it adopted in the period to its principal ministry, where
// each is put as a request for account. Answers 201 with the letter.
func (h *Handler) SendLetter(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	li, bodyErr := decodeLetter(r)
	sent, err := h.Signals.SendLetter(ctx, auth.UserFrom(ctx), li)
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	l, err := h.letter(ctx, h.orgCodes(), sent)
	if err != nil {
		return err
	}
	w.Header().Set("Location", lettersPath+"/"+strconv.FormatInt(l.ID, 10))
	respond.JSON(w, http.StatusCreated, l)
	return nil
}

// ListLetters serves GET /api/v1/knelpuntenbrieven: the sent letters,
// newest first, which are public. Filters: organisatie (the sender) and
// ministerie (the addressee), each a code.
func (h *Handler) ListLetters(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "organisatie", "ministerie", "pagina", "paginaGrootte")
	codes := h.orgCodes()
	var f schakel.LetterFilter
	var err error
	if f.OrganisationID, err = h.queryOrganisation(ctx, q, codes, "organisatie", false); err != nil {
		return err
	}
	if f.MinistryID, err = h.queryOrganisation(ctx, q, codes, "ministerie", false); err != nil {
		return err
	}
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	if err := v.Err(); err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	ls, total, err := h.Signals.Letters(ctx, f)
	if err != nil {
		return err
	}
	results, err := convert(ls, func(l *schakel.Letter) (Letter, error) { return h.letter(ctx, codes, l) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, LetterPage{Results: results, Total: total, Page: page, PageSize: size})
	return nil
}

// GetLetter serves GET /api/v1/knelpuntenbrieven/{id}: a sent letter with
// its knelpunten and the answers of each rung from the ministry on.
func (h *Handler) GetLetter(w http.ResponseWriter, r *http.Request) error {
	if err := h.signalsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	id, err := pathID(r, "Knelpuntenbrief")
	if err != nil {
		return err
	}
	lv, err := h.Signals.Letter(ctx, auth.UserFrom(ctx), id)
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	codes.add(lv.Sender)
	codes.add(lv.Ministry)
	l, err := h.letter(ctx, codes, lv.Letter)
	if err != nil {
		return err
	}
	out := LetterDetail{Letter: l}
	if out.Knelpunten, err = convert(lv.Knelpunten, func(v *signals.View) (KnelpuntDetail, error) { return knelpuntDetail(ctx, codes, v) }); err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// letter converts a letter, sent or drafted, without its documents and
// without who sent it.
func (h *Handler) letter(ctx context.Context, codes *orgCodes, l *schakel.Letter) (Letter, error) {
	org, err := codes.code(ctx, l.OrganisationID)
	if err != nil {
		return Letter{}, err
	}
	ministry, err := codes.code(ctx, l.MinistryID)
	if err != nil {
		return Letter{}, err
	}
	cal := h.Calendar
	if cal == nil {
		cal = calendar.New()
	}
	out := Letter{ID: l.ID, Reference: l.Reference, Date: l.Date.String(), Subject: l.Subject, Organisation: org, Ministry: ministry,
		KnelpuntIDs: l.KnelpuntIDs, SHA256: LetterDigests{HTML: l.HTMLSHA256, PDF: l.PDFSHA256}, SentAt: optionalTime(l.SentAt)}
	if out.KnelpuntIDs == nil {
		out.KnelpuntIDs = []int64{}
	}
	// The period is kept as instants: from the start of its first day up
	// to the end of its last, in the Netherlands.
	if !l.PeriodFrom.IsZero() && !l.PeriodTo.IsZero() {
		out.Period = Period{From: cal.Today(l.PeriodFrom).String(), To: cal.Today(l.PeriodTo).AddDays(-1).String()}
	}
	if l.ID != 0 {
		base := "/knelpuntenbrieven/" + strconv.FormatInt(l.ID, 10)
		out.Documents = LetterDocuments{HTML: base + "/brief.html", PDF: base + "/brief.pdf"}
	}
	return out, nil
}

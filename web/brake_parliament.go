package web

import (
	"net/http"
	"time"

	"github.com/schakel-nl/schakel"
)

// parliamentData is the Data of /parlement.
type parliamentData struct {
	Items []parliamentItem
}

// parliamentItem is an assignment returned by an organisation that its
// minister answered, with the minister's answers: the one text of a brake
// that is public (PRODUCT.md C2: published to parliament). The board's own
// texts — subject, the assignment, its grounds — stay with the organisation
// and the ministry, as the form promises; the principles cited are shown.
type parliamentItem struct {
	ID         int64
	From       string // the organisation that returned the assignment
	To         string // the ministry it went back to
	Principles []groundView
	At         time.Time
	State      schakel.RequestState
	Missed     bool
	Answers    []answerView // the answers of the minister's rung
}

// maxParliamentBrakes bounds how many organisation brakes the view reads;
// the referral budget keeps them few.
const maxParliamentBrakes = 2000

// ParliamentView lists the assignments organisations returned to their
// ministry that the minister answered, with the answer (what changes by
// when, or the motivation per principle), the dates and whether deadlines
// were missed; GET /parlement. It is public.
func (h *Handler) ParliamentView(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	rv, err := h.openRegister(r, "Teruggegeven opdrachten", "noodremmen")
	if err != nil {
		return err
	}
	ctx, pg, orgs, principleName := r.Context(), rv.pg, rv.orgs, rv.principleName
	addressee := func(a schakel.Addressee) string { return pg.T("%s, %s", orgs.Name(a.OrganisationID), pg.Role(a.Role)) }
	var d parliamentData
	for offset := 0; offset < maxParliamentBrakes; {
		bs, events, total, err := h.Brakes.RegisterWithEvents(ctx, schakel.BrakeFilter{Level: schakel.LevelOrganisation, Offset: offset, Limit: 100})
		if err != nil {
			return err
		}
		for _, b := range bs {
			if item, ok := h.parliamentItem(pg, orgs, principleName, addressee, b, events[b.RequestID]); ok {
				d.Items = append(d.Items, item)
			}
		}
		offset += len(bs)
		if len(bs) == 0 || offset >= total {
			break
		}
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "brake_parliament", pg)
	return nil
}

// parliamentItem returns the view of an organisation's brake and whether
// its minister answered it.
func (h *Handler) parliamentItem(pg *page, orgs orgIndex, principleName func(string) string, addressee func(schakel.Addressee) string,
	b *schakel.Brake, evs []*schakel.Event) (parliamentItem, bool) {
	req := b.Request
	item := parliamentItem{ID: b.RequestID, From: orgs.Name(req.Requester.OrganisationID),
		At: req.CreatedAt, State: req.State, Missed: schakel.BrakeDeadlineMissed(req)}
	if len(req.Ladder) > 0 {
		item.To = orgs.Name(req.Ladder[0].OrganisationID)
	}
	for _, g := range req.Grounds {
		item.Principles = append(item.Principles, groundView{Code: g.Principle, Name: principleName(g.Principle)})
	}
	for _, ev := range evs {
		if ev.Type != schakel.EventAnswered || ev.Rung < 0 || ev.Rung >= len(req.Ladder) || req.Ladder[ev.Rung].Role != schakel.RoleMinister {
			continue
		}
		item.Answers = append(item.Answers, answerView{Seq: ev.Seq, At: ev.At, By: addressee(req.Ladder[ev.Rung]), Kind: ev.Data.Answer, Late: ev.Data.Late,
			Changes: ev.Data.Changes, ByWhen: ev.Data.ByWhen, Reasons: motivations(req, ev.Data.Motivations, principleName)})
	}
	return item, len(item.Answers) > 0
}

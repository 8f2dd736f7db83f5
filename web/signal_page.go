package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
)

// signalPageData is the Data of a signal's page.
type signalPageData struct {
	S            *schakel.Signal
	Organisation string
	Rules        []ruleView
	Conflicts    []groundView
	Evidence     []linkView
	// Knelpunt is the knelpunt the signal is part of, or nil while raised.
	Knelpunt *schakel.Knelpunt
	FiledBy  string
	Events   []signalEventView
	// CanComplete: the signal is raised and the viewer may file it.
	CanComplete bool
}

// linkView is a titled link.
type linkView struct {
	Label, URL string
}

// signalEventView is one step in a signal's history, in words.
type signalEventView struct {
	At       time.Time
	Title    string
	By       string
	From, To int64 // the knelpunten it left and joined, or 0
}

// SignalPage shows a signal with its history to the members of its
// organisation; GET /signalen/{id}. Everyone else gets 404.
func (h *Handler) SignalPage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	id, ok := pathID(r)
	if !ok {
		return errNoPage
	}
	pg := h.newPage(r, "Signaal")
	pg.Nav = "knelpunten"
	ctx := r.Context()
	sig, evs, err := h.Signals.Signal(ctx, pg.User, id)
	if err != nil {
		return err
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	name, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	var ids []int64
	for _, id := range append([]int64{sig.FiledBy}, eventUsers(evs)...) {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	names, err := h.userNames(ctx, pg, ids)
	if err != nil {
		return err
	}
	d := signalPageData{S: sig, Organisation: orgs.Name(sig.OrganisationID), Rules: caseRuleViews(pg, sig.Refs()), FiledBy: names[sig.FiledBy],
		CanComplete: sig.State == schakel.SignalRaised && authz.Can(pg.User, authz.FileSignal, sig.OrganisationID) == nil}
	for _, c := range sig.Conflicts {
		d.Conflicts = append(d.Conflicts, groundView{Code: c.Principle, Name: name(c.Principle), Text: c.Text})
	}
	for _, e := range sig.Evidence {
		switch e.Kind {
		case schakel.EvidenceCase:
			d.Evidence = append(d.Evidence, linkView{Label: pg.T("Casus %d", e.ID), URL: casePath(e.ID)})
		case schakel.EvidenceBrake:
			d.Evidence = append(d.Evidence, linkView{Label: pg.T("Noodrem %d", e.ID), URL: requestURL(e.ID)})
		}
	}
	if sig.KnelpuntID != 0 {
		v, err := h.Signals.Get(ctx, pg.User, sig.KnelpuntID)
		if err != nil {
			return err
		}
		d.Knelpunt = v.Knelpunt
	}
	for _, ev := range evs {
		v := signalEventView{At: ev.At, Title: pg.T(signalEventTitles[ev.Type]), By: names[ev.By], From: ev.From, To: ev.To}
		if _, ok := signalEventTitles[ev.Type]; !ok {
			v.Title = string(ev.Type)
		}
		if ev.By == 0 {
			v.By = pg.T("schakel (automatisch)")
		}
		d.Events = append(d.Events, v)
	}
	pg.Title = sig.Title
	pg.Data = d
	h.render(w, r, http.StatusOK, "signal", pg)
	return nil
}

// eventUsers are the users who did the steps of a signal's history.
func eventUsers(evs []*schakel.SignalEvent) []int64 {
	out := make([]int64, 0, len(evs))
	for _, ev := range evs {
		out = append(out, ev.By)
	}
	return out
}

// pathID reads the positive id of the path's {id}.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

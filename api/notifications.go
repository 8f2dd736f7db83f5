package api

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/respond"
)

// The endpoints of an organisation's webhooks and of the notification
// queue. Notifications go to the addressees of requests only; operators see
// the queue, with the attempts and errors of each message, and may send a
// given-up one again.

// Webhook is an endpoint of an organisation that receives its
// notifications. The secret is shown once, when the webhook is made.
type Webhook struct {
	ID           int64  `json:"id"`
	Organisation string `json:"organisatie"`
	URL          string `json:"url"`
	CreatedAt    string `json:"aangemaaktOp"`
	RetiredAt    string `json:"ingetrokkenOp,omitempty"`
	Secret       string `json:"geheim,omitempty"`
}

// Notification is one queued message, for operators.
type Notification struct {
	ID            int64  `json:"id"`
	Request       int64  `json:"verzoek"`
	Seq           int    `json:"volgnummer"`
	Event         string `json:"gebeurtenis"`
	Channel       string `json:"kanaal"`
	Organisation  string `json:"organisatie"`
	State         string `json:"status"`
	Attempts      int    `json:"pogingen"`
	NextAttemptAt string `json:"volgendePoging,omitempty"`
	LastError     string `json:"laatsteFout,omitempty"`
	CreatedAt     string `json:"aangemaaktOp"`
	DeliveredAt   string `json:"afgeleverdOp,omitempty"`
	GivenUpAt     string `json:"opgegevenOp,omitempty"`
}

// NotificationPage is one page of the queue.
type NotificationPage struct {
	Results  []Notification `json:"resultaten"`
	Total    int            `json:"totaal"`
	Page     int            `json:"pagina"`
	PageSize int            `json:"paginaGrootte"`
}

type webhookInput struct {
	URL string `json:"url"`
}

func webhookJSON(w *schakel.Webhook, org string) Webhook {
	out := Webhook{ID: w.ID, Organisation: org, URL: w.URL, CreatedAt: timestamp(w.CreatedAt)}
	if !w.RetiredAt.IsZero() {
		out.RetiredAt = timestamp(w.RetiredAt)
	}
	return out
}

// noticesAvailable is ENOTFOUND when the server has no notification
// service, which the endpoints of webhooks and of the queue (what: "Webhooks"
// or "Berichten") answer before anything else.
func (h *Handler) noticesAvailable(what string) error {
	if h.Notices == nil {
		return schakel.Errorf(schakel.ENOTFOUND, "%s zijn op deze server niet beschikbaar.", what)
	}
	return nil
}

// ListWebhooks serves GET /api/v1/organisaties/{code}/webhooks, for the
// organisation's administrators.
func (h *Handler) ListWebhooks(w http.ResponseWriter, r *http.Request) error {
	if err := h.noticesAvailable("Webhooks"); err != nil {
		return err
	}
	ctx := r.Context()
	org, ws, err := h.Notices.Webhooks(ctx, auth.UserFrom(ctx), r.PathValue("code"))
	if err != nil {
		return err
	}
	out := struct {
		Results []Webhook `json:"resultaten"`
	}{Results: make([]Webhook, 0, len(ws))}
	for _, wh := range ws {
		out.Results = append(out.Results, webhookJSON(wh, org.Code))
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// CreateWebhook serves POST /api/v1/organisaties/{code}/webhooks. schakel
// makes the signing secret (256 bits) and shows it in this answer only.
// Who may not manage the organisation's webhooks hears so before anything
// about the body.
func (h *Handler) CreateWebhook(w http.ResponseWriter, r *http.Request) error {
	if err := h.noticesAvailable("Webhooks"); err != nil {
		return err
	}
	ctx := r.Context()
	var in webhookInput
	problems, bodyErr := decodeForService(r, &in, false)
	org, wh, err := h.Notices.CreateWebhook(ctx, auth.UserFrom(ctx), r.PathValue("code"), notifications.WebhookInput{URL: in.URL, Problems: problems})
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	out := webhookJSON(wh, org.Code)
	out.Secret = wh.Secret
	w.Header().Set("Location", "/api/v1/organisaties/"+org.Code+"/webhooks/"+strconv.FormatInt(wh.ID, 10))
	respond.JSON(w, http.StatusCreated, out)
	return nil
}

// RetireWebhook serves DELETE /api/v1/organisaties/{code}/webhooks/{id}: the
// webhook receives nothing new; it stays on record.
func (h *Handler) RetireWebhook(w http.ResponseWriter, r *http.Request) error {
	if err := h.noticesAvailable("Webhooks"); err != nil {
		return err
	}
	ctx := r.Context()
	u, code := auth.UserFrom(ctx), r.PathValue("code")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		// Who may not manage the webhooks hears that first.
		if _, err := h.Notices.WebhookOrganisation(ctx, u, code); err != nil {
			return err
		}
		return schakel.Errorf(schakel.ENOTFOUND, "Webhook %q bestaat niet.", r.PathValue("id"))
	}
	if err := h.Notices.RetireWebhook(ctx, u, code, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ListNotifications serves GET /api/v1/meldingen: the notification queue
// of the organisations the user administers, newest first. Filters: status (wachtend, afgeleverd,
// opgegeven) and verzoek. Recipients' addresses are not shown.
func (h *Handler) ListNotifications(w http.ResponseWriter, r *http.Request) error {
	if err := h.noticesAvailable("Berichten"); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	// Who may not see the queue hears that before anything about the query.
	if err := h.Notices.MayOperate(u); err != nil {
		return err
	}
	f, page, size, err := paged(r, func(q url.Values) (schakel.NotificationFilter, error) { return notifications.QueueFilter(q) }, "status", "verzoek")
	if err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	ns, total, err := h.Notices.Queue(ctx, u, f)
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	out := NotificationPage{Results: make([]Notification, 0, len(ns)), Total: total, Page: page, PageSize: size}
	for _, n := range ns {
		org, err := codes.code(ctx, n.OrganisationID)
		if err != nil {
			return err
		}
		j := Notification{ID: n.ID, Request: n.RequestID, Seq: n.Seq, Event: string(n.EventType), Channel: string(n.Channel), Organisation: org,
			State: string(n.State()), Attempts: n.Attempts, LastError: n.LastError, CreatedAt: timestamp(n.CreatedAt)}
		if !n.NextAttemptAt.IsZero() && n.State() == schakel.NotificationPending {
			j.NextAttemptAt = timestamp(n.NextAttemptAt)
		}
		if !n.DeliveredAt.IsZero() {
			j.DeliveredAt = timestamp(n.DeliveredAt)
		}
		if !n.GivenUpAt.IsZero() {
			j.GivenUpAt = timestamp(n.GivenUpAt)
		}
		out.Results = append(out.Results, j)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// RetryNotification serves POST /api/v1/meldingen/{id}/herhalingen: send a
// given-up notification again, now. Another organisation's notification is
// not there for this user.
func (h *Handler) RetryNotification(w http.ResponseWriter, r *http.Request) error {
	if err := h.noticesAvailable("Berichten"); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		// Who may not see the queue hears that first.
		if err := h.Notices.MayOperate(u); err != nil {
			return err
		}
		return schakel.Errorf(schakel.ENOTFOUND, "Bericht %q bestaat niet.", r.PathValue("id"))
	}
	if err := h.Notices.Retry(ctx, u, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

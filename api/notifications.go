package api

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/notify"
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

// webhookOrg returns the organisation of the path when the user may manage
// its webhooks.
func (h *Handler) webhookOrg(r *http.Request) (*schakel.Organisation, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om webhooks te beheren.")
	}
	if h.Notifications == nil {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Webhooks zijn op deze server niet beschikbaar.")
	}
	org, err := h.Organisations.OrganisationByCode(ctx, r.PathValue("code"))
	if err != nil {
		return nil, err
	}
	if err := authz.Can(u, authz.ManageWebhooks, org.ID); err != nil {
		return nil, err
	}
	return org, nil
}

// ListWebhooks serves GET /api/v1/organisaties/{code}/webhooks, for the
// organisation's administrators.
func (h *Handler) ListWebhooks(w http.ResponseWriter, r *http.Request) error {
	org, err := h.webhookOrg(r)
	if err != nil {
		return err
	}
	ws, err := h.Notifications.Webhooks(r.Context(), org.ID)
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
func (h *Handler) CreateWebhook(w http.ResponseWriter, r *http.Request) error {
	org, err := h.webhookOrg(r)
	if err != nil {
		return err
	}
	var in webhookInput
	var v schakel.Validation
	if err := decode(r, &in, &v); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := notify.ValidateWebhookURL(in.URL); err != nil {
		return err
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return err
	}
	wh := &schakel.Webhook{OrganisationID: org.ID, URL: in.URL, Secret: hex.EncodeToString(secret), CreatedAt: h.now()}
	if err := h.Notifications.CreateWebhook(r.Context(), wh); err != nil {
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
	org, err := h.webhookOrg(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Webhook %q bestaat niet.", r.PathValue("id"))
	}
	wh, err := h.Notifications.Webhook(r.Context(), id)
	if err == nil && wh.OrganisationID != org.ID {
		err = schakel.Errorf(schakel.ENOTFOUND, "Webhook %d bestaat niet.", id)
	}
	if err == nil {
		err = h.Notifications.RetireWebhook(r.Context(), id, h.now())
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// operator returns the organisations whose notification queue the user
// operates: those they administer.
func (h *Handler) operator(r *http.Request) ([]int64, error) {
	u := auth.UserFrom(r.Context())
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om de berichten te zien.")
	}
	if err := authz.Can(u, authz.OperateNotifications, 0); err != nil {
		return nil, err
	}
	if h.Notifications == nil {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Berichten zijn op deze server niet beschikbaar.")
	}
	return authz.Organisations(u, authz.OperateNotifications), nil
}

// ListNotifications serves GET /api/v1/meldingen: the notification queue
// of the organisations the user administers, newest first. Filters: status (wachtend, afgeleverd,
// opgegeven) and verzoek. Recipients' addresses are not shown.
func (h *Handler) ListNotifications(w http.ResponseWriter, r *http.Request) error {
	orgs, err := h.operator(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "status", "verzoek", "pagina", "paginaGrootte")
	f := schakel.NotificationFilter{Organisations: orgs}
	if s, ok := q.get("status"); ok {
		switch st := schakel.NotificationState(s); st {
		case schakel.NotificationPending, schakel.NotificationDelivered, schakel.NotificationGivenUp:
			f.State = st
		default:
			v.Add("status", "enum", "Kies een van: %s.", "wachtend, afgeleverd, opgegeven")
		}
	}
	f.RequestID = int64(q.int("verzoek", 0, 1, 1<<31-1))
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	if err := v.Err(); err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	ns, total, err := h.Notifications.Notifications(ctx, f)
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
// given-up notification again, now.
func (h *Handler) RetryNotification(w http.ResponseWriter, r *http.Request) error {
	orgs, err := h.operator(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Bericht %q bestaat niet.", r.PathValue("id"))
	}
	// Another organisation's notification is not there for this user.
	if ns, _, err := h.Notifications.Notifications(r.Context(), schakel.NotificationFilter{ID: id, Organisations: orgs, Limit: 1}); err != nil || len(ns) == 0 {
		if err == nil {
			err = schakel.Errorf(schakel.ENOTFOUND, "Bericht %d bestaat niet.", id)
		}
		return err
	}
	if err := h.Notifications.RetryNotification(r.Context(), id, h.now()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

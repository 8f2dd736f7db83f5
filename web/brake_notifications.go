package web

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/notify"
)

// The operators' page of notifications: what was queued, delivered or given
// up, with a button to try a given-up one again. Operators hold the admin
// role; they see the channel and the organisation of each message, never a
// whole e-mail address.

// notificationFields is the filter of the operators' page, by the name of
// the API's query.
var notificationFields = []fieldSpec{
	{Name: "status", Label: "Toestand", Kind: kindSelect},
}

// notificationStateNames are the states of a notification in words.
var notificationStateNames = map[schakel.NotificationState]string{
	schakel.NotificationPending:   "wachtend",
	schakel.NotificationDelivered: "afgeleverd",
	schakel.NotificationGivenUp:   "opgegeven",
}

// channelNames are the channels in words.
var channelNames = map[schakel.Channel]string{
	schakel.ChannelEmail:   "e-mail",
	schakel.ChannelWebhook: "webhook",
}

// notificationsPerPage is the page size of the operators' page.
const notificationsPerPage = 50

// notificationsData is the Data of the operators' page.
type notificationsData struct {
	Rows     []notificationRow
	Total    int
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	Done     string // the message after a retry, translated
	Conflict string // why a retry was refused, translated
	Invalid  bool   // the filter was invalid: no notifications are shown
	// Filter is the queue's filter form.
	Filter *form
	// Channels are the organisations' addresses, webhooks and test
	// messages.
	Channels channelsData
}

// notificationRow is one notification as an operator sees it.
type notificationRow struct {
	N            *schakel.Notification
	State        schakel.NotificationState
	Organisation string
	Target       string // masked
	LastError    string // with e-mail addresses masked
}

// NotificationState returns the name of a notification's state.
func (pg *page) NotificationState(s schakel.NotificationState) string {
	if k, ok := notificationStateNames[s]; ok {
		return pg.T(k)
	}
	return string(s)
}

// Channel returns the name of a channel.
func (pg *page) Channel(c schakel.Channel) string {
	if k, ok := channelNames[c]; ok {
		return pg.T(k)
	}
	return string(c)
}

// emailPattern finds e-mail addresses in error texts, to mask them.
var emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+`)

// maskEmail keeps the first character of the local part and the domain:
// fatima@uwv.nl becomes f***@uwv.nl.
func maskEmail(addr string) string {
	local, domain, ok := strings.Cut(addr, "@")
	if !ok || local == "" {
		return "***"
	}
	first := []rune(local)[0]
	return string(first) + "***@" + domain
}

// maskTarget shows a notification's recipient without its personal part:
// an e-mail address masked, a webhook by its scheme and host.
func maskTarget(n *schakel.Notification) string {
	if n.Channel == schakel.ChannelWebhook {
		if u, err := url.Parse(n.Target); err == nil && u.Host != "" {
			return u.Scheme + "://" + u.Host + "/…"
		}
		return "…"
	}
	return maskEmail(n.Target)
}

// deliveryFailures are notify's classes of a failed webhook delivery:
// stored in Dutch, translated on the page. Any other reason is shown as it
// was stored, masked.
var deliveryFailures = []string{notify.FailNotAllowed, notify.FailNoName, notify.FailTimeout, notify.FailTLS, notify.FailNoConnect, notify.FailInvalidURL}

// failureText shows the reason a delivery failed.
func failureText(pg *page, s string) string {
	if slices.Contains(deliveryFailures, s) {
		return pg.T(s)
	}
	return maskErrorText(s)
}

// maskErrorText masks every e-mail address in an error text and cuts it
// short.
func maskErrorText(s string) string {
	s = emailPattern.ReplaceAllStringFunc(s, maskEmail)
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

// NotificationsPage lists the notifications for operators, newest first,
// filtered by state, with a retry button for given-up ones; GET
// /beheer/meldingen?status=&pagina=.
func (h *Handler) NotificationsPage(w http.ResponseWriter, r *http.Request) error {
	if redirectFormer(w, r, formerNotificationQuery) {
		return nil
	}
	return h.renderNotifications(w, r, http.StatusOK, nil)
}

// RetryNotification makes a given-up notification due again; POST
// /beheer/meldingen/{id}/opnieuw.
func (h *Handler) RetryNotification(w http.ResponseWriter, r *http.Request) error {
	if h.Notices == nil {
		return errNoPage
	}
	u := auth.UserFrom(r.Context())
	// Who may not see the queue hears that before anything about the id.
	if err := h.Notices.MayOperate(u); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNoPage
	}
	err = h.Notices.Retry(r.Context(), u, id)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/beheer/meldingen?gedaan=opnieuw", http.StatusSeeOther)
	case schakel.ECONFLICT:
		return h.renderNotifications(w, r, http.StatusConflict, err)
	default:
		return err
	}
	return nil
}

// renderNotifications renders the operators' page; refused is the error of
// a retry that was refused.
func (h *Handler) renderNotifications(w http.ResponseWriter, r *http.Request, status int, refused error) error {
	return h.renderNotificationsWith(w, r, status, refused, channelState{})
}

// renderNotificationsWith renders the operators' page with what a post on
// the channels left: a failed form or a new webhook's secret.
func (h *Handler) renderNotificationsWith(w http.ResponseWriter, r *http.Request, status int, refused error, cs channelState) error {
	if h.Notices == nil {
		return errNoPage
	}
	pg := h.newPage(r, "Meldingen")
	pg.Nav = "meldingen"
	if err := h.Notices.MayOperate(pg.User); err != nil {
		return err
	}
	q := r.URL.Query()
	values, num := filterValues(q, notificationFields), pageNumber(q)
	pg.Form = notificationsForm(pg, values)
	channels, errForm, err := h.loadChannels(r, pg, cs.org, cs.form, cs.values, cs.err)
	if err != nil {
		return err
	}
	channels.Secret = cs.secret
	channels.Token = h.formToken(cs.values)
	filter := pg.Form
	if errForm != nil {
		pg.Form = errForm
	}
	flt, err := notifications.QueueFilter(values)
	if err != nil {
		pg.Form.AddFieldErrors(err, "status")
		pg.Data = notificationsData{Page: num, Invalid: true, Filter: filter, Channels: channels}
		h.render(w, r, http.StatusBadRequest, "brake_notifications", pg)
		return nil
	}
	flt.Offset, flt.Limit = (num-1)*notificationsPerPage, notificationsPerPage
	ns, total, err := h.Notices.Queue(r.Context(), pg.User, flt)
	if err != nil {
		return err
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	d := notificationsData{Total: total, Page: num, Pages: max(1, (total+notificationsPerPage-1)/notificationsPerPage), Filter: filter, Channels: channels}
	for _, n := range ns {
		d.Rows = append(d.Rows, notificationRow{N: n, State: n.State(), Organisation: orgs.Name(n.OrganisationID), Target: maskTarget(n), LastError: failureText(pg, n.LastError)})
	}
	d.PrevURL, d.NextURL = pageLinks("/beheer/meldingen", values, num, d.Pages)
	if refused == nil && cs.err == nil {
		switch q.Get("gedaan") {
		case "opnieuw":
			d.Done = pg.T("Het bericht wordt opnieuw verstuurd.")
		case "adres":
			d.Done = pg.T("Het adres is toegevoegd.")
		case "ingetrokken":
			d.Done = pg.T("Ingetrokken: er gaat niets nieuws meer heen.")
		}
	}
	if refused != nil {
		d.Conflict = pg.T("Dit bericht is niet opgegeven; alleen een opgegeven bericht kan opnieuw worden verstuurd.")
	}
	pg.Data = d
	h.render(w, r, status, "brake_notifications", pg)
	return nil
}

// notificationsForm is the filter form of the operators' page with values.
func notificationsForm(pg *page, values url.Values) *form {
	f := newForm(pg.translator, notificationFields, values)
	states := []option{{Value: "", Label: pg.T("Alle toestanden")}}
	for _, s := range notifications.States {
		states = append(states, option{Value: string(s), Label: pg.NotificationState(s)})
	}
	f.SetOptions("status", states)
	return f
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/notifications"
)

// The channels part of /beheer/meldingen: per organisation the
// administrator manages, its e-mail addresses and webhooks (a webhook's
// signing secret is shown once, on the page that answers its creation), a
// test send to one of them with its outcome, and the history of test
// messages. Every form posts and is answered with a redirect (or, for a
// new webhook, with the page that shows the secret), so a reload never
// sends twice.

// maxTests is how many test messages the history shows.
const maxTests = 20

// channelSection is one organisation's channels on the page.
type channelSection struct {
	Org       *schakel.Organisation
	Addresses []*schakel.NotificationAddress
	Webhooks  []*schakel.Webhook
	// AddressForm, WebhookForm and TestForm are the organisation's forms;
	// their element ids carry the organisation's code.
	AddressForm, WebhookForm, TestForm *form
	// Active is whether any channel can receive a test.
	Active bool
}

// testRow is a test message as the history shows it.
type testRow struct {
	T            *schakel.NotificationTest
	Organisation string
	Target       string // masked
	Error        string // masked
}

// newSecret is a webhook just created, with its secret shown this once.
type newSecret struct {
	Organisation string
	URL          string
	Secret       string
}

// channelsData is what the channels part of the page shows.
type channelsData struct {
	Sections []channelSection
	Tests    []testRow
	// Result is the test message just sent, or nil.
	Result *testRow
	Secret *newSecret
	// Token is the one-time token of the webhook forms, so a reload of
	// a new webhook's page makes no second webhook.
	Token string
}

// channel form fields, per organisation.
var (
	addressFields = []fieldSpec{{Name: "email", Label: "E-mailadres", Description: "Bijvoorbeeld het gedeelde postvak van een team. Het krijgt elk nieuw verzoek, elke herinnering en elke escalatie aan uw organisatie.", Required: true, Autocomplete: "off"}}
	webhookFields = []fieldSpec{{Name: "url", Label: "URL van de webhook", Description: "Een volledige http- of https-URL. Elk bericht wordt ondertekend met een geheim dat u één keer te zien krijgt.", Required: true, Autocomplete: "off"}}
	testFields    = []fieldSpec{{Name: "kanaal", Label: "Stuur een proefbericht naar", Kind: kindSelect, Required: true}}
)

// channelForms fills the section's forms; failed names the form of a
// failed post with its values and error.
func channelForms(pg *page, sec *channelSection, failed string, values url.Values, formErr error) {
	prefix := "org-" + sec.Org.Code + "-"
	mk := func(name string, specs []fieldSpec) *form {
		var v url.Values
		if name == failed {
			v = values
		}
		f := newForm(pg.translator, specs, v).withPrefix(prefix + name + "-")
		if name == failed && formErr != nil && !f.AddFieldErrors(formErr, specs[0].Name) {
			f.AddError(specs[0].Name, pg.ErrorMessage(formErr))
		}
		return f
	}
	sec.AddressForm, sec.WebhookForm, sec.TestForm = mk("adres", addressFields), mk("webhook", webhookFields), mk("proef", testFields)
	opts := []option{{Value: "", Label: pg.T("Kies een adres of webhook")}}
	for _, a := range sec.Addresses {
		if a.RetiredAt.IsZero() {
			opts = append(opts, option{Value: "email:" + strconv.FormatInt(a.ID, 10), Label: pg.T("e-mail") + ": " + a.Email})
		}
	}
	for _, w := range sec.Webhooks {
		if w.RetiredAt.IsZero() {
			opts = append(opts, option{Value: "webhook:" + strconv.FormatInt(w.ID, 10), Label: pg.T("webhook %d", w.ID) + ": " + pg.WebhookURL(w.URL)})
		}
	}
	sec.Active = len(opts) > 1
	sec.TestForm.SetOptions("kanaal", opts)
}

// loadChannels reads the channels of every organisation u administers and
// the history of test messages; failedOrg and failedForm name the form of
// a failed post. It returns the form with the error, for the summary.
func (h *Handler) loadChannels(r *http.Request, pg *page, failedOrg, failedForm string, values url.Values, formErr error) (channelsData, *form, error) {
	var d channelsData
	var errForm *form
	orgs, err := h.Notices.Administered(r.Context(), pg.User)
	if err != nil {
		return d, nil, err
	}
	for _, org := range orgs {
		sec := channelSection{Org: org}
		if _, sec.Webhooks, err = h.Notices.Webhooks(r.Context(), pg.User, org.Code); err != nil {
			return d, nil, err
		}
		if sec.Addresses, err = h.Notices.Addresses(r.Context(), pg.User, org.Code); err != nil {
			return d, nil, err
		}
		failed := ""
		if org.Code == failedOrg {
			failed = failedForm
		}
		channelForms(pg, &sec, failed, values, formErr)
		switch failed {
		case "adres":
			errForm = sec.AddressForm
		case "webhook":
			errForm = sec.WebhookForm
		case "proef":
			errForm = sec.TestForm
		}
		d.Sections = append(d.Sections, sec)
	}
	tests, err := h.Notices.Tests(r.Context(), pg.User, maxTests)
	if err != nil {
		return d, nil, err
	}
	names := map[int64]string{}
	for _, org := range orgs {
		names[org.ID] = org.Name
	}
	shown, _ := strconv.ParseInt(r.URL.Query().Get("proef"), 10, 64)
	for _, t := range tests {
		row := testRow{T: t, Organisation: names[t.OrganisationID], Target: maskTestTarget(t), Error: failureText(pg, t.Error)}
		d.Tests = append(d.Tests, row)
		if t.ID == shown {
			d.Result = &row
		}
	}
	return d, errForm, nil
}

// maskTestTarget shows a test's recipient as the queue shows one.
func maskTestTarget(t *schakel.NotificationTest) string {
	return maskTarget(&schakel.Notification{Channel: t.Channel, Target: t.Target})
}

// channelPost runs one of the channel forms of organisation {code}: on
// success it redirects to the page with done; on EINVALID or ECONFLICT it
// shows the page again with the form's error.
func (h *Handler) channelPost(w http.ResponseWriter, r *http.Request, name string, run func(u *schakel.User, code string) (string, error)) error {
	if h.Notices == nil {
		return errNoPage
	}
	u := auth.UserFrom(r.Context())
	if err := h.Notices.MayOperate(u); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	code := r.PathValue("code")
	next, err := run(u, code)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	case schakel.EINVALID, schakel.ECONFLICT:
		status := http.StatusBadRequest
		if schakel.ErrorCode(err) == schakel.ECONFLICT {
			status = http.StatusConflict
		}
		return h.renderNotificationsWith(w, r, status, nil, channelState{org: code, form: name, values: r.PostForm, err: err})
	}
	return err
}

// AddNotificationAddress adds an e-mail address to an organisation's
// channels; POST /beheer/meldingen/{code}/adressen.
func (h *Handler) AddNotificationAddress(w http.ResponseWriter, r *http.Request) error {
	return h.channelPost(w, r, "adres", func(u *schakel.User, code string) (string, error) {
		_, err := h.Notices.AddAddress(r.Context(), u, code, r.PostForm.Get("email"), nil)
		return "/beheer/meldingen?gedaan=adres#kanalen-" + code, err
	})
}

// RetireNotificationAddress stops an address from receiving anything new;
// POST /beheer/meldingen/{code}/adressen/{id}/intrekking.
func (h *Handler) RetireNotificationAddress(w http.ResponseWriter, r *http.Request) error {
	return h.retireChannel(w, r, "adres", h.Notices.RetireAddress)
}

// RetireWebhookPage retires a webhook; POST
// /beheer/meldingen/{code}/webhooks/{id}/intrekking.
func (h *Handler) RetireWebhookPage(w http.ResponseWriter, r *http.Request) error {
	return h.retireChannel(w, r, "webhook", h.Notices.RetireWebhook)
}

// retireChannel retires the address or webhook {id} of the organisation
// {code} with retire, and goes back to the channels.
func (h *Handler) retireChannel(w http.ResponseWriter, r *http.Request, form string, retire func(context.Context, *schakel.User, string, int64) error) error {
	return h.channelPost(w, r, form, func(u *schakel.User, code string) (string, error) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			return "", errNoPage
		}
		return "/beheer/meldingen?gedaan=ingetrokken#kanalen-" + code, retire(r.Context(), u, code, id)
	})
}

// SendTestNotification sends a test message to a channel now and shows
// its outcome; POST /beheer/meldingen/{code}/proef with kanaal
// "email:{id}" or "webhook:{id}".
func (h *Handler) SendTestNotification(w http.ResponseWriter, r *http.Request) error {
	return h.channelPost(w, r, "proef", func(u *schakel.User, code string) (string, error) {
		kind, idText, _ := strings.Cut(r.PostForm.Get("kanaal"), ":")
		id, err := strconv.ParseInt(idText, 10, 64)
		if (kind != string(schakel.ChannelEmail) && kind != string(schakel.ChannelWebhook)) || err != nil || id <= 0 {
			var v schakel.Validation
			v.Add("kanaal", "required", "Kies een adres of webhook.")
			return "", v.Err()
		}
		t, err := h.Notices.SendTest(r.Context(), u, code, schakel.Channel(kind), id)
		if err != nil {
			return "", err
		}
		return "/beheer/meldingen?proef=" + strconv.FormatInt(t.ID, 10) + "#proefresultaat", nil
	})
}

// newWebhookPath shows a webhook just made, with its signing secret, to
// the browser that made it, for resultTTL.
const newWebhookPath = "/beheer/meldingen/nieuwe-webhook"

// newWebhookCookie carries the key of the new webhook's page, never the
// secret; only that page receives it.
var newWebhookCookie = resultCookie{Name: "nieuwe-webhook", Path: newWebhookPath}

// CreateWebhookPage registers a webhook and sends the browser to the page
// that shows its signing secret; POST /beheer/meldingen/{code}/webhooks.
// The secret never goes into a URL: the page finds it, in memory, by a
// cookie key. The form's one-time token makes a reload or double click
// go to the first webhook's page instead of making a second one.
func (h *Handler) CreateWebhookPage(w http.ResponseWriter, r *http.Request) error {
	if h.Notices == nil {
		return errNoPage
	}
	u := auth.UserFrom(r.Context())
	if err := h.Notices.MayOperate(u); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	code := r.PathValue("code")
	token, done, expired, err := h.claimForm(w, r, r.PostForm, newWebhookCookie, newWebhookPath)
	switch {
	case err != nil || done:
		return err
	case expired:
		return h.renderNotificationsWith(w, r, http.StatusBadRequest, nil, channelState{org: code, form: "webhook", values: r.PostForm, err: errFormExpired})
	}
	org, wh, err := h.Notices.CreateWebhook(r.Context(), u, code, notifications.WebhookInput{URL: strings.TrimSpace(r.PostForm.Get("url"))})
	if err != nil {
		h.tokens.release(token)
	}
	switch schakel.ErrorCode(err) {
	case "":
		now := h.Clock.Now()
		newWebhookCookie.set(w, r, h.tokens.finish(token, newSecret{Organisation: org.Name, URL: wh.URL, Secret: wh.Secret}, now))
		http.Redirect(w, r, newWebhookPath, http.StatusSeeOther)
		return nil
	case schakel.EINVALID:
		return h.renderNotificationsWith(w, r, http.StatusBadRequest, nil, channelState{org: code, form: "webhook", values: r.PostForm, err: err})
	}
	return err
}

// NewWebhookPage shows the webhook this browser just made, with its
// signing secret, for resultTTL; GET /beheer/meldingen/nieuwe-webhook.
// After that, or in another browser, it is the notifications page.
func (h *Handler) NewWebhookPage(w http.ResponseWriter, r *http.Request) error {
	if h.Notices == nil {
		return errNoPage
	}
	if err := h.Notices.MayOperate(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	v, ok := h.tokens.result(newWebhookCookie.view(r), h.Clock.Now())
	secret, isSecret := v.(newSecret)
	if !ok || !isSecret {
		http.Redirect(w, r, "/beheer/meldingen", http.StatusSeeOther)
		return nil
	}
	w.Header().Set("Cache-Control", "no-store")
	return h.renderNotificationsWith(w, r, http.StatusOK, nil, channelState{secret: &secret})
}

// channelState is what a post on the channels leaves for the page: the
// form that failed, or the secret of a new webhook.
type channelState struct {
	org, form string
	values    url.Values
	err       error
	secret    *newSecret
}

// WebhookURL shows a webhook's URL by its scheme and host only: its path
// or query may hold a token of the receiver.
func (pg *page) WebhookURL(u string) string {
	return maskTarget(&schakel.Notification{Channel: schakel.ChannelWebhook, Target: u})
}

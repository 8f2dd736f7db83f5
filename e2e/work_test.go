package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cases"
	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/notify"
	"github.com/schakel-nl/schakel/store"
)

// widths are the screen widths the work flows run at: a phone and a
// desktop.
var widths = []int64{375, 1280}

// sized sets a's viewport to width.
func (a *app) sized(width int64) {
	a.t.Helper()
	if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(width, 800)); err != nil {
		a.fatal("viewport %d: %v", width, err)
	}
}

// postvakCount reads the Postvak's count in the menu as a screen reader
// hears it (", 3 open, 1 nieuw"); 0, 0 without a badge.
func (a *app) postvakCount() (open, fresh int) {
	a.t.Helper()
	s := eval[string](a, `(document.querySelector('.main-nav a[href="/postvak"] .visually-hidden') || {textContent: ""}).textContent`)
	if s == "" {
		return 0, 0
	}
	if _, err := fmt.Sscanf(s, ", %d open, %d nieuw", &open, &fresh); err != nil {
		a.fatal("menu count %q: %v", s, err)
	}
	return open, fresh
}

// demoUser returns the demo user with subject, with memberships.
func demoUser(ctx context.Context, st *store.Store, subject string) (*schakel.User, error) {
	us, _, err := st.Users(ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		if u.Subject == subject {
			return st.User(ctx, u.ID)
		}
	}
	return nil, fmt.Errorf("no demo user %s", subject)
}

// TestWorkReachesCoordinator: the UWV coordinator's menu counts his open
// work; when a professional brings a new case, the count rises, the home
// page says so, and the Postvak lists the case marked new — once.
func TestWorkReachesCoordinator(t *testing.T) {
	t.Parallel()
	for _, width := range widths {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			var st *store.Store
			var srv *schakelapp.App
			a := newAppWith(t, func(_ context.Context, s *store.Store, app *schakelapp.App) error {
				st, srv = s, app
				return nil
			})
			a.sized(width)
			a.login("Jeroen Bakker")
			a.open("/")
			before, _ := a.postvakCount()
			a.wantText(".work-summary h2", "Uw werk")

			ctx := context.Background()
			prof, err := demoUser(ctx, st, "uwv-professional")
			if err != nil {
				t.Fatal(err)
			}
			const title = "Voorschot te laat, nu terugvordering"
			c, err := srv.Cases().Submit(ctx, prof, cases.SubmitInput{Organisation: "uwv", Title: title,
				Situation: "De klant kreeg een voorschot; UWV besliste te laat en vordert nu terug.", RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
				Intent: "Het voorschot overbrugt de tijd tot het besluit.", Harm: "De klant raakt in de schulden door onze fout.", Principles: []string{"evenredigheid"}})
			if err != nil {
				t.Fatal(err)
			}

			a.open("/")
			after, fresh := a.postvakCount()
			if after != before+1 || fresh < 1 {
				a.fatal("the menu counts %d open, %d new after a new case; %d before", after, fresh, before)
			}
			a.wantText(".work-summary__total", fmt.Sprintf("Er wacht %d op u", after))
			a.see(`.work-summary a[href="/postvak?soort=casus"]`)

			a.open("/postvak?soort=casus")
			row := fmt.Sprintf(`tr[data-kind="casus"][data-id="%d"]`, c.ID)
			a.wantText(row+" th", title, "nieuw")
			a.wantText(row, "Casus", "geen wettelijke termijn")
			// Seen now: no longer new, the count stays.
			a.open("/postvak")
			if n := eval[int](a, `document.querySelectorAll("tr.work-row--new").length`); n != 0 {
				a.fatal("%d rows still new after a visit", n)
			}
			if open, fresh := a.postvakCount(); open != after || fresh != 0 {
				a.fatal("after the visit the menu counts %d open, %d new", open, fresh)
			}
			a.clickOK(row + " th a")
			a.wantText("main h1", title)
			if width == widths[0] {
				// axe-core, at both widths, on the pages of this flow.
				for _, p := range []string{"/", "/postvak", "/postvak?soort=noodrem&sorteer=nieuwste", "/instellingen"} {
					a.checkAccessibility(p)
				}
			}
		})
	}
}

// signedHook is a webhook receiver that keeps what it got.
type signedHook struct {
	mu     sync.Mutex
	bodies []string
	sigs   []string
}

func (h *signedHook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.bodies, h.sigs = append(h.bodies, string(b)), append(h.sigs, r.Header.Get(notify.SignatureHeader))
}

// TestAdministratorSetsUpWebhook: UWV's administrator finds the page of
// notifications in the menu, registers a webhook (a server of this test),
// sees its secret once, sends a test message and sees it delivered in the
// history; the receiver got it signed with that secret.
func TestAdministratorSetsUpWebhook(t *testing.T) {
	t.Parallel()
	for _, width := range widths {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			hook := &signedHook{}
			receiver := httptest.NewServer(hook)
			t.Cleanup(receiver.Close)

			a := newApp(t)
			a.sized(width)
			a.login("Rik Vermeulen")
			if n := eval[int](a, `document.querySelectorAll('.main-nav a[href="/beheer"]').length`); n != 1 {
				a.fatal("the menu has %d links to the administration pages", n)
			}
			a.open("/beheer")
			if n := eval[int](a, `document.querySelectorAll('main a[href="/beheer/meldingen"]').length`); n != 1 {
				a.fatal("the administration index has %d links to the notifications page", n)
			}
			a.open("/beheer/meldingen")
			a.wantText("#kanalen-uwv h3", "UWV")

			a.typeInto("org-uwv-webhook-url", receiver.URL+"/schakel")
			if st := a.click(`form[action="/beheer/meldingen/uwv/webhooks"] button[type=submit]`); st != http.StatusOK {
				a.fatal("create webhook: status %d", st)
			}
			if p := eval[string](a, `location.pathname`); p != "/beheer/meldingen/nieuwe-webhook" {
				a.fatal("after making a webhook the browser is at %s", p)
			}
			secret := a.text(".webhook-secret")
			if len(secret) != 64 {
				a.fatal("secret %q", secret)
			}
			a.checkAccessibilityHere(fmt.Sprintf("the new webhook's page at %d px", width))

			a.open("/beheer/meldingen")
			if strings.Contains(eval[string](a, `document.body.innerHTML`), secret) {
				a.fatal("the secret is shown again")
			}
			value := eval[string](a, `(Array.from(document.querySelectorAll("#org-uwv-proef-kanaal option")).find(o => o.value.startsWith("webhook:")) || {value: ""}).value`)
			if value == "" {
				a.fatal("no webhook to test")
			}
			a.choose("org-uwv-proef-kanaal", value)
			a.clickOK(`form[action="/beheer/meldingen/uwv/proef"] button[type=submit]`)
			a.wantText("#proefresultaat", "aangekomen")
			a.wantText("tr.test-row--delivered", "webhook", "afgeleverd")
			a.checkAccessibilityHere(fmt.Sprintf("/beheer/meldingen with a test result at %d px", width))

			hook.mu.Lock()
			defer hook.mu.Unlock()
			if len(hook.bodies) != 1 || !notify.VerifySignature(secret, []byte(hook.bodies[0]), hook.sigs[0]) {
				a.fatal("the receiver got %q signed %q", hook.bodies, hook.sigs)
			}
		})
	}
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/throttle"
	"golang.org/x/time/rate"
)

func TestProfessionalBrakeForm(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.as("svb-professional")
	r := e.get(c, "/noodrem/professional")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	for _, sel := range []string{
		`form[method="post"][action="/noodrem/professional"] select#organisatie option[value="uwv"]`,
		`select#organisatie option[value="svb"]`,
		`textarea#betreft[name="betreft"]`,
		`fieldset#regels > legend`,
		`input#regels-0[name="regels[0]"]`,
		`fieldset#regels button:not([type])[name="blok-toevoegen"][value="regels"][formnovalidate]`,
		`fieldset#gronden button:not([type])[name="blok-toevoegen"][value="gronden"][formnovalidate]`,
		`input#onderwerp[name="onderwerp"]`,
		`textarea#toelichting[name="toelichting"]`,
		`fieldset#gronden select#gronden-0-beginsel option[value="zorgvuldigheid"]`,
		`input#urgent[type="checkbox"][name="urgent"]`,
		`fieldset#identiteit > legend`,
		`input#identiteit-genoemd[type="radio"][name="identiteit"][value="genoemd"]`,
		`input#identiteit-beschermd[type="radio"][aria-describedby="identiteit-beschermd-omschrijving"]`,
		`input#identiteit-anoniem[type="radio"][value="anoniem"]`,
	} {
		wantSelector(t, r, sel)
	}
	// A brake is pulled at an organisation that executes, not a ministry.
	wantNoSelector(t, r, `select#organisatie option[value="min-szw"]`)
	// Nobody's identity is chosen for them.
	wantNoSelector(t, r, `input[name="identiteit"][checked]`)
	// One block of each is shown; the button brings the next.
	wantNoSelector(t, r, `input#regels-1`)
	wantNoSelector(t, r, `select#gronden-1-beginsel`)
	r = e.post(c, "/noodrem/professional", url.Values{"regels[0]": {"Participatiewet art. 18"}, "blok-toevoegen": {"regels"}})
	wantStatus(t, r, http.StatusOK)
	wantText(t, r, `label[for="regels-1"]`, "Regel 2 (niet verplicht)")

	// Visitors log in first.
	wantLocation(t, e.get(e.client(), "/noodrem/professional"), "/inloggen")
	wantLocation(t, e.post(e.client(), "/noodrem/professional", validProfessional(schakel.IdentityAnonymous, nil)), "/inloggen")

	en := e.as("svb-professional")
	e.setLang(en, "en")
	r = e.post(en, "/noodrem/professional", url.Values{"blok-toevoegen": {"regels"}})
	checkPage(t, r, "en")
	wantText(t, r, `label[for="identiteit-anoniem"]`, "Anonymous")
	wantText(t, r, `label[for="regels-1"]`, "Rule 2 (optional)")
}

func TestProfessionalBrakeErrors(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.as("svb-professional")
	for _, tc := range []struct {
		name    string
		form    url.Values
		invalid []string // element ids the summary links to
		message string
	}{
		{"empty", url.Values{}, []string{"organisatie", "regels-0", "onderwerp", "gronden-0-beginsel", "identiteit-genoemd"}, "Kies hoe u bekend wilt zijn"},
		{"no rules", validProfessional(schakel.IdentityNamed, func(v url.Values) { v.Set("regels[0]", "") }), []string{"regels-0"}, "Noem minstens één regel"},
		{"bad rule in a later row", validProfessional(schakel.IdentityNamed, func(v url.Values) {
			v.Set("regels[0]", "")
			v.Set("regels[2]", "jci1.3:c:BWBR0015703&artikel=36")
			v.Set("regels[3]", "BWBR123")
		}), []string{"regels-3"}, "BWBR123"},
		{"unknown identity", validProfessional("geheim", nil), []string{"identiteit-genoemd"}, "Kies een van: genoemd, beschermd, anoniem."},
		{"unknown organisation", validProfessional(schakel.IdentityNamed, func(v url.Values) { v.Set("organisatie", "bestaat-niet") }), []string{"organisatie"}, `Organisatie "bestaat-niet" bestaat niet.`},
		{"ministry", validProfessional(schakel.IdentityNamed, func(v url.Values) { v.Set("organisatie", "min-szw") }), []string{"organisatie"}, "uitvoerende organisatie"},
		{"unknown principle", validProfessional(schakel.IdentityNamed, func(v url.Values) { v.Set("gronden[0].beginsel", "bestaat-niet") }), []string{"gronden-0-beginsel"}, ""},
		{"oversized concerned", validProfessional(schakel.IdentityNamed, func(v url.Values) { v.Set("betreft", strings.Repeat("b", 2001)) }), []string{"betreft"}, "Gebruik hoogstens 2000 tekens."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.post(c, "/noodrem/professional", tc.form)
			wantStatus(t, r, http.StatusBadRequest)
			checkPage(t, r, "nl")
			for _, id := range tc.invalid {
				wantSelector(t, r, `.error-summary a[href="#`+id+`"]`)
			}
			if n := r.Count(t, ".error-summary li"); n != len(tc.invalid) {
				t.Errorf("%d errors, want %d: %s", n, len(tc.invalid), r.Text(t, ".error-summary"))
			}
			wantContains(t, r, ".error-summary", tc.message)
			if id := tc.form.Get("identiteit"); id == "genoemd" {
				wantSelector(t, r, `input#identiteit-genoemd[checked]`)
			}
		})
	}
	r := e.post(c, "/noodrem/professional", url.Values{})
	wantSelector(t, r, `fieldset#identiteit[aria-describedby~="identiteit-fout"] #identiteit-fout`)
	wantSelector(t, r, `fieldset#regels[aria-describedby~="regels-fout"] #regels-fout`)
	if _, n, err := e.st.Brakes(context.Background(), schakel.BrakeFilter{}); err != nil || n != 0 {
		t.Errorf("brakes stored after invalid input: %d, %v", n, err)
	}
}

func TestProfessionalBrakeIdentities(t *testing.T) {
	e := newBrakeEnv(t)
	kees := e.user("svb-professional")
	puller := e.as("svb-professional")
	coordinator := e.as("uwv-coordinator")

	t.Run("named", func(t *testing.T) {
		id := idFromLocation(t, e.post(puller, "/noodrem/professional", validProfessional(schakel.IdentityNamed, nil)))
		r := e.get(coordinator, requestPath(id))
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantText(t, r, ".requester", kees.Name)
		wantText(t, r, ".current-addressee", "UWV, coördinator")
		r = e.get(puller, requestPath(id)+"?gedaan=aangemaakt")
		wantStatus(t, r, http.StatusOK)
		wantSelector(t, r, ".notice--ok")
	})

	t.Run("protected", func(t *testing.T) {
		id := idFromLocation(t, e.post(puller, "/noodrem/professional", validProfessional(schakel.IdentityProtected, func(v url.Values) {
			v.Set("onderwerp", "Beschermde melding")
			v.Set("urgent", "1")
		})))
		b, err := e.st.Brake(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if b.Identity != schakel.IdentityProtected || b.Request.Requester.UserID != kees.ID || !b.Request.Urgent {
			t.Errorf("stored %+v, requester %+v", b, b.Request.Requester)
		}
		// The addressee sees "beschermd", and the puller's name nowhere.
		r := e.get(coordinator, requestPath(id))
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantText(t, r, ".requester", "beschermd: alleen bekend bij de vertrouwenspersoon")
		wantContains(t, r, ".timeline__event:first-child .timeline__meta", "beschermd")
		if strings.Contains(r.Body, kees.Name) {
			t.Error("the request page names the protected puller")
		}
		r = e.get(coordinator, "/postvak")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantContains(t, r, `tr[data-id="`+itoa(id)+`"]`, "beschermd")
		if strings.Contains(r.Body, kees.Name) {
			t.Error("the inbox names the protected puller")
		}
		e.setLang(coordinator, "en")
		r = e.get(coordinator, requestPath(id))
		checkPage(t, r, "en")
		wantText(t, r, ".requester", "protected: known only to the confidential counsel")
		r = e.get(coordinator, "/postvak")
		wantContains(t, r, `tr[data-id="`+itoa(id)+`"]`, "protected")
		e.setLang(coordinator, "nl")
		// The puller still sees their own name.
		wantText(t, e.get(puller, requestPath(id)), ".requester", kees.Name)
	})

	t.Run("anonymous", func(t *testing.T) {
		r := e.post(puller, "/noodrem/professional", validProfessional(schakel.IdentityAnonymous, func(v url.Values) { v.Set("onderwerp", "Anonieme melding") }))
		wantLocation(t, r, professionalReceiptPath)
		r = e.get(puller, professionalReceiptPath)
		code := wantReceipt(t, r)
		checkPage(t, r, "nl")
		wantText(t, r, ".addressee", "UWV")
		b := e.brakeByCode(code)
		if b.Identity != schakel.IdentityAnonymous || b.Request.Requester != (schakel.Party{Kind: schakel.PartyAnonymous}) {
			t.Errorf("stored %+v, requester %+v", b, b.Request.Requester)
		}
		evs, err := e.st.Events(context.Background(), b.RequestID)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			if ev.Actor.UserID != 0 {
				t.Errorf("event %d names user %d", ev.Seq, ev.Actor.UserID)
			}
		}
		if logs := e.site.logs.String(); strings.Contains(logs, code) {
			t.Errorf("the code reached the log: %s", logs)
		}
		r = e.get(coordinator, requestPath(b.RequestID))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, ".requester", "anoniem")
		if strings.Contains(r.Body, kees.Name) {
			t.Error("the request page names the anonymous puller")
		}
		// The puller cannot find it through their account…
		r = e.get(puller, requestPath(b.RequestID))
		wantStatus(t, r, http.StatusNotFound)
		// …but follows it with the code.
		r = e.follow(e.client(), code)
		wantStatus(t, r, http.StatusOK)
		wantText(t, r, ".level", "Noodrem van een professional")
		wantText(t, r, ".state .badge", "open")
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// TestProfessionalBrakeThrottled: an anonymous professional who pulls too
// many brakes in a row keeps the form as typed, with the reason and when to
// try again.
func TestProfessionalBrakeThrottled(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.as("svb-professional")
	subs, err := throttle.New(throttle.Config{PerAddress: rate.Every(time.Hour), PerAddressBurst: 1, Global: rate.Inf})
	if err != nil {
		t.Fatal(err)
	}
	e.h.Brakes.Submissions = subs
	wantLocation(t, e.post(c, "/noodrem/professional", validProfessional(schakel.IdentityAnonymous, nil)), professionalReceiptPath)
	r := e.post(c, "/noodrem/professional", validProfessional(schakel.IdentityAnonymous, nil))
	wantStatus(t, r, http.StatusTooManyRequests)
	checkPage(t, r, "nl")
	wantContains(t, r, ".error-summary", "Er zijn net te veel noodremmen getrokken.")
	wantSelector(t, r, `input#onderwerp[value="Herbeoordelingen zonder gesprek"]`)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After on a throttled brake")
	}
}

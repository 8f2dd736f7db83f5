package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
)

func TestPrinciples(t *testing.T) {
	e := newEnv(t, true)
	if err := e.st.RetirePrinciple(context.Background(), "verbod-van-willekeur"); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	r := e.get(c, "/beginselen")
	wantStatus(t, r, 200)
	for _, g := range schakel.PrincipleGroups[:4] {
		wantSelector(t, r, `section h2#groep-`+string(g))
	}
	// Elements nested under their principle.
	wantSelector(t, r, `#groep-rechtsstaat ~ ul > li#rechtsstaat > ul > li#legaliteit`)
	wantSelector(t, r, `li#zorgvuldigheid`)
	wantNoSelector(t, r, `li#verbod-van-willekeur`)
	if !strings.Contains(r.Text(t, "li#zorgvuldigheid"), "Awb 3:2") {
		t.Error("source not shown")
	}
	// Visitors get no form.
	wantNoSelector(t, r, `form[action="/beginselen"]`)

	r = e.get(c, "/beginselen?ingetrokken=1")
	if got := r.Text(t, "li#verbod-van-willekeur .badge"); got != "ingetrokken op 2 maart 2026" {
		t.Errorf("retired badge = %q", got)
	}
	e.setLang(c, "en")
	r = e.get(c, "/beginselen?ingetrokken=1")
	if got := r.Text(t, "li#verbod-van-willekeur .badge"); got != "retired on 2 March 2026" {
		t.Errorf("retired badge = %q", got)
	}
	if got := r.Text(t, "li#zorgvuldigheid .catalogue__name"); got != "Due care" {
		t.Errorf("English name = %q", got)
	}

	// A professional gets no form either.
	r = e.get(e.loggedIn(e.anna), "/beginselen")
	wantNoSelector(t, r, `form[action="/beginselen"]`)
	// An admin does.
	r = e.get(e.loggedIn(e.bram), "/beginselen")
	for _, id := range []string{"code", "naam", "naamEn", "ouder", "bron", "omschrijving"} {
		wantSelector(t, r, `form[method="post"][action="/beginselen"] #`+id+`[name="`+id+`"]`)
	}
	wantSelector(t, r, `select#ouder option[value="rechtsstaat"]`)
	wantNoSelector(t, r, `select#ouder option[value="legaliteit"]`)
}

func (e *env) principleCount() int {
	e.t.Helper()
	ps, err := e.st.Principles(context.Background(), schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(ps)
}

func TestCreatePrinciple(t *testing.T) {
	e := newEnv(t, true)
	admin := e.loggedIn(e.bram)
	valid := func(mod func(url.Values)) url.Values {
		v := url.Values{"code": {"integriteit"}, "naam": {"Integriteit"}, "naamEn": {"Integrity"}, "ouder": {""}, "bron": {"Gedragscode UWV"}, "omschrijving": {"Wij handelen eerlijk."}}
		if mod != nil {
			mod(v)
		}
		return v
	}

	t.Run("invalid", func(t *testing.T) {
		for _, tc := range []struct {
			name    string
			mod     func(url.Values)
			invalid []string
		}{
			{"empty code", func(v url.Values) { v.Set("code", "") }, []string{"code"}},
			{"bad code", func(v url.Values) { v.Set("code", "Niet Goed!") }, []string{"code"}},
			{"bad parent", func(v url.Values) { v.Set("ouder", "bestaat-niet") }, []string{"ouder"}},
			{"element as parent", func(v url.Values) { v.Set("ouder", "legaliteit") }, []string{"ouder"}},
			{"several", func(v url.Values) { v.Set("code", ""); v.Set("naamEn", " "); v.Set("ouder", "bestaat-niet") }, []string{"code", "naamEn", "ouder"}},
			{"too long", func(v url.Values) { v.Set("omschrijving", strings.Repeat("x", 2001)) }, []string{"omschrijving"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.principleCount()
				r := e.post(admin, "/beginselen", valid(tc.mod))
				wantStatus(t, r, http.StatusBadRequest)
				checkPage(t, r, "nl")
				wantSelector(t, r, `.error-summary[role="alert"] h2`)
				if n := r.Count(t, ".error-summary li"); n != len(tc.invalid) {
					t.Errorf("%d errors in the summary, want %d: %s", n, len(tc.invalid), r.Text(t, ".error-summary"))
				}
				for _, f := range tc.invalid {
					wantSelector(t, r, `.error-summary a[href="#`+f+`"]`)
					wantSelector(t, r, `#`+f+`[aria-invalid="true"][aria-describedby~="`+f+`-fout"]`)
					wantSelector(t, r, `#`+f+`-fout.utrecht-form-field-error-message`)
				}
				// The input is kept.
				if v, _ := r.Doc(t).Find("#naam").Attr("value"); v != "Integriteit" {
					t.Errorf("naam value = %q, want kept", v)
				}
				if got := e.principleCount(); got != before {
					t.Errorf("%d principles stored, want %d", got, before)
				}
			})
		}
	})

	t.Run("English errors", func(t *testing.T) {
		c := e.loggedIn(e.bram)
		e.setLang(c, "en")
		r := e.post(c, "/beginselen", valid(func(v url.Values) { v.Set("code", "") }))
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "en")
		if got := r.Text(t, ".error-summary a"); got != "Code: This field is required." {
			t.Errorf("summary = %q", got)
		}
	})

	t.Run("as admin", func(t *testing.T) {
		r := e.post(admin, "/beginselen", valid(nil))
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/beginselen#integriteit" {
			t.Errorf("Location = %q", loc)
		}
		p, err := e.st.Principle(context.Background(), "integriteit")
		if err != nil {
			t.Fatal(err)
		}
		if p.Group != schakel.GroupOrganisation || p.OrganisationID != e.uwv.ID || p.NameEN != "Integrity" {
			t.Errorf("stored %+v", p)
		}
		r = e.get(e.client(), "/beginselen")
		wantSelector(t, r, `#groep-eigen ~ ul > li#integriteit`)
	})

	t.Run("element", func(t *testing.T) {
		r := e.post(admin, "/beginselen", valid(func(v url.Values) { v.Set("code", "eerlijkheid"); v.Set("ouder", "integriteit") }))
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(e.client(), "/beginselen")
		wantSelector(t, r, `li#integriteit > ul > li#eerlijkheid`)
	})

	t.Run("code taken", func(t *testing.T) {
		before := e.principleCount()
		r := e.post(admin, "/beginselen", valid(func(v url.Values) { v.Set("code", "zorgvuldigheid") }))
		wantStatus(t, r, http.StatusConflict)
		wantSelector(t, r, `.error-summary a[href="#code"]`)
		wantSelector(t, r, `#code[aria-invalid="true"]`)
		if got := e.principleCount(); got != before {
			t.Errorf("%d principles stored, want %d", got, before)
		}
	})

	t.Run("as professional", func(t *testing.T) {
		before := e.principleCount()
		r := e.post(e.loggedIn(e.anna), "/beginselen", valid(func(v url.Values) { v.Set("code", "iets-anders") }))
		wantStatus(t, r, http.StatusForbidden)
		checkPage(t, r, "nl")
		if got := e.principleCount(); got != before {
			t.Errorf("%d principles stored, want %d", got, before)
		}
	})

	t.Run("anonymous", func(t *testing.T) {
		r := e.post(e.client(), "/beginselen", valid(func(v url.Values) { v.Set("code", "iets-anders") }))
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/inloggen" {
			t.Errorf("Location = %q", loc)
		}
	})
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
)

func TestSignalFormAccess(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		r := e.get(e.client(), "/signalen/nieuw")
		wantLocation(t, r, "/inloggen")
		r = e.post(e.client(), "/signalen", validSignal(nil))
		wantLocation(t, r, "/inloggen")
		for _, who := range []string{"uwv-beheerder", "kamerlid"} {
			r := e.get(e.as(who), "/signalen/nieuw")
			wantStatus(t, r, http.StatusForbidden)
			checkPage(t, r, "nl")
		}
		for _, lang := range []string{"nl", "en"} {
			c := e.as("uwv-professional")
			e.setLang(c, lang)
			r := e.get(c, "/signalen/nieuw")
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, lang)
			wantSelector(t, r, `form[method="post"][action="/signalen"] select#organisatie option[value="uwv"][selected]`)
			wantSelector(t, r, `fieldset#oplossing legend`)
			wantSelector(t, r, `input#oplossing-wet[type="radio"][name="oplossing"]`)
			wantSelector(t, r, `select#conflicten-0-beginsel option[value="evenredigheid"]`)
			wantSelector(t, r, `input#burgers-tot[inputmode="numeric"]`)
			wantNoSelector(t, r, `input[name="knelpunt"], .error-summary`)
			if lang == "en" && !strings.Contains(r.Text(t, "h1"), "Give a signal") {
				t.Errorf("h1 = %q", r.Text(t, "h1"))
			}
		}
		wantStatus(t, e.get(e.as("uwv-professional"), "/signalen/nieuw?signaal=abc"), http.StatusNotFound)
		wantStatus(t, e.get(e.as("uwv-professional"), "/signalen/nieuw?casus=999999"), http.StatusNotFound)
	})
}

func TestSignalFormShowsEveryInvalidField(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		c := e.as("uwv-professional")
		for _, tc := range []struct {
			name string
			mod  func(url.Values)
			ids  []string
		}{
			{"no rules", func(v url.Values) { v.Del("regels[0]") }, []string{"regels-0"}},
			{"unknown principle", func(v url.Values) { v.Set("conflicten[0].beginsel", "bestaat-niet") }, []string{"conflicten-0-beginsel"}},
			{"negative numbers", func(v url.Values) { v.Set("burgers.van", "-5"); v.Set("kosten.eenmalig", "-10") }, []string{"burgers-van", "kosten-eenmalig"}},
			{"too many citizens", func(v url.Values) { v.Set("burgers.tot", "30000000") }, []string{"burgers-tot"}},
			{"not a number", func(v url.Values) { v.Set("burgers.tot", "veel"); v.Set("kosten.structureel", "een ton") }, []string{"burgers-tot", "kosten-structureel"}},
			{"bad rule in row 3", func(v url.Values) { v.Set("regels[2]", "BWBR123") }, []string{"regels-2"}},
			{"unknown case", func(v url.Values) { v.Set("casussen", "999999") }, []string{"casussen"}},
			{"everything at once", func(v url.Values) {
				v.Del("regels[0]")
				v.Set("conflicten[0].beginsel", "bestaat-niet")
				v.Set("burgers.van", "-5")
				v.Set("burgers.tot", "30000000")
				v.Set("titel", "")
				v.Set("oplossing", "toveren")
				v.Set("kosten.eenmalig", "-1")
			}, []string{"titel", "regels-0", "burgers-van", "burgers-tot", "oplossing-wet", "kosten-eenmalig", "conflicten-0-beginsel"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ns, nk := e.counts()
				form := validSignal(tc.mod)
				r := e.post(c, "/signalen", form)
				wantStatus(t, r, http.StatusBadRequest)
				checkPage(t, r, "nl")
				wantErrorsAt(t, r, tc.ids...)
				for _, id := range tc.ids {
					switch id {
					case "oplossing-wet":
						// A group: its fieldset says what is wrong.
						wantSelector(t, r, `fieldset#oplossing.utrecht-form-fieldset--invalid #oplossing-fout`)
					case "regels-0":
						wantSelector(t, r, `fieldset#regels.utrecht-form-fieldset--invalid #regels-fout`)
					default:
						wantSelector(t, r, "#"+id+`[aria-invalid="true"]`)
						wantSelector(t, r, "#"+id+"-fout")
					}
				}
				// The values are kept.
				if got, _ := r.Doc(t).Find("#titel").Attr("value"); got != form.Get("titel") {
					t.Errorf("titel = %q, want %q", got, form.Get("titel"))
				}
				if ns2, nk2 := e.counts(); ns2 != ns || nk2 != nk {
					t.Errorf("stored %d signals and %d knelpunten on an invalid form", ns2-ns, nk2-nk)
				}
			})
		}
		t.Run("English", func(t *testing.T) {
			e.setLang(c, "en")
			defer e.setLang(c, "nl")
			r := e.post(c, "/signalen", validSignal(func(v url.Values) { v.Set("burgers.tot", "30000000") }))
			wantStatus(t, r, http.StatusBadRequest)
			checkPage(t, r, "en")
			wantContains(t, r, "#burgers-tot-fout", "the Netherlands has no more inhabitants")
		})
	})
}

func TestSignalFiles(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		c := e.as("uwv-professional")
		kid, q := e.fileForm(c, validSignal(func(v url.Values) {
			v.Set("gevolg", "Mevrouw Jansen (BSN 111222333, j.jansen@example.nl, 06-12345678) moest alles terugbetalen.")
		}))
		if q.Get("gedaan") != "signaal" || q.Get("signaal") == "" {
			t.Fatalf("redirect query %v", q)
		}
		r := e.get(c, knelpuntPath(kid)+"?"+q.Encode())
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantContains(t, r, ".notice--ok", "Uw signaal is ingediend")
		for _, kind := range []string{"burgerservicenummer: 1", "e-mailadres: 1", "telefoonnummer: 1", "naam: 1"} {
			wantContains(t, r, ".notice--ok ul.redacted", kind)
		}
		wantSelector(t, r, `.notice--ok a[href="/signalen/`+q.Get("signaal")+`"]`)
		wantContains(t, r, ".signal-count", "1 signaal")
		wantContains(t, r, ".citizens", "1.200 tot 3.000")
		wantContains(t, r, ".cost-yearly", "€ 1.250.000,50")
		wantSelector(t, r, `.knelpunt-rules a[href^="https://wetten.overheid.nl/jci1.3:c:BWBR0019057"]`)
		wantSelector(t, r, `.knelpunt-principles a[href="/beginselen#evenredigheid"]`)
		wantSelector(t, r, `form[action="/knelpunten/`+strconv.FormatInt(kid, 10)+`/voorleggen"]`)
		wantSelector(t, r, `table.knelpunt-signals th[scope="row"] a[href="/signalen/`+q.Get("signaal")+`"]`)
		if strings.Contains(r.Body, "111222333") || strings.Contains(r.Body, "Jansen") {
			t.Error("the knelpunt page shows personal data of the signal")
		}
		// Without personal data the notice says nothing was redacted.
		kid2, q2 := e.fileForm(c, unrelatedSignal())
		r = e.get(c, knelpuntPath(kid2)+"?"+q2.Encode())
		wantSelector(t, r, ".redacted-none")

		r = e.get(c, "/signalen/"+q.Get("signaal"))
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantContains(t, r, "h1", "Terugvordering van het WIA-voorschot")
		wantContains(t, r, ".timeline", "Ingediend")
		wantSelector(t, r, `.timeline a[href="/knelpunten/`+strconv.FormatInt(kid, 10)+`"]`)
		wantContains(t, r, ".knelpunt", "Terugvordering")
		wantNoSelector(t, r, ".complete-link")
	})
}

func TestSignalPageAccess(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		f := e.fileAs("uwv-professional", signalInput("Een signaal over de WIA", "jci1.3:c:BWBR0019057&artikel=76"))
		path := "/signalen/" + strconv.FormatInt(f.Signal.ID, 10)
		for _, who := range []string{"uwv-professional", "uwv-coordinator", "uwv-bestuur", "uwv-beheerder"} {
			r := e.get(e.as(who), path)
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
		}
		for _, who := range []string{"svb-professional", "szw-beleid", "kamerlid"} {
			r := e.get(e.as(who), path)
			wantStatus(t, r, http.StatusNotFound)
			checkPage(t, r, "nl")
		}
		wantStatus(t, e.get(e.client(), path), http.StatusNotFound)
		wantStatus(t, e.get(e.as("uwv-professional"), "/signalen/999999"), http.StatusNotFound)
		wantStatus(t, e.get(e.as("uwv-professional"), "/signalen/abc"), http.StatusNotFound)
	})
}

func TestSignalSuggestion(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		c := e.as("uwv-professional")
		first, _ := e.fileForm(c, validSignal(nil))
		firstID := strconv.FormatInt(first, 10)

		// An unrelated signal is filed at once, in a knelpunt of its own.
		other, _ := e.fileForm(c, unrelatedSignal())
		if other == first {
			t.Fatal("the unrelated signal joined the first knelpunt")
		}

		// A similar one shows the choice first and stores nothing.
		similar := validSignal(func(v url.Values) {
			v.Set("titel", "WIA-voorschot terugvorderen na een te laat besluit van UWV")
			v.Set("gevolg", "Mensen moeten het voorschot terugbetalen terwijl UWV te laat besliste; ze komen in de schulden.")
		})
		ns, nk := e.counts()
		r := e.post(c, "/signalen", similar)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantSelector(t, r, `input[type="hidden"][name="stap"][value="keuze"]`)
		wantSelector(t, r, `fieldset#knelpunt legend`)
		wantSelector(t, r, `input#knelpunt-`+firstID+`[type="radio"][name="knelpunt"][value="`+firstID+`"]`)
		wantSelector(t, r, `input#knelpunt-nieuw[type="radio"][name="knelpunt"][value="nieuw"]`)
		wantNoSelector(t, r, `input[name="knelpunt"][value="`+strconv.FormatInt(other, 10)+`"]`)
		wantContains(t, r, `label[for="knelpunt-`+firstID+`"]`, "Sluit aan bij knelpunt "+firstID+": Terugvordering van het WIA-voorschot")
		wantContains(t, r, `#knelpunt-`+firstID+`-omschrijving`, "1 signaal. Lijkt op: “Terugvordering van het WIA-voorschot na een te laat besluit”")
		wantNoSelector(t, r, ".error-summary")
		if got, _ := r.Doc(t).Find("#titel").Attr("value"); got != similar.Get("titel") {
			t.Errorf("titel not kept: %q", got)
		}
		if ns2, nk2 := e.counts(); ns2 != ns || nk2 != nk {
			t.Fatal("the suggestion step stored something")
		}

		// A similar one with invalid fields shows them first, without the
		// choice, and stores nothing.
		invalid := validSignal(func(v url.Values) {
			v.Set("titel", similar.Get("titel"))
			v.Set("gevolg", similar.Get("gevolg"))
			v.Set("burgers.tot", "30000000")
		})
		r = e.post(c, "/signalen", invalid)
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "burgers-tot")
		wantNoSelector(t, r, `input[type="hidden"][name="stap"][value="keuze"]`)
		if ns2, nk2 := e.counts(); ns2 != ns || nk2 != nk {
			t.Fatal("an invalid signal stored something")
		}

		// Sending the choice without choosing says so.
		similar.Set("stap", "keuze")
		r = e.post(c, "/signalen", similar)
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "knelpunt")
		checkPage(t, r, "nl")

		// Joining the first knelpunt.
		similar.Set("knelpunt", firstID)
		kid, _ := e.fileForm(c, similar)
		if kid != first {
			t.Fatalf("joined knelpunt %d, want %d", kid, first)
		}
		r = e.get(c, knelpuntPath(first))
		wantContains(t, r, ".signal-count", "2 signalen")
		if n := r.Count(t, "table.knelpunt-signals tbody tr"); n != 2 {
			t.Errorf("%d signals on the knelpunt, want 2", n)
		}

		// Or starting a new one.
		similar.Set("knelpunt", "nieuw")
		kid, _ = e.fileForm(c, similar)
		if kid == first || kid == other {
			t.Errorf("a new knelpunt was asked, got %d", kid)
		}
	})
}

func TestSignalFromCase(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		c := e.submitAs("uwv-professional", cases.SubmitInput{Organisation: "uwv", Title: "Voorschot terug na te laat besluit", Situation: "Een burger moet een voorschot terugbetalen.",
			RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Intent: "Te veel betaald komt terug.", Harm: "UWV besliste te laat."})
		e.decideAs("uwv-coordinator", c.ID, cases.DecideInput{Outcome: schakel.OutcomeSolveOnly, Explanation: "Uitleg.",
			SignalText: "Vorder geen voorschot terug na een te laat besluit.", SignalRuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}})
		prof := e.as("uwv-professional")
		r := e.get(prof, casePath(c.ID))
		wantStatus(t, r, http.StatusOK)
		link := "/signalen/nieuw?casus=" + strconv.FormatInt(c.ID, 10)
		wantSelector(t, r, `.decision-signal a[href="`+link+`"]`)
		wantNoSelector(t, e.get(e.as("uwv-beheerder"), casePath(c.ID)), `.decision-signal a[href^="/signalen/nieuw"]`)

		r = e.get(prof, link)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantSelector(t, r, ".raised-from")
		sigID, ok := r.Doc(t).Find(`input[type="hidden"][name="signaal"]`).Attr("value")
		if !ok {
			t.Fatal("no hidden signal id")
		}
		if v, _ := r.Doc(t).Find("#regels-0").Attr("value"); v != "jci1.3:c:BWBR0019057&artikel=76" {
			t.Errorf("rule prefilled as %q", v)
		}
		if v := r.Text(t, "#voorstel"); v != "Vorder geen voorschot terug na een te laat besluit." {
			t.Errorf("proposal prefilled as %q", v)
		}
		if v, _ := r.Doc(t).Find("#casussen").Attr("value"); v != strconv.FormatInt(c.ID, 10) {
			t.Errorf("case prefilled as %q", v)
		}
		wantStatus(t, e.get(prof, "/signalen/nieuw?signaal="+sigID), http.StatusOK)
		r = e.get(prof, "/signalen/"+sigID)
		wantStatus(t, r, http.StatusOK)
		wantSelector(t, r, `.complete-link a[href="/signalen/nieuw?signaal=`+sigID+`"]`)
		wantContains(t, r, ".state", "concept")
		if strings.Contains(r.Body, "onbekende gebruiker") || strings.Contains(r.Text(t, ".signal-summary"), "Ingediend door") {
			t.Error("a raised signal names who filed it")
		}
		wantContains(t, r, ".timeline", "Opgeworpen bij het besluit over een casus")

		// Completing it files the raised signal itself.
		form := validSignal(func(v url.Values) {
			v.Set("signaal", sigID)
			v.Set("casussen", strconv.FormatInt(c.ID, 10))
		})
		e.fileForm(prof, form)
		id, _ := strconv.ParseInt(sigID, 10, 64)
		sig, err := e.st.Signal(context.Background(), id)
		if err != nil || sig.State != schakel.SignalFiled || sig.CaseID != c.ID {
			t.Fatalf("signal %+v, %v", sig, err)
		}
		// Afterwards the link goes to the filed signal.
		wantLocation(t, e.get(prof, link), "/signalen/"+sigID)
		wantLocation(t, e.get(prof, "/signalen/nieuw?signaal="+sigID), "/signalen/"+sigID)
		// Filing it twice is a conflict, shown on the form.
		form.Set("stap", "keuze")
		form.Set("knelpunt", "nieuw")
		r = e.post(prof, "/signalen", form)
		wantStatus(t, r, http.StatusConflict)
		checkPage(t, r, "nl")
		wantContains(t, r, ".conflict", "al ingediend")
	})
}

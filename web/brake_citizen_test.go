package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/throttle"
)

func TestCitizenBrakeForm(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.client()
	r := e.get(c, "/noodrem/burger")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	for _, sel := range []string{
		`form[method="post"][action="/noodrem/burger"] select#organisatie[name="organisatie"] option[value="uwv"]`,
		`input#kenmerk[name="kenmerk"]`,
		`input#datumBesluit[type="date"][name="datumBesluit"]`,
		`textarea#toelichting[name="toelichting"]`,
		`fieldset#bezwaren > legend`,
		`fieldset#bezwaren[aria-describedby="bezwaren-omschrijving"] #bezwaren-omschrijving`,
		`input#bezwaren-niet-gehoord[type="checkbox"][name="bezwaren"][value="niet-gehoord"]`,
		`label[for="bezwaren-niet-gehoord"]`,
		`textarea#gewensteUitkomst[name="gewensteUitkomst"]`,
		`main a[href="/noodrem/volgen"]`,
	} {
		wantSelector(t, r, sel)
	}
	if n := r.Count(t, `fieldset#bezwaren input[type="checkbox"]`); n != len(schakel.CitizenGrounds) {
		t.Errorf("%d sentences, want %d", n, len(schakel.CitizenGrounds))
	}
	wantText(t, r, `label[for="bezwaren-niet-gehoord"]`, schakel.CitizenGrounds[0].Dutch)
	wantNoSelector(t, r, `select#organisatie option[value="tweede-kamer"]`)
	wantContains(t, r, "main", "binnen 6 weken antwoorden")
	wantNoSelector(t, r, ".error-summary")

	e.setLang(c, "en")
	r = e.get(c, "/noodrem/burger")
	checkPage(t, r, "en")
	wantText(t, r, `label[for="bezwaren-niet-gehoord"]`, schakel.CitizenGrounds[0].English)
	wantText(t, r, `label[for="kenmerk"]`, "Reference of the decision")
	wantContains(t, r, "main", "within 6 weeks")
}

func TestCitizenBrakeErrors(t *testing.T) {
	e := newBrakeEnv(t)
	for _, tc := range []struct {
		name    string
		form    url.Values
		invalid []string // element ids the summary links to
		marked  []string // controls marked invalid
		message string   // a message the page shows
	}{
		{"empty", url.Values{}, []string{"organisatie", "kenmerk", "datumBesluit", "toelichting", "bezwaren-niet-gehoord", "gewensteUitkomst"},
			[]string{"organisatie", "kenmerk", "datumBesluit", "toelichting", "gewensteUitkomst"}, "Kies minstens één zin die zegt wat er mis is."},
		{"missing grounds", validCitizen(func(v url.Values) { v.Del("bezwaren") }), []string{"bezwaren-niet-gehoord"}, nil, "Kies minstens één zin die zegt wat er mis is."},
		{"unknown ground", validCitizen(func(v url.Values) { v["bezwaren"] = []string{"niet-gehoord", "bestaat-niet", "ook-niet"} }), []string{"bezwaren-niet-gehoord"}, nil,
			"Kies een van de zinnen op het formulier."},
		{"missing reference", validCitizen(func(v url.Values) { v.Set("kenmerk", " ") }), []string{"kenmerk"}, []string{"kenmerk"}, "Dit veld is verplicht."},
		{"long reference", validCitizen(func(v url.Values) { v.Set("kenmerk", strings.Repeat("K", brakes.MaxReference+1)) }), []string{"kenmerk"}, []string{"kenmerk"}, "Gebruik hoogstens 100 tekens."},
		{"bad date", validCitizen(func(v url.Values) { v.Set("datumBesluit", "20-20-2026") }), []string{"datumBesluit"}, []string{"datumBesluit"}, "Geef de datum van het besluit, zoals 2026-03-02."},
		{"date in the future", validCitizen(func(v url.Values) { v.Set("datumBesluit", "2026-12-01") }), []string{"datumBesluit"}, []string{"datumBesluit"}, "De datum van het besluit ligt in de toekomst."},
		{"oversized text", validCitizen(func(v url.Values) { v.Set("toelichting", strings.Repeat("x", comply.MaxText+1)) }), []string{"toelichting"}, []string{"toelichting"}, "Gebruik hoogstens"},
		{"oversized outcome", validCitizen(func(v url.Values) { v.Set("gewensteUitkomst", strings.Repeat("y", brakes.MaxWantedOutcome+1)) }), []string{"gewensteUitkomst"}, []string{"gewensteUitkomst"}, "Gebruik hoogstens 4000 tekens."},
		{"unknown organisation", validCitizen(func(v url.Values) { v.Set("organisatie", "bestaat-niet") }), []string{"organisatie"}, []string{"organisatie"}, `Organisatie "bestaat-niet" bestaat niet.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.postCitizen(e.client(), tc.form)
			wantStatus(t, r, http.StatusBadRequest)
			checkPage(t, r, "nl")
			wantNoSelector(t, r, ".receipt-code")
			for _, id := range tc.invalid {
				wantSelector(t, r, `.error-summary a[href="#`+id+`"]`)
			}
			if n := r.Count(t, ".error-summary li"); n != len(tc.invalid) {
				t.Errorf("%d errors, want %d: %s", n, len(tc.invalid), r.Text(t, ".error-summary"))
			}
			for _, id := range tc.marked {
				wantSelector(t, r, `#`+id+`[aria-invalid="true"][aria-describedby~="`+id+`-fout"]`)
				wantSelector(t, r, `#`+id+`-fout`)
			}
			if strings.HasPrefix(tc.invalid[len(tc.invalid)-1], "bezwaren") || tc.name == "empty" {
				wantSelector(t, r, `fieldset#bezwaren[aria-describedby~="bezwaren-fout"] #bezwaren-fout`)
			}
			wantContains(t, r, ".error-summary", tc.message)
			// What was entered is kept, also the sentences chosen.
			if k := tc.form.Get("kenmerk"); k != "" && strings.TrimSpace(k) != "" {
				if v, _ := r.Doc(t).Find("#kenmerk").Attr("value"); v != k {
					t.Errorf("kenmerk value = %q, want kept", v)
				}
			}
			for _, key := range tc.form["bezwaren"] {
				if _, ok := schakel.CitizenGroundByKey(key); ok {
					wantSelector(t, r, `input#bezwaren-`+key+`[checked]`)
				}
			}
		})
	}
	if _, n, err := e.st.Brakes(context.Background(), schakel.BrakeFilter{}); err != nil || n != 0 {
		t.Errorf("brakes stored after invalid input: %d, %v", n, err)
	}

	t.Run("English", func(t *testing.T) {
		c := e.client()
		e.setLang(c, "en")
		r := e.postCitizen(c, validCitizen(func(v url.Values) {
			v.Del("bezwaren")
			v.Set("datumBesluit", "nee")
		}))
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "en")
		wantContains(t, r, ".error-summary", "Date of the decision: Enter the date of the decision, such as 2026-03-02.")
		wantContains(t, r, ".error-summary", "Which sentences fit your situation?: Choose at least one sentence that says what is wrong.")
	})
}

// answerAs answers request id through the requests service as the demo
// user with subject: an explain of every ground, or a comply.
func (e *brakeEnv) answerAs(subject string, id int64, kind schakel.AnswerKind, text string) {
	e.t.Helper()
	ctx := context.Background()
	req, err := e.st.Request(ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	in := comply.AnswerInput{Kind: kind}
	if kind.Changes() {
		d := e.h.Calendar.Today(e.clock.Now()).AddDays(60)
		in.Changes, in.ByWhen = text, d
	}
	if kind.Refuses() {
		in.Motivations = map[string]string{}
		for _, g := range req.Grounds {
			in.Motivations[g.Principle] = text + " (" + g.Principle + ")"
		}
	}
	if _, err := e.h.Requests.Answer(ctx, e.user(subject), id, requests.AnswerInput{AnswerInput: in}); err != nil {
		e.t.Fatalf("answer as %s: %v", subject, err)
	}
}

func TestCitizenBrakeFlow(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.client()
	r := e.receiptAfter(c, e.postCitizen(c, validCitizen(nil)))
	code := wantReceipt(t, r)
	checkPage(t, r, "nl")
	wantText(t, r, "h1", "Uw ontvangstcode")
	wantContains(t, r, "main", "Bewaar deze code goed")
	wantText(t, r, ".addressee", "UWV")
	// Six weeks from 2 March 2026.
	wantContains(t, r, ".deadline", "maandag 13 april 2026")
	wantSelector(t, r, `main a[href="/noodrem/volgen"]`)
	// The code is nowhere but on this page: not in a link, not in the log.
	if strings.Contains(r.Body, "href=\"/noodrem/volgen?") || strings.Count(r.Body, code) != 1 {
		t.Errorf("the code appears %d times on the receipt page", strings.Count(r.Body, code))
	}
	if logs := e.site.logs.String(); strings.Contains(logs, code) || strings.Contains(logs, code[:4]) {
		t.Errorf("the code reached the log: %s", logs)
	}

	// Stored as nobody.
	b := e.brakeByCode(code)
	if b.Level != schakel.LevelCitizen || b.Identity != schakel.IdentityAnonymous || b.Request.Requester != (schakel.Party{Kind: schakel.PartyAnonymous}) {
		t.Errorf("stored brake %+v, requester %+v", b, b.Request.Requester)
	}
	if b.DecisionReference != "UWV-2026-004711" || b.DecisionDate.String() != "2026-02-20" || !strings.HasPrefix(b.WantedOutcome, "Dat de uitkering") {
		t.Errorf("stored decision %q %s %q", b.DecisionReference, b.DecisionDate, b.WantedOutcome)
	}
	id := b.RequestID

	// Following: open, with the deadline; in any spelling of the code.
	for _, typed := range []string{code, strings.ToLower(strings.ReplaceAll(code, "-", " "))} {
		r = e.follow(e.client(), typed)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantText(t, r, ".state .badge", "open")
		wantContains(t, r, ".deadline", "maandag 13 april 2026")
		wantContains(t, r, ".deadline .days-left", "nog 28 werkdagen")
		wantText(t, r, ".addressee", "UWV")
		wantSelector(t, r, ".no-answer")
		wantContains(t, r, "dd ul.grounds", schakel.CitizenGrounds[0].Dutch)
		// Only withdrawing is possible yet, and the forms carry the code.
		wantNoSelector(t, r, `form[action="/noodrem/volgen/betwisting"], form[action="/noodrem/volgen/afsluiting"]`)
		wantSelector(t, r, `form[method="post"][action="/noodrem/volgen/intrekking"] input[type="hidden"][name="ontvangstcode"][value="`+code+`"]`)
		wantSelector(t, r, `textarea#intrekken-reden[name="reden"]`)
		if r.Header.Get("Set-Cookie") != "" {
			t.Error("following sets a cookie")
		}
	}

	// The coordinator of uwv sees the anonymous brake and explains.
	r = e.get(e.as("uwv-coordinator"), requestPath(id))
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r, ".requester", "anoniem")
	e.answerAs("uwv-coordinator", id, schakel.Explain, "Wij hebben u gebeld")
	r = e.follow(c, code)
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantContains(t, r, ".state", "beantwoord de organisatie legt uit waarom niet")
	wantContains(t, r, ".answer h3", "Waarom niet")
	wantContains(t, r, "#betwisten", "Niet eens met het antwoord?")
	wantText(t, r, ".own-text .own-body", "Mijn uitkering is gestopt zonder dat iemand mij belde.")
	wantContains(t, r, ".own-text .own-outcome", "Dat de uitkering doorloopt")
	wantSelector(t, r, `.onward a[href="https://www.juridischloket.nl"]`)
	wantSelector(t, r, `.onward a[href="https://www.nationaleombudsman.nl"]`)
	wantContains(t, r, ".onward", "binnen 6 weken")
	if strings.Contains(r.Body, "Het explain betwisten") {
		t.Error("the follow page still says \"Het explain betwisten\"")
	}
	wantContains(t, r, ".answer", "UWV, coördinator")
	wantContains(t, r, ".answer", "Uitleg bij: "+schakel.CitizenGrounds[0].Dutch+" Wij hebben u gebeld (fair-play)")
	wantNoSelector(t, r, ".no-answer")
	wantNoSelector(t, r, ".deadline")
	// No names of staff.
	if strings.Contains(r.Body, e.user("uwv-coordinator").Name) {
		t.Error("the follow page names the coordinator")
	}
	for _, action := range []string{"betwisting", "afsluiting", "intrekking"} {
		wantSelector(t, r, `form[action="/noodrem/volgen/`+action+`"] input[type="hidden"][name="ontvangstcode"][value="`+code+`"]`)
	}
	wantSelector(t, r, `textarea#betwisten-reden`)

	// Contesting needs a reason; then it works, once.
	r = e.post(c, "/noodrem/volgen/betwisting", url.Values{"ontvangstcode": {code}, "reden": {" "}})
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.error-summary a[href="#betwisten-reden"]`)
	wantSelector(t, r, `textarea#betwisten-reden[aria-invalid="true"]`)
	wantText(t, r, ".state .badge", "beantwoord")

	r = e.post(c, "/noodrem/volgen/betwisting", url.Values{"ontvangstcode": {code}, "reden": {"Er is niet gebeld."}})
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantContains(t, r, `.brake-done[role="status"]`, "Uw betwisting is vastgelegd.")
	wantText(t, r, ".state .badge", "geëscaleerd")
	wantText(t, r, ".current-addressee", "UWV, bestuur")
	wantContains(t, r, ".timeline", "Explain betwist en geëscaleerd")
	wantNoSelector(t, r, `form[action="/noodrem/volgen/betwisting"]`)

	// The board explains too: the top rung; no second contest.
	e.answerAs("uwv-bestuur", id, schakel.Explain, "Het bestuur blijft erbij")
	r = e.follow(c, code)
	if n := r.Count(t, ".answer"); n != 2 {
		t.Errorf("%d answers shown, want 2", n)
	}
	if got := r.Doc(t).Find(".answer").Last().Text(); !strings.Contains(got, "UWV, bestuur") {
		t.Errorf("last answer = %q", got)
	}
	wantNoSelector(t, r, `form[action="/noodrem/volgen/betwisting"]`)
	wantSelector(t, r, `form[action="/noodrem/volgen/afsluiting"]`)
	r = e.post(c, "/noodrem/volgen/betwisting", url.Values{"ontvangstcode": {code}, "reden": {"Nog eens."}})
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")
	wantContains(t, r, ".brake-notice", "Dit kan nu niet: de noodrem is beantwoord.")
	if got, err := e.st.Request(context.Background(), id); err != nil || got.Rung != 1 {
		t.Errorf("after a refused second contest: rung %d, %v", got.Rung, err)
	}

	// Closing accepts the answer.
	r = e.post(c, "/noodrem/volgen/afsluiting", url.Values{"ontvangstcode": {code}, "reden": {""}})
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r, ".brake-done", "De noodrem is afgesloten.")
	wantText(t, r, ".state .badge", "gesloten")
	wantNoSelector(t, r, `form[action^="/noodrem/volgen/"]`)
	// Withdrawing a closed brake is refused.
	r = e.post(c, "/noodrem/volgen/intrekking", url.Values{"ontvangstcode": {code}, "reden": {"Toch niet."}})
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")

	// In English.
	en := e.client()
	e.setLang(en, "en")
	r = e.follow(en, code)
	checkPage(t, r, "en")
	wantText(t, r, ".state .badge", "closed")
	wantContains(t, r, ".answer", "Explanation for: "+schakel.CitizenGrounds[0].English)
}

func TestCitizenBrakeComplyAndWithdraw(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.client()
	code := e.pullCitizen(nil)
	id := e.brakeByCode(code).RequestID
	e.answerAs("uwv-coordinator", id, schakel.Comply, "Uw uitkering loopt door.")
	r := e.follow(c, code)
	wantContains(t, r, ".answer h3", "Wat de organisatie doet")
	wantText(t, r, ".answer .changes", "Uw uitkering loopt door.")
	wantText(t, r, ".answer .by-when", "vrijdag 1 mei 2026")
	// A comply cannot be contested.
	wantNoSelector(t, r, `form[action="/noodrem/volgen/betwisting"]`)

	other := e.pullCitizen(func(v url.Values) { v.Set("kenmerk", "ANDER-1") })
	r = e.post(c, "/noodrem/volgen/intrekking", url.Values{"ontvangstcode": {other}, "reden": {""}})
	wantStatus(t, r, http.StatusBadRequest)
	wantSelector(t, r, `.error-summary a[href="#intrekken-reden"]`)
	r = e.post(c, "/noodrem/volgen/intrekking", url.Values{"ontvangstcode": {other}, "reden": {"Opgelost aan de telefoon."}})
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r, ".brake-done", "De noodrem is ingetrokken.")
	wantText(t, r, ".state .badge", "ingetrokken")
}

// TestCitizenBrakePartialAnswer: an answer in part shows the citizen, in
// their words, what is done and what is not and why, and may be
// contested for what is not done.
func TestCitizenBrakePartialAnswer(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.client()
	code := e.pullCitizen(nil)
	id := e.brakeByCode(code).RequestID
	e.answerAs("uwv-coordinator", id, schakel.Partial, "Een betalingsregeling")
	for _, lang := range []string{"nl", "en"} {
		e.setLang(c, lang)
		r := e.follow(c, code)
		checkPage(t, r, lang)
		want := map[string][3]string{
			"nl": {"Deels: de organisatie doet een deel", "Wat de organisatie wel doet", "Wat niet, en waarom"},
			"en": {"Partly: the organisation does part of it", "What the organisation does", "What not, and why"},
		}[lang]
		wantContains(t, r, ".answer h3", want[0])
		wantText(t, r, ".answer .answer-part--done", want[1])
		wantText(t, r, ".answer .answer-part--not-done", want[2])
		wantText(t, r, ".answer .changes", "Een betalingsregeling")
		if n := r.Count(t, `.answer .motivation[lang="nl"]`); n == 0 {
			t.Error("the not-done part is not shown, or not marked as Dutch")
		}
		wantSelector(t, r, `form[action="/noodrem/volgen/betwisting"]`)
	}
}

func TestFollowWrongCode(t *testing.T) {
	e := newBrakeEnv(t)
	code := e.pullCitizen(nil)
	c := e.client()

	r := e.get(c, "/noodrem/volgen")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantSelector(t, r, `form[method="post"][action="/noodrem/volgen"] input#ontvangstcode[name="ontvangstcode"][autocomplete="off"][spellcheck="false"]`)

	// A code of the right shape that opens nothing, one whose public half
	// exists with a wrong secret, and actions with such codes: all get the
	// same neutral message.
	wrongSecret := code[:10] + strings.Map(func(r rune) rune {
		if r == '-' {
			return r
		}
		if r == '0' {
			return '1'
		}
		return '0'
	}, code[10:])
	neutral := "Deze ontvangstcode kennen we niet. Controleer de code; na te veel pogingen moet u even wachten."
	for _, tc := range []struct{ path, code string }{
		{"/noodrem/volgen", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"},
		{"/noodrem/volgen", wrongSecret},
		{"/noodrem/volgen/betwisting", wrongSecret},
		{"/noodrem/volgen/intrekking", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"},
	} {
		t.Run(tc.path+"/"+tc.code, func(t *testing.T) {
			r := e.post(c, tc.path, url.Values{"ontvangstcode": {tc.code}, "reden": {"x"}})
			wantStatus(t, r, http.StatusNotFound)
			checkPage(t, r, "nl")
			wantText(t, r, `.brake-notice[role="alert"]`, neutral)
			wantNoSelector(t, r, ".state, .timeline")
			wantSelector(t, r, `input#ontvangstcode`)
		})
	}
	if got := e.brakeByCode(code).Request.State; got != schakel.StateOpen {
		t.Errorf("state after a wrong code = %s", got)
	}

	// A malformed code gets its error at the field.
	for _, tc := range []struct{ code, message string }{
		{"", "Dit veld is verplicht."},
		{"K7QM-2XHD", "De invoer heeft er 8."},
		{"K7QM-2XHD-9RTB-W4NP-CJ6E-8FGU", "Het teken 'U' komt niet voor"},
	} {
		r := e.post(c, "/noodrem/volgen", url.Values{"ontvangstcode": {tc.code}})
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantSelector(t, r, `.error-summary a[href="#ontvangstcode"]`)
		wantSelector(t, r, `input#ontvangstcode[aria-invalid="true"][aria-describedby~="ontvangstcode-fout"]`)
		wantContains(t, r, "#ontvangstcode-fout", tc.message)
	}

	en := e.client()
	e.setLang(en, "en")
	r = e.post(en, "/noodrem/volgen", url.Values{"ontvangstcode": {"AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"}})
	wantStatus(t, r, http.StatusNotFound)
	checkPage(t, r, "en")
	wantText(t, r, ".brake-notice", "We do not know this receipt code. Check the code; after too many attempts you have to wait a moment.")
}

func TestFollowThrottled(t *testing.T) {
	e := newBrakeEnv(t)
	code := e.pullCitizen(nil)
	lim, err := throttle.New(throttle.Config{PerAddress: rate.Every(time.Minute), PerAddressBurst: 2, Global: rate.Inf})
	if err != nil {
		t.Fatal(err)
	}
	e.h.Brakes.Lookups = lim
	c := e.client()
	wantStatus(t, e.follow(c, code), http.StatusOK)
	wantStatus(t, e.follow(c, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"), http.StatusNotFound)
	r := e.follow(c, code)
	wantStatus(t, r, http.StatusTooManyRequests)
	checkPage(t, r, "nl")
	wantText(t, r, `.brake-notice[role="alert"]`, "Te veel pogingen met een ontvangstcode. Wacht even en probeer het dan opnieuw. Probeer het over 1 minuut opnieuw.")
	wantNoSelector(t, r, ".state")
	if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 60 {
		t.Errorf("Retry-After = %q", r.Header.Get("Retry-After"))
	}
	// Actions count too.
	r = e.post(c, "/noodrem/volgen/intrekking", url.Values{"ontvangstcode": {code}, "reden": {"x"}})
	wantStatus(t, r, http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After on a throttled action")
	}
	// A minute later it works again.
	e.clock.Set(e.clock.Now().Add(time.Minute))
	wantStatus(t, e.follow(c, code), http.StatusOK)

	// Citizens' brakes are throttled the same way.
	subs, err := throttle.New(throttle.Config{PerAddress: rate.Every(time.Hour), PerAddressBurst: 1, Global: rate.Inf})
	if err != nil {
		t.Fatal(err)
	}
	e.h.Brakes.Submissions = subs
	e.pullCitizen(nil)
	r = e.postCitizen(c, validCitizen(nil))
	wantStatus(t, r, http.StatusTooManyRequests)
	checkPage(t, r, "nl")
	wantText(t, r, ".brake-notice", "Er zijn net te veel noodremmen getrokken. Wacht even en probeer het dan opnieuw. Probeer het over 60 minuten opnieuw.")
	wantSelector(t, r, `input#kenmerk[value="UWV-2026-004711"]`)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After on a throttled brake")
	}
}

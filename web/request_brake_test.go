package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// The request page shows what a brake adds to its request to those who may
// see the request: the level, the identity choice of a professional, what
// it concerns, the rules as links, a citizen's decision and wanted outcome.

func TestRequestPageCitizenBrake(t *testing.T) {
	e := newBrakeEnv(t)
	id := e.brakeByCode(e.pullCitizen(nil)).RequestID
	coordinator := e.as("uwv-coordinator")

	r := e.get(coordinator, requestPath(id))
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantText(t, r, ".brake-details h2#noodrem", "Noodrem")
	wantSelector(t, r, `section.brake-details[aria-labelledby="noodrem"] dl.brake-summary`)
	wantText(t, r, ".brake-level", "burger")
	wantText(t, r, ".brake-reference", "UWV-2026-004711")
	wantText(t, r, ".brake-decision-date", "vrijdag 20 februari 2026")
	wantSelector(t, r, `.brake-decision-date time[datetime="2026-02-20"]`)
	wantText(t, r, ".brake-outcome", "Dat de uitkering doorloopt tot iemand naar mijn situatie heeft gekeken.")
	wantSelector(t, r, `dd.brake-outcome.user-text`)
	wantContains(t, r, ".brake-summary", "Kenmerk van het besluit")
	wantContains(t, r, ".brake-summary", "Datum van het besluit")
	wantContains(t, r, ".brake-summary", "Gewenste uitkomst")
	// What a citizen's brake does not have.
	wantNoSelector(t, r, ".brake-identity, .brake-concerned, .brake-rules")
	// The addressee answers on the same page.
	wantSelector(t, r, `form[action="`+requestPath(id)+`/antwoord"]`)

	e.setLang(coordinator, "en")
	r = e.get(coordinator, requestPath(id))
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "en")
	wantText(t, r, ".brake-details h2", "Emergency brake")
	wantText(t, r, ".brake-level", "citizen")
	wantText(t, r, ".brake-decision-date", "Friday 20 February 2026")
	labels := r.Text(t, ".brake-summary dt")
	for _, want := range []string{"Level", "Reference of the decision", "Date of the decision", "Wanted outcome"} {
		if !strings.Contains(labels, want) {
			t.Errorf("English labels %q lack %q", labels, want)
		}
	}
	for _, nl := range []string{"Niveau", "Kenmerk", "Datum", "Gewenste"} {
		if strings.Contains(labels, nl) {
			t.Errorf("English labels %q contain %q", labels, nl)
		}
	}
}

func TestRequestPageProfessionalBrake(t *testing.T) {
	e := newBrakeEnv(t)
	puller := e.as("svb-professional")
	coordinator := e.as("uwv-coordinator")
	id := idFromLocation(t, e.post(puller, "/noodrem/professional", validProfessional(schakel.IdentityNamed, func(v url.Values) {
		v.Set("regels[1]", "beleidsregel:uwv/BR-2024-12")
	})))

	r := e.get(coordinator, requestPath(id))
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantText(t, r, ".brake-level", "professional")
	wantText(t, r, ".brake-identity", "met naam")
	wantText(t, r, ".brake-concerned", "Werkinstructie WIA-herbeoordeling 2026-03")
	wantContains(t, r, ".brake-summary", "Betreft")
	wantContains(t, r, ".brake-summary", "Regels waar het om gaat")
	link := `.brake-rules a[href="https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=36"]`
	wantSelector(t, r, link)
	wantContains(t, r, link, "art. 36")
	// A policy rule has no page on wetten.overheid.nl: its label, no link.
	if n := r.Count(t, ".brake-rules li"); n != 2 {
		t.Errorf("%d rules, want 2", n)
	}
	wantContains(t, r, ".brake-rules li:nth-child(2)", "BR-2024-12")
	wantNoSelector(t, r, ".brake-rules li:nth-child(2) a")
	wantNoSelector(t, r, ".brake-rules li[lang]")
	// What only a citizen's brake has.
	wantNoSelector(t, r, ".brake-reference, .brake-decision-date, .brake-outcome")

	e.setLang(coordinator, "en")
	r = e.get(coordinator, requestPath(id))
	checkPage(t, r, "en")
	wantText(t, r, ".brake-identity", "by name")
	labels := r.Text(t, ".brake-summary dt")
	for _, want := range []string{"Level", "How the person who pulled it is known", "Concerns", "Rules concerned"} {
		if !strings.Contains(labels, want) {
			t.Errorf("English labels %q lack %q", labels, want)
		}
	}
	// The citation stays Dutch, and says so.
	wantSelector(t, r, `.brake-rules li[lang="nl"] `+link[len(".brake-rules "):])

	// A protected puller: the addressee sees the choice, not the person.
	kees := e.user("svb-professional")
	id = idFromLocation(t, e.post(puller, "/noodrem/professional", validProfessional(schakel.IdentityProtected, nil)))
	r = e.get(e.as("uwv-coordinator"), requestPath(id))
	wantStatus(t, r, http.StatusOK)
	wantText(t, r, ".brake-identity", "beschermd")
	if strings.Contains(r.Body, kees.Name) {
		t.Errorf("the page of a protected brake names the puller %q", kees.Name)
	}
}

func TestRequestPageNoBrake(t *testing.T) {
	e := newBrakeEnv(t)
	kees := e.user("svb-professional")
	c := e.as("svb-professional")
	for _, typ := range []schakel.RequestType{schakel.TypeGeneral, schakel.TypeProfessionalBrake} {
		t.Run(string(typ), func(t *testing.T) {
			req, err := e.h.Requests.Create(context.Background(), kees, requests.CreateInput{
				Type: typ, Subject: "Gewoon verzoek " + string(typ), Body: "Geen noodrem.", AddresseeCode: "uwv",
				Grounds: []schakel.Ground{{Principle: "zorgvuldigheid", Text: "Niet zorgvuldig."}},
			})
			if err != nil {
				t.Fatal(err)
			}
			r := e.get(c, requestPath(req.ID))
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
			wantNoSelector(t, r, ".brake-details, #noodrem, .brake-summary")
		})
	}
}

func TestBrakeViewRules(t *testing.T) {
	// A brake stored with rule references as they may be in older rows:
	// one that parses, a bare law, and text that does not parse.
	ctx := context.Background()
	clock := schakeltest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	st := storetest.OpenSQLite(t, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	szw := storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, szw.ID)
	board := storetest.MustUser(t, st, "board", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard})
	eng := &comply.Engine{Calendar: calendar.New()}
	req, ev, err := eng.New(comply.NewRequest{Type: schakel.TypeOrganisationBrake, Subject: "Opdracht terug",
		Grounds:   []schakel.Ground{{Principle: "legaliteit", Text: "Geen grondslag."}},
		Requester: schakel.Party{Kind: schakel.PartyOrganisation, UserID: board.ID, OrganisationID: uwv.ID}},
		[]schakel.Addressee{{OrganisationID: szw.ID, Role: schakel.RolePolicy}, {OrganisationID: szw.ID, Role: schakel.RoleMinister}}, nil, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	b := &schakel.Brake{Level: schakel.LevelOrganisation, Identity: schakel.IdentityNamed, Concerned: "Opdrachtbrief", Year: 2026,
		RuleRefs: []string{"jci1.3:c:BWBR0005537&artikel=4:84", "BWBR0005537", "geen verwijzing"}}
	if err := st.CreateBrake(ctx, b, req, ev, nil); err != nil {
		t.Fatal(err)
	}
	pg := &page{translator: translator{lang: langNL}, User: board}
	h := &Handler{Brakes: brakes.New(st, requests.New(st, eng, clock), clock, nil)}
	v, err := h.brakeView(ctx, pg, req)
	if err != nil || v == nil {
		t.Fatalf("brakeView = %v, %v", v, err)
	}
	want := []ruleView{
		{Label: "Algemene wet bestuursrecht, art. 4:84", URL: "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:84"},
		{Label: "Algemene wet bestuursrecht", URL: "https://wetten.overheid.nl/BWBR0005537/"},
		{Label: "geen verwijzing"}, // the raw text when it does not parse
	}
	if len(v.Rules) != len(want) {
		t.Fatalf("rules %+v, want %+v", v.Rules, want)
	}
	for i := range want {
		if v.Rules[i] != want[i] {
			t.Errorf("rule %d = %+v, want %+v", i, v.Rules[i], want[i])
		}
	}
	// An organisation's brake is open and by name: no identity to show.
	if v.Level != "organisatie" || v.Identity != "" || v.Concerned != "Opdrachtbrief" {
		t.Errorf("brakeView = %+v", v)
	}

	// Not a brake: by type, by a missing row, or without the service.
	for _, tc := range []struct {
		h   *Handler
		req *schakel.Request
	}{
		{h, &schakel.Request{ID: req.ID, Type: schakel.TypeGeneral}},
		{h, &schakel.Request{ID: req.ID + 1, Type: schakel.TypeCitizenBrake}},
		{&Handler{}, req},
	} {
		if v, err := tc.h.brakeView(context.Background(), pg, tc.req); v != nil || err != nil {
			t.Errorf("brakeView of request %d (%s) = %+v, %v; want nil, nil", tc.req.ID, tc.req.Type, v, err)
		}
	}
	// Any other error is the page's error: here the database is closed.
	st.Close()
	if v, err := h.brakeView(ctx, pg, req); err == nil || schakel.ErrorCode(err) != schakel.EINTERNAL {
		t.Errorf("brakeView on a closed store = %+v, %v; want an internal error", v, err)
	}
}

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/schakel-nl/schakel"
	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/store"
)

// TestCitizenReceiptOnPhone walks issue 15's citizen flow at 375 px: a
// citizen pulls a brake, reloads the receipt page (still one brake), saves
// it as a PDF and prints it (only the receipt), and after the organisation
// complies reads the answer in her own words with the links onward.
func TestCitizenReceiptOnPhone(t *testing.T) {
	t.Parallel()
	var st *store.Store
	var sa *schakelapp.App
	citizen := newAppWith(t, func(_ context.Context, s *store.Store, a *schakelapp.App) error {
		st, sa = s, a
		return nil
	})
	ctx := context.Background()
	if err := chromedp.Do(citizen.ctx, chromedp.EmulateViewport(375, 812)); err != nil {
		t.Fatal(err)
	}
	const ref = "WW/2026/77120"
	const body = "Mijn WW is gestopt, maar ik had wel gesolliciteerd."
	countBrakes := func() int {
		_, n, err := st.Brakes(ctx, schakel.BrakeFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := countBrakes()

	citizen.open("/noodrem/burger")
	citizen.choose("organisatie", "uwv")
	citizen.typeInto("kenmerk", ref)
	citizen.choose("datumBesluit", time.Now().AddDate(0, 0, -10).Format("2006-01-02"))
	citizen.typeInto("toelichting", body)
	citizen.tick("bezwaren-niet-gehoord")
	citizen.typeInto("gewensteUitkomst", "Dat mijn WW weer wordt betaald.")
	citizen.clickOK(`form[action="/noodrem/burger"] button[type=submit]`)

	citizen.wantText("main h1", "Uw ontvangstcode")
	code := citizen.text(".receipt-code code")
	if !receiptCode.MatchString(code) {
		citizen.fatal("receipt code %q", code)
	}
	if href := eval[string](citizen, `location.href`); !strings.HasSuffix(href, "/noodrem/burger/ontvangst") || strings.Contains(href, code) {
		citizen.fatal("the receipt is at %s", href)
	}
	if w := eval[int](citizen, `document.documentElement.scrollWidth`); w > 375 {
		citizen.fatal("the receipt page is %d px wide at 375 px", w)
	}
	// The receipt exists only right after a pull, so the sweep cannot
	// open it: it is checked here.
	citizen.checkAccessibilityHere("the receipt page at 375 px")
	citizen.screenshot("noodrem-ontvangst")

	// A reload shows the same receipt and files nothing.
	if err := chromedp.Do(citizen.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if again := citizen.text(".receipt-code code"); again != code {
		citizen.fatal("after a reload the code is %q, want %q", again, code)
	}
	if n := countBrakes(); n != before+1 {
		citizen.fatal("%d brakes after a reload, want %d", n, before+1)
	}

	// The PDF is a PDF with the code.
	type pdfSeen struct {
		Type    string `json:"type"`
		Head    string `json:"head"`
		HasCode bool   `json:"hasCode"`
	}
	expr := `fetch(document.querySelector("a.receipt-pdf").href).then(r => r.text().then(t => ({type: r.headers.get("Content-Type"), head: t.slice(0, 5), hasCode: t.includes(` + jsString(code) + `)})))`
	pdf, err := chromedp.Run(citizen.ctx, chromedp.Evaluate[pdfSeen](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if pdf.Type != "application/pdf" || pdf.Head != "%PDF-" || !pdf.HasCode {
		citizen.fatal("PDF download: %+v", pdf)
	}

	// Printed, only the receipt shows.
	reduced := []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}
	if _, err := chromedp.Call(citizen.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print", Features: reduced}); err != nil {
		t.Fatal(err)
	}
	hidden := eval[[]bool](citizen, `[".site-header", ".site-footer", ".receipt-keep", ".brake-done"].map(s => document.querySelector(s).getClientRects().length === 0)`)
	for i, h := range hidden {
		if !h {
			citizen.fatal("printing shows part %d of header, footer, actions, message", i)
		}
	}
	if !eval[bool](citizen, `document.querySelector(".receipt-code code").getClientRects().length > 0`) {
		citizen.fatal("printing hides the receipt")
	}
	if _, err := chromedp.Call(citizen.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: reduced}); err != nil {
		t.Fatal(err)
	}

	// UWV complies, through the service.
	c, err := receipt.Parse(code)
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.BrakeByReceipt(ctx, c.Lookup())
	if err != nil {
		t.Fatal(err)
	}
	us, _, err := st.Users(ctx, schakel.UserFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var coord *schakel.User
	for _, u := range us {
		if u.Subject == "uwv-coordinator" {
			coord, _ = st.User(ctx, u.ID)
		}
	}
	if coord == nil {
		t.Fatal("no uwv-coordinator in the demo world")
	}
	by := sa.Requests().Engine.Calendar.Today(time.Now()).AddDays(30)
	if _, err := sa.Requests().Answer(ctx, coord, b.RequestID, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Comply,
		Changes: "Wij betalen uw WW weer vanaf de maand waarin hij stopte.", ByWhen: by}}); err != nil {
		t.Fatal(err)
	}

	// She follows the answer from the receipt.
	citizen.clickOK(`.receipt a[href="/noodrem/volgen"]`)
	citizen.follow(code)
	citizen.wantText("main h1", "Uw noodrem")
	citizen.wantText(".answer h3", "Wat de organisatie doet")
	citizen.wantText(".answer .changes", "Wij betalen uw WW weer")
	citizen.wantText(".own-text", body)
	citizen.wantText(".onward", "Bezwaar maken", "6 weken", "Het Juridisch Loket", "Nationale ombudsman")
	for _, href := range []string{"https://www.juridischloket.nl", "https://www.nationaleombudsman.nl"} {
		citizen.see(`.onward a[href="` + href + `"]`)
	}
	if w := eval[int](citizen, `document.documentElement.scrollWidth`); w > 375 {
		citizen.fatal("the follow page is %d px wide at 375 px", w)
	}
	citizen.checkAccessibilityHere("the follow page with an answer at 375 px")
	citizen.screenshot("noodrem-antwoord")
}

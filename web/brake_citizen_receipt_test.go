package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

func TestCitizenReceiptPostRedirectGet(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.client()
	form := validCitizen(nil)
	form.Set(tokenField, e.citizenToken(c))
	first := e.post(c, "/noodrem/burger", form)
	r := e.receiptAfter(c, first)
	code := wantReceipt(t, r)
	checkPage(t, r, "nl")
	wantSelector(t, r, `a.receipt-pdf[href="/noodrem/burger/ontvangst/pdf"]`)
	wantContains(t, r, ".receipt-until", "Wij laten deze pagina zien tot")
	// The cookie carries a key, never the code; nothing carries it in a URL.
	ck := first.Header.Get("Set-Cookie")
	if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Strict") || strings.Contains(ck, code) {
		t.Errorf("cookie %q", ck)
	}
	if strings.Contains(first.Header.Get("Location"), code) || strings.Contains(r.Body, "?"+code) {
		t.Error("the code is in a URL")
	}

	// Reloading the receipt shows the same code; sending the form again
	// (reload of the POST, double click) files nothing and leads to it.
	if again := wantReceipt(t, e.get(c, citizenReceiptPath)); again != code {
		t.Errorf("reload shows %s, want %s", again, code)
	}
	if again := wantReceipt(t, e.receiptAfter(c, e.post(c, "/noodrem/burger", form))); again != code {
		t.Errorf("second POST shows %s, want %s", again, code)
	}
	if _, n, err := e.st.Brakes(context.Background(), schakel.BrakeFilter{}); err != nil || n != 1 {
		t.Errorf("%d brakes after a second POST with one token, %v", n, err)
	}

	// The PDF holds the code, the date and the organisation.
	pdf := e.get(c, citizenReceiptPath+"/pdf")
	wantStatus(t, pdf, http.StatusOK)
	if ct := pdf.Header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF-") {
		t.Fatalf("PDF: %s %.20q", ct, pdf.Body)
	}
	for _, want := range []string{code, "UWV", "2 maart 2026", "13 april 2026"} {
		if !strings.Contains(pdf.Body, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if pdf.Header.Get("Cache-Control") != "no-store" || !strings.Contains(pdf.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("PDF headers %v", pdf.Header)
	}

	// Another browser does not see it; after resultTTL nobody does.
	other := e.get(e.client(), citizenReceiptPath)
	wantStatus(t, other, http.StatusGone)
	checkPage(t, other, "nl")
	wantSelector(t, other, ".receipt-expired")
	wantNoSelector(t, other, ".receipt-code")
	e.clock.Set(e.clock.Now().Add(resultTTL))
	r = e.get(c, citizenReceiptPath)
	wantStatus(t, r, http.StatusGone)
	wantText(t, r, "h1", "Deze pagina is verlopen")
	if strings.Contains(r.Body, code) {
		t.Error("the expired page shows the code")
	}
	wantStatus(t, e.get(c, citizenReceiptPath+"/pdf"), http.StatusGone)
	if logs := e.site.logs.String(); strings.Contains(logs, code) || strings.Contains(logs, code[:4]) {
		t.Errorf("the code reached the log: %s", logs)
	}

	en := e.client()
	e.setLang(en, "en")
	r = e.get(en, citizenReceiptPath)
	checkPage(t, r, "en")
	wantText(t, r, "h1", "This page has expired")
}

func TestCitizenFormTokenRefused(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.client()
	for _, tok := range []string{"", "onbekend"} {
		form := validCitizen(nil)
		form.Set(tokenField, tok)
		r := e.post(c, "/noodrem/burger", form)
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantContains(t, r, ".brake-notice", "Dit formulier was verlopen. Er is nog niets verstuurd.")
		wantSelector(t, r, `input#kenmerk[value="UWV-2026-004711"]`)
		if v, _ := r.Doc(t).Find(`input[name="formulierToken"]`).Attr("value"); len(v) < 40 || v == tok {
			t.Errorf("new token %q", v)
		}
	}
	// A token older than tokenTTL is refused too.
	tok := e.citizenToken(c)
	e.clock.Set(e.clock.Now().Add(tokenTTL))
	form := validCitizen(nil)
	form.Set(tokenField, tok)
	wantStatus(t, e.post(c, "/noodrem/burger", form), http.StatusBadRequest)
	// An invalid form keeps its token: corrected, it is filed with it.
	tok = e.citizenToken(c)
	bad := validCitizen(func(v url.Values) { v.Set("kenmerk", "") })
	bad.Set(tokenField, tok)
	r := e.post(c, "/noodrem/burger", bad)
	wantStatus(t, r, http.StatusBadRequest)
	if v, _ := r.Doc(t).Find(`input[name="formulierToken"]`).Attr("value"); v != tok {
		t.Errorf("token after errors %q, want %q", v, tok)
	}
	good := validCitizen(nil)
	good.Set(tokenField, tok)
	wantReceipt(t, e.receiptAfter(c, e.post(c, "/noodrem/burger", good)))
	if _, n, err := e.st.Brakes(context.Background(), schakel.BrakeFilter{}); err != nil || n != 1 {
		t.Errorf("%d brakes, %v", n, err)
	}
}

func TestCitizenDoubleClick(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.client()
	form := validCitizen(nil)
	form.Set(tokenField, e.citizenToken(c))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			req, _ := http.NewRequest("POST", e.srv.URL+"/noodrem/burger", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := c.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("status %d", resp.StatusCode)
			}
		})
	}
	wg.Wait()
	if _, n, err := e.st.Brakes(context.Background(), schakel.BrakeFilter{}); err != nil || n != 1 {
		t.Errorf("%d brakes after four clicks, %v", n, err)
	}
}

func TestFormTokensBounded(t *testing.T) {
	ft := newFormTokens()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	// A receipt just filed, and a form being filed, before a flood.
	filed := ft.issue(now)
	if o, _, _ := ft.claim(context.Background(), filed, now); o != claimFile {
		t.Fatal("claim")
	}
	view := ft.finish(filed, pulledReceipt{Code: "K7QM"}, now)
	busy := ft.issue(now)
	if o, _, _ := ft.claim(context.Background(), busy, now); o != claimFile {
		t.Fatal("claim")
	}
	for i := range 3 * maxTokens {
		ft.issue(now.Add(time.Duration(i) * time.Millisecond))
	}
	if len(ft.entries) > maxTokens {
		t.Errorf("%d tokens kept, at most %d", len(ft.entries), maxTokens)
	}
	if r, ok := ft.result(view, now.Add(time.Minute)); !ok || r.(pulledReceipt).Code != "K7QM" {
		t.Error("a flood of forms made a receipt still shown disappear")
	}
	if e := ft.entries[busy]; e == nil || e.state != tokenBusy {
		t.Error("a flood of forms forgot a submission being filed")
	}
	ft.release("nope") // unknown: nothing happens
	if _, ok := ft.result("", now); ok {
		t.Error("an empty view key opens a result")
	}
}

package web

import (
	"context"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/proofs"
)

func TestLedgerBook(t *testing.T) {
	w := newRequestWorld(t)
	c := w.client()

	// Without a checkpoint the page says so and still explains.
	r := w.get(c, "/logboek")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantSelector(t, r, "main .empty-state")
	wantNoSelector(t, r, "main .log-size")
	w.h.Proofs = proofs.New(w.st)
	r = w.get(c, "/logboek")
	wantSelector(t, r, "main .empty-state")

	skey, vkey, err := ledger.GenerateKey("schakel.test/log")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey, "schakel.test/log")
	if err != nil {
		t.Fatal(err)
	}
	w.h.LedgerKey = vkey
	w.create("Eerste signaal")
	w.create("Tweede signaal")
	if _, _, err := (&jobs.LedgerJob{Store: w.st, Signer: signer}).RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, note, err := w.st.LatestCheckpoint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cp, err := ledger.OpenCheckpoint(note, vkey, "schakel.test/log")
	if err != nil {
		t.Fatal(err)
	}

	for _, lang := range []string{"nl", "en"} {
		w.setLang(c, lang)
		r := w.get(c, "/logboek")
		wantStatus(t, r, 200)
		checkPage(t, r, lang)
		wantNoSelector(t, r, "main .empty-state")
		wantText(t, r, "main .log-size", "2")
		wantText(t, r, "main code.log-root", cp.Root.String())
		wantText(t, r, "main code.log-origin", "schakel.test/log")
		wantText(t, r, "main code.log-key", vkey)
		if got := r.Doc(t).Find("main pre.log-note").Text(); got != string(note) {
			t.Errorf("note on the page %q, want %q", got, note)
		}
		wantSelector(t, r, "main time.log-time[datetime]")
		wantContains(t, r, "main pre.log-command", "schakel verify --url "+w.srv.URL+" --key "+vkey)
		wantSelector(t, r, `main a[href="/log/checkpoint"]`)
		wantSelector(t, r, `footer a[href="/logboek"]`)
		want := map[string]string{"nl": "Openbaar logboek", "en": "Public record"}[lang]
		wantText(t, r, "h1", want)
		if lang == "en" && strings.Contains(r.Text(t, "main"), "gebeurtenis") {
			t.Error("English page has Dutch text")
		}
	}
}

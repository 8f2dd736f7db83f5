package server_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// snapshot is every row of every table, as text, by table.
type snapshot map[string]map[string]bool

func takeSnapshot(t *testing.T, db *sql.DB) snapshot {
	t.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	out := snapshot{}
	for _, table := range tables {
		out[table] = map[string]bool{}
		rs, err := db.Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, c := range cols {
				v := vals[i]
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%v\x1f", c, v)
			}
			out[table][b.String()] = true
		}
		rs.Close()
	}
	return out
}

// TestAnonymousBrakeLeavesNoTrace pulls an anonymous professional's brake
// and a citizen's brake while logged in, from a known address, through the
// API, then another brake through the page and follows it by code, and scans
// every row they added or changed in every table, and every log line, for
// the user, the session and the address.
func TestAnonymousBrakeLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Demo = true
	// Sessions expire by the wall clock (scs), so the clock starts now.
	clock := schakeltest.NewClock(time.Now())
	st := storetest.OpenSQLite(t, clock)
	if _, err := demo.Build(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	srv, err := app.New(&cfg, st, clock, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), nil)
	if err != nil {
		t.Fatal(err)
	}
	puller := demoUser(t, st, "politie-professional")
	const ip = "203.0.113.77"
	send := func(method, path, contentType, body, cookie string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.RemoteAddr = ip + ":51234"
		req.Header.Set("Content-Type", contentType)
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "schakel_sessie", Value: cookie})
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec
	}
	login := send("POST", "/demo/inloggen", "application/x-www-form-urlencoded", url.Values{"gebruiker": {strconv.FormatInt(puller.ID, 10)}}.Encode(), "")
	var token string
	for _, c := range login.Result().Cookies() {
		if c.Name == "schakel_sessie" {
			token = c.Value
		}
	}
	if login.Code != http.StatusSeeOther || token == "" {
		t.Fatalf("demo login: %d, cookie %q", login.Code, token)
	}
	if me := send("GET", "/api/v1/gebruikers/ik", "", "", token); me.Code != 200 {
		t.Fatalf("not logged in: %d", me.Code)
	}

	// The professional's form, as the browser gets it: with its one-time
	// token (opened before the pull, so it may touch the session).
	form := send("GET", "/noodrem/professional", "", "", token)
	formToken := regexp.MustCompile(`name="formulierToken" value="([^"]+)"`).FindStringSubmatch(form.Body.String())
	if form.Code != http.StatusOK || formToken == nil {
		t.Fatalf("professional form: %d, token %v", form.Code, formToken)
	}

	// Long enough that any other request would record the session as seen.
	clock.Advance(5 * time.Minute)
	before := takeSnapshot(t, st.DB())
	logs.Reset()
	anon := send("POST", "/api/v1/noodremmen", "application/json", `{"niveau": "professional", "organisatie": "politie", "identiteit": "anoniem",
		"betreft": "Aangifte alleen digitaal", "regels": ["jci1.3:c:BWBR0001903&artikel=163"], "onderwerp": "Ouderen kunnen geen aangifte doen",
		"gronden": [{"beginsel": "gelijkheid", "toelichting": "Wie niet digitaal is, kan geen aangifte doen."}]}`, token)
	citizen := send("POST", "/api/v1/noodremmen", "application/json", `{"niveau": "burger", "organisatie": "uwv", "kenmerk": "UWV-2026-1",
		"datumBesluit": "2025-11-02", "toelichting": "Ik ben niet gehoord.", "bezwaren": ["niet-gehoord"], "gewensteUitkomst": "Opnieuw beslissen."}`, token)
	for _, rec := range []*httptest.ResponseRecorder{anon, citizen} {
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), `"ontvangstcode"`) {
			t.Fatalf("pull: %d %s", rec.Code, rec.Body)
		}
	}
	// The same through the page, and following it by code there.
	page := send("POST", "/noodrem/professional", "application/x-www-form-urlencoded", url.Values{
		"organisatie": {"politie"}, "identiteit": {"anoniem"}, "betreft": {"Aangifte alleen digitaal"},
		"regels[0]": {"jci1.3:c:BWBR0001903&artikel=163"}, "onderwerp": {"Ouderen kunnen geen aangifte doen"},
		"gronden[0].beginsel": {"gelijkheid"}, "gronden[0].toelichting": {"Wie niet digitaal is, kan geen aangifte doen."},
		"formulierToken": {formToken[1]},
	}.Encode(), token)
	if page.Code != http.StatusSeeOther || page.Header().Get("Location") != "/noodrem/professional/ontvangst" {
		t.Fatalf("pull through the page: %d to %q", page.Code, page.Header().Get("Location"))
	}
	// The receipt page, with the session and the receipt's own cookie.
	receiptReq := httptest.NewRequest("GET", "/noodrem/professional/ontvangst", nil)
	receiptReq.RemoteAddr = ip + ":51234"
	receiptReq.AddCookie(&http.Cookie{Name: "schakel_sessie", Value: token})
	for _, c := range page.Result().Cookies() {
		receiptReq.AddCookie(c)
	}
	shown := httptest.NewRecorder()
	srv.ServeHTTP(shown, receiptReq)
	code := receiptCode.FindString(shown.Body.String())
	if shown.Code != http.StatusOK || code == "" {
		t.Fatalf("the receipt page: %d, code %q", shown.Code, code)
	}
	if c := shown.Result().Cookies(); len(c) != 0 {
		t.Errorf("the receipt page sets cookies: %v", c)
	}
	if followed := send("POST", "/noodrem/volgen", "application/x-www-form-urlencoded", url.Values{"ontvangstcode": {code}}.Encode(), token); followed.Code != http.StatusOK {
		t.Fatalf("follow through the page: %d", followed.Code)
	}
	// The sequencer and the notifier run over the new events too.
	if _, err := st.SequenceLedger(ctx, 1000); err != nil {
		t.Fatal(err)
	}
	if _, err := st.QueueNotifications(ctx, clock.Now(), 1000); err != nil {
		t.Fatal(err)
	}
	after := takeSnapshot(t, st.DB())

	forbidden := []string{ip, token, puller.Name, puller.Subject}
	added := 0
	for table, rows := range after {
		for row := range rows {
			if before[table][row] {
				continue
			}
			added++
			if table == "sessions" {
				t.Errorf("the pull changed the session: %q", row)
				continue
			}
			for _, f := range forbidden {
				if strings.Contains(row, f) {
					t.Errorf("%s holds %q: %q", table, f, row)
				}
			}
			for _, field := range strings.Split(row, "\x1f") {
				name, value, _ := strings.Cut(field, "=")
				if strings.Contains(name, "user") && value != "<nil>" && value != "0" {
					t.Errorf("%s.%s = %s after an anonymous pull", table, name, value)
				}
			}
		}
	}
	if added < 9 {
		t.Fatalf("only %d rows added: the scan saw nothing", added)
	}
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		for _, f := range append(forbidden, strconv.FormatInt(puller.ID, 10)+`,`, `"user`, `"gebruiker`) {
			if strings.Contains(line, f) {
				t.Errorf("log line holds %q: %s", f, line)
			}
		}
	}
	if !strings.Contains(logs.String(), "/api/v1/noodremmen") {
		t.Fatalf("no log line of the pulls was scanned: %s", logs.String())
	}
}

// receiptCode finds a receipt code in a page.
var receiptCode = regexp.MustCompile(`[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}`)

// demoUser returns the demo user with subject.
func demoUser(t *testing.T, st *store.Store, subject string) *schakel.User {
	t.Helper()
	users, _, err := st.Users(context.Background(), schakel.UserFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Subject == subject {
			return u
		}
	}
	t.Fatalf("no demo user %s", subject)
	return nil
}

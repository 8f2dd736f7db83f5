package storetest

import (
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["SaveDraft"] = testSaveDraft
	tests["Draft"] = testSaveDraft
	tests["DeleteDraft"] = testDeleteDraft
}

// testSaveDraft: a draft comes back with its target and every field value
// in order (text with newlines, quotes and "&" intact) until it expires;
// then it is ENOTFOUND, and the next save removes it. A draft without id
// or target is refused naming both, and nothing is stored.
func testSaveDraft(e *env) {
	d := &schakel.Draft{ID: "abc", Target: "/verzoeken/7", Fields: map[string][]string{
		"uitleg":        {"Eerste regel.\nTweede & \"derde\" = 100%"},
		"afwegingen[0]": {"a", "b"},
		"leeg":          {""},
	}, ExpiresAt: e.clock.Now().Add(2 * time.Hour)}
	must(e.t, e.s.SaveDraft(e.ctx, d))
	got, err := e.s.Draft(e.ctx, "abc")
	must(e.t, err)
	if got.Target != d.Target || !got.ExpiresAt.Equal(d.ExpiresAt) || len(got.Fields) != 3 ||
		got.Fields["uitleg"][0] != d.Fields["uitleg"][0] || !slices.Equal(got.Fields["afwegingen[0]"], []string{"a", "b"}) || got.Fields["leeg"][0] != "" {
		e.t.Fatalf("draft = %+v, want %+v", got, d)
	}
	_, err = e.s.Draft(e.ctx, "other")
	wantCode(e.t, err, schakel.ENOTFOUND)

	wantFields(e.t, e.s.SaveDraft(e.ctx, &schakel.Draft{ExpiresAt: e.clock.Now().Add(time.Hour)}), "id", "target")

	e.clock.Advance(2 * time.Hour)
	_, err = e.s.Draft(e.ctx, "abc")
	wantCode(e.t, err, schakel.ENOTFOUND)
	must(e.t, e.s.SaveDraft(e.ctx, &schakel.Draft{ID: "def", Target: "/", ExpiresAt: e.clock.Now().Add(time.Hour)}))
	var n int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT COUNT(*) FROM drafts").Scan(&n))
	if n != 1 {
		e.t.Fatalf("%d drafts after the expired one was swept, want 1", n)
	}
}

// testDeleteDraft: a deleted draft is gone; deleting it again is no error.
func testDeleteDraft(e *env) {
	must(e.t, e.s.SaveDraft(e.ctx, &schakel.Draft{ID: "x", Target: "/", Fields: map[string][]string{"a": {"1"}}, ExpiresAt: e.clock.Now().Add(time.Hour)}))
	must(e.t, e.s.DeleteDraft(e.ctx, "x"))
	_, err := e.s.Draft(e.ctx, "x")
	wantCode(e.t, err, schakel.ENOTFOUND)
	must(e.t, e.s.DeleteDraft(e.ctx, "x"))
}

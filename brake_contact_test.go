package schakel

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckBrakeEmail(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"   ", "", true},
		{"burger@example.nl", "burger@example.nl", true},
		{" burger@example.nl ", "burger@example.nl", true},
		{"j.de.vries+noodrem@mail.example.com", "j.de.vries+noodrem@mail.example.com", true},
		{"burger", "burger", false},
		{"burger@localhost", "burger@localhost", false},
		{"Jan <jan@example.nl>", "Jan <jan@example.nl>", false},
		{"a@example.nl, b@example.nl", "a@example.nl, b@example.nl", false},
		{"jan@example.nl.", "jan@example.nl.", false},
		{"@example.nl", "@example.nl", false},
		{"jan@exa mple.nl", "jan@exa mple.nl", false},
		{"jan\x00@example.nl", "jan\x00@example.nl", false},
		{"jan@example.nl (thuis)", "jan@example.nl (thuis)", false},
		{`"a,b"@example.nl`, `"a,b"@example.nl`, false},
		{"a@[127.0.0.1]", "a@[127.0.0.1]", false},
		{strings.Repeat("a", 250) + "@x.nl", strings.Repeat("a", 250) + "@x.nl", false},
	} {
		var v Validation
		got := CheckBrakeEmail(&v, tc.in)
		if got != tc.want || (v.Err() == nil) != tc.ok {
			t.Errorf("CheckBrakeEmail(%q) = %q, %v; want %q, ok %v", tc.in, got, v.Err(), tc.want, tc.ok)
		}
		if !tc.ok && !v.Names("email") {
			t.Errorf("CheckBrakeEmail(%q) does not name the field", tc.in)
		}
	}
}

func FuzzCheckBrakeEmail(f *testing.F) {
	for _, s := range []string{"burger@example.nl", "a@b.c", "Jan <j@x.nl>", "\"a b\"@x.nl", "a@[127.0.0.1]", "é@ü.nl", "a@b.nl\r\nBcc: x@y.nl"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var v Validation
		got := CheckBrakeEmail(&v, in)
		if v.Err() != nil {
			return
		}
		// An accepted address is safe to put in a mail header and to store.
		if len(got) > MaxBrakeEmail || strings.ContainsAny(got, "\r\n\x00 <>,\"") || !utf8.ValidString(got) {
			t.Fatalf("accepted %q", got)
		}
		if got != "" && (strings.Count(got, "@") < 1 || !strings.Contains(got[strings.LastIndexByte(got, '@'):], ".")) {
			t.Fatalf("accepted %q", got)
		}
	})
}

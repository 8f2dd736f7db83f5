package receipt

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
)

// stream is a deterministic reader for tests: SHA-256 of a counter, so
// successive reads give different, reproducible bytes.
type stream struct {
	n   uint64
	buf []byte
}

func (s *stream) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		if len(s.buf) == 0 {
			var ctr [8]byte
			binary.BigEndian.PutUint64(ctr[:], s.n)
			s.n++
			sum := sha256.Sum256(ctr[:])
			s.buf = sum[:]
		}
		n := copy(p, s.buf)
		s.buf = s.buf[n:]
		p = p[n:]
		total += n
	}
	return total, nil
}

// mustGenerate returns a code from r or fails the test.
func mustGenerate(tb testing.TB, r io.Reader) Code {
	tb.Helper()
	c, err := Generate(r)
	if err != nil {
		tb.Fatalf("Generate: %v", err)
	}
	return c
}

// mustParse returns the code s or fails the test.
func mustParse(tb testing.TB, s string) Code {
	tb.Helper()
	c, err := Parse(s)
	if err != nil {
		tb.Fatalf("Parse(%q): %v", s, err)
	}
	return c
}

func TestGenerate(t *testing.T) {
	r := &stream{}
	seen := map[string]bool{}
	lookups := map[string]bool{}
	for i := 0; i < 1000; i++ {
		c := mustGenerate(t, r)
		all := c.lookup + c.secret
		if len(all) != Length || len(c.Lookup()) != LookupLength {
			t.Fatalf("code %q: %d characters, lookup %q", all, len(all), c.Lookup())
		}
		for _, ch := range all {
			if !strings.ContainsRune(Alphabet, ch) {
				t.Fatalf("code %q holds %q, not in the alphabet", all, ch)
			}
		}
		if seen[all] {
			t.Fatalf("code %q generated twice", all)
		}
		seen[all] = true
		lookups[c.Lookup()] = true
	}
	if len(lookups) != 1000 {
		t.Errorf("%d distinct lookup halves of 1000 codes", len(lookups))
	}
}

func TestGenerateEncoding(t *testing.T) {
	// Known bits give known characters: every 5 bits one character, most
	// significant first, so all-zero bytes are all '0' and all-one bytes
	// are all 'Z', and 00 44 32 14 C7 is 00000 00001 00010 … 00111: 0 to 7.
	tests := []struct {
		name  string
		bytes []byte
		want  string
	}{
		{"zeros", make([]byte, 15), "0000-0000-0000-0000-0000-0000"},
		{"ones", bytes.Repeat([]byte{0xff}, 15), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"},
		{"counting", append(append([]byte{0x00, 0x44, 0x32, 0x14, 0xC7}, make([]byte, 5)...), bytes.Repeat([]byte{0xff}, 5)...), "0123-4567-0000-0000-ZZZZ-ZZZZ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustGenerate(t, bytes.NewReader(tt.bytes))
			if got := c.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGenerateShortRead(t *testing.T) {
	_, err := Generate(bytes.NewReader(make([]byte, 14)))
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Generate from 14 bytes: error %v, want io.ErrUnexpectedEOF", err)
	}
}

func TestStringParseRoundTrip(t *testing.T) {
	r := &stream{}
	for i := 0; i < 200; i++ {
		c := mustGenerate(t, r)
		s := c.String()
		if len(s) != 29 || strings.Count(s, "-") != 5 {
			t.Fatalf("String() = %q, want six groups of four", s)
		}
		if got := mustParse(t, s); got != c {
			t.Fatalf("Parse(%q) = %#v, want %#v", s, got, c)
		}
		if !strings.HasPrefix(strings.ReplaceAll(s, "-", ""), c.Lookup()) {
			t.Fatalf("String() %q does not start with Lookup() %q", s, c.Lookup())
		}
	}
}

func TestParse(t *testing.T) {
	const want = "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA"
	accepted := []struct {
		name, in, want string
	}{
		{"shown form", "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA", want},
		{"lower case", "k7qm-2xhd-9rtb-w4np-cj6e-8fga", want},
		{"no dashes", "K7QM2XHD9RTBW4NPCJ6E8FGA", want},
		{"spaces", "K7QM 2XHD 9RTB W4NP CJ6E 8FGA", want},
		{"around and inside", "  k7qm - 2xhd\t9rtb\nw4np cj6e 8fga \r\n", want},
		{"other groups", "K7 QM2X HD9RT BW4NPC J6E8FGA", want},
		{"en dash and no-break space", "K7QM–2XHD\u00a09RTB‑W4NP—CJ6E 8FGA", want},
		{"O is zero", "OOOO-OOOO-oooo-0000-0000-0000", "0000-0000-0000-0000-0000-0000"},
		{"I and L are one", "IIII-LLLL-iiii-llll-1111-1111", "1111-1111-1111-1111-1111-1111"},
	}
	for _, tt := range accepted {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, tt.in)
			if got := c.String(); got != tt.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}

	rejected := []struct {
		name, in, code string
	}{
		{"empty", "", "required"},
		{"only separators", " - - ", "required"},
		{"too short", "K7QM-2XHD-9RTB-W4NP-CJ6E-8FG", "length"},
		{"too long", "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGAB", "length"},
		{"lookup half only", "K7QM-2XHD", "length"},
		{"absurdly long", strings.Repeat("A", 10000), "length"},
		{"U", "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGU", "character"},
		{"lower u", "u7QM-2XHD-9RTB-W4NP-CJ6E-8FGA", "character"},
		{"punctuation", "K7QM.2XHD.9RTB.W4NP.CJ6E.8FGA", "character"},
		{"underscore", "K7QM_2XHD_9RTB_W4NP_CJ6E_8FGA", "character"},
		{"accented letter", "K7QM-2XHD-9RTB-W4NP-CJ6É-8FGA", "character"},
		{"full-width digit", "K7QM-2XHD-9RTB-W4NP-CJ6E-８FGA", "character"},
		{"invalid UTF-8", "K7QM-2XHD-9RTB-W4NP-CJ6E-8FG\xff", "character"},
	}
	for _, tt := range rejected {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.in, c)
			}
			if !c.IsZero() {
				t.Errorf("Parse(%q) returned %#v with its error, want the zero Code", tt.in, c)
			}
			if code := schakel.ErrorCode(err); code != schakel.EINVALID {
				t.Errorf("error code %q, want %q", code, schakel.EINVALID)
			}
			if msg := schakel.ErrorMessage(err); msg != "De invoer is niet geldig." {
				t.Errorf("message %q", msg)
			}
			fields := schakel.ErrorFields(err)
			if len(fields) != 1 || fields[0].Field != "ontvangstcode" || fields[0].Code != tt.code {
				t.Fatalf("fields %+v, want one on ontvangstcode with code %q", fields, tt.code)
			}
			if reason := fields[0].Reason(); reason == "" || strings.Contains(reason, "%!") {
				t.Errorf("reason %q is not a good message", reason)
			}
		})
	}
}

func TestParseMessages(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"K7QM-2XHD", "Een ontvangstcode heeft 24 tekens in zes groepen van vier, zoals K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA. De invoer heeft er 8."},
		{"K7QM-2XHD-9RTB-W4NP-CJ6E-8FGU", "Het teken 'U' komt niet voor in een ontvangstcode. Een ontvangstcode bevat alleen cijfers en de letters A tot en met Z zonder de U."},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		fields := schakel.ErrorFields(err)
		if len(fields) != 1 {
			t.Fatalf("Parse(%q): fields %+v", tt.in, fields)
		}
		if got := fields[0].Reason(); got != tt.want {
			t.Errorf("Parse(%q) reason\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestZeroCode(t *testing.T) {
	var c Code
	if !c.IsZero() || c.String() != "" || c.Lookup() != "" {
		t.Errorf("zero Code: IsZero %v, String %q, Lookup %q", c.IsZero(), c.String(), c.Lookup())
	}
	if mustParse(t, "0000-0000-0000-0000-0000-0000").IsZero() {
		t.Error("the all-zero code is a valid code, not the zero Code")
	}
}

func TestLogValueHidesSecret(t *testing.T) {
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("lookup", "code", c)
	out := buf.String()
	if !strings.Contains(out, "K7QM-2XHD-…") {
		t.Errorf("log %q does not show the lookup half", out)
	}
	for _, part := range []string{"9RTB", "W4NP", "CJ6E", "8FGA"} {
		if strings.Contains(out, part) {
			t.Errorf("log %q shows secret part %q", out, part)
		}
	}
}

package receipt

import (
	"bytes"
	"testing"

	"github.com/schakel-nl/schakel"
)

// FuzzParse checks that Parse never panics, fails only with an EINVALID
// error on the field ontvangstcode, and that what it accepts is a code whose
// shown form reads back as itself; and that every generated code survives
// String and Parse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA",
		"k7qm2xhd9rtbw4npcj6e8fga",
		" K7QM 2XHD 9RTB W4NP CJ6E 8FGA ",
		"OOOO-IIII-LLLL-oooo-iiii-llll",
		"K7QM-2XHD-9RTB-W4NP-CJ6E-8FGU",
		"K7QM–2XHD\u00a09RTB",
		"",
		"-",
		"\xff\xfe",
	} {
		f.Add(s, []byte(s))
	}
	f.Fuzz(func(t *testing.T, s string, random []byte) {
		c, err := Parse(s)
		if err != nil {
			if schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("Parse(%q) error code %q, want %q", s, schakel.ErrorCode(err), schakel.EINVALID)
			}
			fields := schakel.ErrorFields(err)
			if len(fields) != 1 || fields[0].Field != Field {
				t.Fatalf("Parse(%q) error fields %+v", s, fields)
			}
			if !c.IsZero() {
				t.Fatalf("Parse(%q) returned %#v with an error", s, c)
			}
		} else {
			shown := c.String()
			again, err := Parse(shown)
			if err != nil || again != c {
				t.Fatalf("Parse(%q) = %q, which parses as %#v, %v", s, shown, again, err)
			}
			if len(c.Lookup()) != LookupLength {
				t.Fatalf("Parse(%q) lookup %q", s, c.Lookup())
			}
		}

		if len(random) < randomBytes {
			return
		}
		g, err := Generate(bytes.NewReader(random))
		if err != nil {
			t.Fatalf("Generate: %v", err)
		}
		back, err := Parse(g.String())
		if err != nil || back != g {
			t.Fatalf("Parse(%q) = %#v, %v; want %#v", g.String(), back, err, g)
		}
	})
}

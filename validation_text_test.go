package schakel_test

import (
	"slices"
	"testing"

	"github.com/schakel-nl/schakel"
)

// TestValidationText: trimmed, required, at most max characters (not
// bytes), and never with a NUL character.
func TestValidationText(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		max         int
		required    bool
		want        string
		codes       []string
	}{
		{"trimmed", "  een tekst \n", 20, true, "een tekst", nil},
		{"missing", "   ", 20, true, "", []string{"required"}},
		{"optional and empty", "", 20, false, "", nil},
		{"characters, not bytes", "ëëëëë", 5, true, "ëëëëë", nil},
		{"too long", "ëëëëëë", 5, true, "ëëëëëë", []string{"too_long"}},
		{"a NUL character", "a\x00b", 20, true, "", []string{"nul"}},
	} {
		var v schakel.Validation
		got := v.Text("veld", tc.value, tc.max, tc.required)
		var codes []string
		for _, f := range v.Fields() {
			codes = append(codes, f.Code)
		}
		if got != tc.want || !slices.Equal(codes, tc.codes) {
			t.Errorf("%s: %q with %v, want %q with %v", tc.name, got, codes, tc.want, tc.codes)
		}
	}
}

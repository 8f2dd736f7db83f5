package generalise

import (
	"math"
	"testing"
)

func TestBand(t *testing.T) {
	tests := []struct {
		cents, low, high int64
	}{
		{0, 0, 100_00},
		{99_99, 0, 100_00},
		{100_00, 100_00, 250_00},
		{249_99, 100_00, 250_00},
		{250_00, 250_00, 500_00},
		{999_99, 500_00, 1_000_00},
		{1_000_00, 1_000_00, 2_500_00},
		{3_750_12, 2_500_00, 5_000_00},
		{7_000_00, 5_000_00, 10_000_00},
		{12_000_00, 10_000_00, 25_000_00},
		{30_000_00, 25_000_00, 50_000_00},
		{1_200_000_00, 1_000_000_00, 2_500_000_00},
		{-3_750_12, 2_500_00, 5_000_00},
		{math.MinInt64, 5e17, math.MaxInt64},
		{math.MaxInt64, 5e17, math.MaxInt64},
	}
	for _, tt := range tests {
		if low, high := Band(tt.cents); low != tt.low || high != tt.high {
			t.Errorf("Band(%d) = %d, %d; want %d, %d", tt.cents, low, high, tt.low, tt.high)
		}
	}
	// The bands follow each other without gap, each 2 to 2.5 times the last.
	for i := 1; i < len(bands); i++ {
		if r := float64(bands[i]) / float64(bands[i-1]); r < 2 || r > 2.5 {
			t.Errorf("band %d: %d after %d", i, bands[i], bands[i-1])
		}
		if low, high := Band(bands[i] - 1); low != bands[i-1] || high != bands[i] {
			t.Errorf("Band(%d) = %d, %d", bands[i]-1, low, high)
		}
	}
}

func TestBandText(t *testing.T) {
	tests := []struct {
		cents  int64
		nl, en string
	}{
		{3_750_12, "tussen € 2.500 en € 5.000", "between €2,500 and €5,000"},
		{42_00, "minder dan € 100", "less than €100"},
		{100_00, "tussen € 100 en € 250", "between €100 and €250"},
		{1_200_000_00, "tussen € 1 miljoen en € 2,5 miljoen", "between €1 million and €2.5 million"},
		{3_000_000_000_00, "tussen € 2,5 miljard en € 5 miljard", "between €2.5 billion and €5 billion"},
		{math.MaxInt64, "meer dan € 5.000.000 miljard", "more than €5,000,000 billion"},
	}
	for _, tt := range tests {
		if got := BandText(tt.cents, "nl"); got != tt.nl {
			t.Errorf("BandText(%d, nl) = %q, want %q", tt.cents, got, tt.nl)
		}
		if got := BandText(tt.cents, "en"); got != tt.en {
			t.Errorf("BandText(%d, en) = %q, want %q", tt.cents, got, tt.en)
		}
		// The Dutch text is not flagged again: Apply's output is stable.
		if f := Flags("een schuld van " + tt.nl); len(f) != 0 {
			t.Errorf("Flags of the band %q = %+v", tt.nl, f)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in    string
		cents int64
		ok    bool
	}{
		{"3750", 3_750_00, true},
		{"3.750", 3_750_00, true},
		{"3.750,12", 3_750_12, true},
		{"3.750,5", 3_750_50, true},
		{"1,2", 1_20, true},
		{"3,750.12", 3_750_12, true},
		{"1.234.567,89", 1_234_567_89, true},
		{"3.75", 3_75, true},
		{"1.2345", 0, false},
		{"12.34.567", 0, false},
		{"14.03.2025", 0, false},
		{"12345678901234", 0, false},
	}
	for _, tt := range tests {
		if cents, ok := parseAmount(tt.in); ok != tt.ok || ok && cents != tt.cents {
			t.Errorf("parseAmount(%q) = %d, %v; want %d, %v", tt.in, cents, ok, tt.cents, tt.ok)
		}
	}
}

package redact

import "testing"

func TestValidBSN(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"valid", "111222333", true},
		{"valid 2", "123456782", true},
		{"valid with spaces", "123 456 782", true},
		{"valid with dots", "123.456.782", true},
		{"valid passport grouping", "1234.56.782", true},
		{"valid with hyphens", "123-456-782", true},
		{"leading zero", "012345672", true},
		{"eight digits, zero left off", "12345672", true},
		{"fails eleven-test", "123456789", false},
		{"last digit off by one", "123456783", false},
		{"all zeros", "000000000", false},
		{"eight zeros", "00000000", false},
		{"ten digits", "1234567820", false},
		{"seven digits", "1234567", false},
		{"empty", "", false},
		{"letter", "12345678a", false},
		{"double space", "123  456 782", false},
		{"leading space", " 123456782", false},
		{"trailing dot", "123456782.", false},
		{"slash", "123/456/782", false},
		{"only first and last digit", "100000009", true}, // 1·9 − 9 = 0
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidBSN(tt.in); got != tt.want {
				t.Errorf("ValidBSN(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestValidIBAN(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		// Examples of the IBAN registry and of national banks.
		{"NL", "NL91ABNA0417164300", true},
		{"NL paper format", "NL91 ABNA 0417 1643 00", true},
		{"NL lower case", "nl91abna0417164300", true},
		{"NL second", "NL02ABNA0123456789", true},
		{"BE", "BE68 5390 0754 7034", true},
		{"BE second", "BE71 0961 2345 6769", true},
		{"DE", "DE89 3704 0044 0532 0130 00", true},
		{"FR", "FR14 2004 1010 0505 0001 3M02 606", true},
		{"GB", "GB29 NWBK 6016 1331 9268 19", true},
		{"ES", "ES91 2100 0418 4502 0005 1332", true},
		{"AT", "AT61 1904 3002 3457 3201", true},
		{"CH", "CH93 0076 2011 6238 5295 7", true},
		{"IE", "IE29 AIBK 9311 5212 3456 78", true},
		{"LU", "LU28 0019 4006 4475 0000", true},
		{"IT", "IT60 X054 2811 1010 0000 0123 456", true},
		{"PL", "PL61 1090 1014 0000 0712 1981 2874", true},
		{"PT", "PT50 0002 0123 1234 5678 9015 4", true},
		{"NO, shortest", "NO93 8601 1117 947", true},
		{"MT, letters inside", "MT84 MALT 0110 0001 2345 MTLC AST0 01S", true},
		{"SC, ends in letters", "SC18 SSCB 1101 0000 0000 0000 1497 USD", true},
		{"LC, longest listed", "LC55 HEMM 0001 0001 0012 0012 0002 3015", true},
		{"KZ", "KZ86 125K ZT50 0410 0100", true},
		{"LI", "LI21 0881 0000 2324 013A A", true},
		{"NL bad check", "NL91ABNA0417164301", false},
		{"NL swapped digits", "NL91ABNA0417163400", false},
		{"NL too short", "NL91ABNA041716430", false},
		{"NL too long", "NL91ABNA04171643000", false},
		{"NL digits for bank code", "NL91 1234 0417 1643 00", false},
		{"BE with NL length", "BE68539007547034000", false},
		{"check digits 00", "NL00ABNA0417164300", false},
		{"check digits 99", "NL99ABNA0417164300", false},
		{"unknown country, valid mod-97", "XX570123456789012345", true},
		{"unknown country, too short", "XX1234", false},
		{"double space", "NL91  ABNA 0417 1643 00", false},
		{"hyphens", "NL91-ABNA-0417-1643-00", false},
		{"no country", "9191ABNA0417164300", false},
		{"empty", "", false},
		{"35 characters", "XX00123456789012345678901234567890", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidIBAN(tt.in); got != tt.want {
				t.Errorf("ValidIBAN(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

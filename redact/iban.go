package redact

// ibanLength holds the length of an IBAN per country, from the SWIFT IBAN
// registry (ISO 13616). A country not in it is checked by the general rules
// only: 15 to 34 characters and mod-97.
var ibanLength = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
	"BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
	"DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
	"FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
	"GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
	"JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
	"LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27,
	"MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28,
	"PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
	"SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

// ValidIBAN reports whether s is an IBAN (ISO 13616): two letters of a
// country, two check digits from 02 to 98 and a national account number of
// letters and digits, with the length the IBAN registry gives for that
// country (15 to 34 for a country it does not list), whose mod-97 check
// passes. For NL the account number must also be a bank code of four
// letters and ten digits. Letters may be lower case and the paper format's
// single spaces between groups are allowed ("NL91 ABNA 0417 1643 00").
func ValidIBAN(s string) bool {
	var b [34]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c), isASCIILetter(c):
			if n == len(b) {
				return false
			}
			if c >= 'a' {
				c -= 'a' - 'A'
			}
			b[n] = c
			n++
		case c == ' ' && i > 0 && i+1 < len(s) && s[i+1] != ' ':
		default:
			return false
		}
	}
	return validIBAN(b[:n])
}

// validIBAN checks an IBAN in electronic form: upper case, no spaces.
func validIBAN(b []byte) bool {
	if len(b) < 15 || len(b) > 34 || !isUpper(b[0]) || !isUpper(b[1]) || !isDigit(b[2]) || !isDigit(b[3]) {
		return false
	}
	if check := int(b[2]-'0')*10 + int(b[3]-'0'); check < 2 || check > 98 {
		return false
	}
	cc := string(b[:2])
	if want, ok := ibanLength[cc]; ok && len(b) != want {
		return false
	}
	if cc == "NL" {
		for i := 4; i < 18; i++ {
			if i < 8 && !isUpper(b[i]) || i >= 8 && !isDigit(b[i]) {
				return false
			}
		}
	}
	// Move the first four characters to the end, read letters as 10–35 and
	// compute the remainder digit by digit.
	rem := 0
	for i := range len(b) {
		c := b[(i+4)%len(b)]
		if isDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A') + 10) % 97
		}
	}
	return rem == 1
}

// ibanAt looks for an IBAN whose check digits start at byte i of the text,
// after two letters: compact ("NL91ABNA0417164300", "nl91abna…") or in
// the paper format's groups of four ("NL91 ABNA 0417 1643 00"). It returns
// the IBAN's end; ok without a finding means something shaped like an IBAN
// of a known country that fails the check, which no other detector should
// read either.
func (s *scanner) ibanAt(i int) (int, bool) {
	t := s.text
	st := i - 2
	if st < 0 || !isASCIILetter(t[st]) || !isASCIILetter(t[st+1]) || alnumBefore(t, st) ||
		i+1 >= len(t) || !isDigit(t[i+1]) {
		return 0, false
	}
	var r ibanRead
	r.read(t, st)
	if want, ok := ibanLength[string(r.b[:2])]; ok {
		if r.valid(t, want) {
			s.add(IBAN, st, r.ends[want-1])
			return r.ends[want-1], true
		}
		// An IBAN with a wrong check or a character too many or too few
		// is still no phone number or BSN: its digits are skipped.
		if r.n >= want-2 && r.n <= want+2 && !alnumAt(t, r.ends[r.n-1]) {
			s.inert = append(s.inert, [2]int{st, r.ends[r.n-1]})
			return r.ends[r.n-1], true
		}
		return 0, false
	}
	for l := r.n; l >= 15; l-- {
		if r.valid(t, l) {
			s.add(IBAN, st, r.ends[l-1])
			return r.ends[l-1], true
		}
	}
	return 0, false
}

// An ibanRead is an IBAN candidate as read from the text: up to 34
// characters in electronic form, and where each of them ends in the text.
type ibanRead struct {
	b    [34]byte
	ends [34]int // ends[k] is the byte offset after character k
	n    int
}

// read reads up to 34 letters and digits from byte st of t, upper-casing
// the letters. A space may only follow a whole group of four, so an IBAN
// never swallows the words after it.
func (r *ibanRead) read(t string, st int) {
	j := st
	for j < len(t) && r.n < len(r.b) {
		c := t[j]
		if isDigit(c) || isASCIILetter(c) {
			if c >= 'a' {
				c -= 'a' - 'A'
			}
			r.b[r.n] = c
			r.ends[r.n] = j + 1
			r.n++
			j++
			continue
		}
		if c == ' ' && r.n%4 == 0 && j+1 < len(t) && (isDigit(t[j+1]) || isASCIILetter(t[j+1])) {
			j++
			continue
		}
		break
	}
}

// valid reports whether the first l characters read are an IBAN that
// ends the word: no letter or digit right after it in t.
func (r *ibanRead) valid(t string, l int) bool {
	return l <= r.n && !alnumAt(t, r.ends[l-1]) && validIBAN(r.b[:l])
}

package generalise

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Exact amounts: "€ 3.750", "€3.750,12", "€ 3.750,-", "EUR 1.200",
// "1.250 euro", "€ 1,2 miljoen". An exact sum is a fingerprint (a debt of
// € 3.750,12 is one person's); its band ("tussen € 2.500 en € 5.000")
// keeps the order of magnitude a reader of the precedent needs. A number
// without a currency is not taken for an amount.

// bands are the lower bounds of the amount bands in cents: € 100, € 250,
// € 500, € 1.000, € 2.500, € 5.000, … — each band two to two and a half
// times the one before, so that the band says the order of magnitude and
// no more. Below € 100 is one band; the last is open.
var bands = func() []int64 {
	var b []int64
	for m := int64(100 * 100); ; m *= 10 {
		b = append(b, m, m/2*5, m*5)
		if m > math.MaxInt64/100 {
			return b
		}
	}
}()

// Band returns the band an amount in euro cents falls in: low ≤ cents <
// high, both in cents. The bands are below € 100, € 100–250, € 250–500,
// € 500–1.000, € 1.000–2.500, € 2.500–5.000, € 5.000–10.000, and so on by
// the same steps; the highest band has high math.MaxInt64. A negative
// amount falls in the band of its absolute value.
func Band(cents int64) (low, high int64) {
	if cents < 0 {
		cents = -max(cents, -math.MaxInt64)
	}
	i, found := slices.BinarySearch(bands, cents)
	if !found {
		i--
	}
	if i < 0 {
		return 0, bands[0]
	}
	if i+1 < len(bands) {
		return bands[i], bands[i+1]
	}
	return bands[i], math.MaxInt64
}

// BandText says the band of an amount in words: "tussen € 2.500 en
// € 5.000", "minder dan € 100", "tussen € 1 miljoen en € 2,5 miljoen" —
// or in English when lang is "en": "between €2,500 and €5,000".
func BandText(cents int64, lang string) string {
	en := english(lang)
	low, high := Band(cents)
	switch {
	case low == 0:
		return pick(en, "minder dan ", "less than ") + euros(high, en)
	case high == math.MaxInt64:
		return pick(en, "meer dan ", "more than ") + euros(low, en)
	}
	return pick(en, "tussen ", "between ") + euros(low, en) + pick(en, " en ", " and ") + euros(high, en)
}

// euros writes a band's bound (a whole number of euros, in cents): "€ 2.500",
// "€ 2,5 miljoen"; "€2,500", "€2.5 million" in English.
func euros(cents int64, en bool) string {
	e := cents / 100
	div, unit := int64(1), ""
	switch {
	case e >= 1e9:
		div, unit = 1e9, pick(en, " miljard", " billion")
	case e >= 1e6:
		div, unit = 1e6, pick(en, " miljoen", " million")
	}
	s := group(e/div, pick(en, ".", ","))
	if frac := e % div * 10 / div; frac != 0 {
		s += pick(en, ",", ".") + strconv.FormatInt(frac, 10)
	}
	return pick(en, "€ ", "€") + s + unit
}

// group writes n with sep between groups of three digits.
func group(n int64, sep string) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// multipliers are the words that multiply the number before them.
var multipliers = map[string]int64{"miljoen": 1e6, "mln": 1e6, "miljard": 1e9, "mld": 1e9, "duizend": 1e3}

// money is an amount found: tokens [from, to) and its value in cents.
type money struct {
	from, to int
	cents    int64
}

func (s *scan) amounts() {
	var found []money
	for i, t := range s.toks {
		if t.kind != num {
			continue
		}
		if m, ok := s.amountAt(i); ok {
			found = append(found, m)
		}
	}
	for k := 0; k < len(found); k++ {
		m := found[k]
		// A band this package wrote is no exact amount: "tussen € 2.500
		// en € 5.000", "minder dan € 100", "meer dan € …".
		if s.isWord(m.from-1, "tussen") && k+1 < len(found) && s.isWord(m.to, "en") && found[k+1].from == m.to+1 {
			if low, high := Band(m.cents); low == m.cents && high == found[k+1].cents {
				k++
				continue
			}
		}
		if s.isWord(m.from-1, "dan") && (s.isWord(m.from-2, "minder") && m.cents == bands[0] || s.isWord(m.from-2, "meer") && m.cents == bands[len(bands)-1]) {
			continue
		}
		keep := s.cueBefore(m.from, amountCue)
		if keep == 0 {
			keep = s.cueAfter(m.to, amountCue)
		}
		s.add(Amount, m.from, m.to, BandText(m.cents, "nl"), keep > 0)
	}
}

// amountAt reads the amount whose number is token i: with "€" or "EUR"
// before it, or "euro" or "EUR" after it; with a multiplier ("miljoen")
// and the ",-" of a round sum.
func (s *scan) amountAt(i int) (money, bool) {
	from, to := i, i+1
	currency := false
	switch before := s.tok(i - 1); {
	case s.lo(before) == "€", before.kind == word && s.lo(before) == "eur":
		from, currency = i-1, true
	}
	cents, ok := parseAmount(s.lo(s.toks[i]))
	if !ok {
		return money{}, false
	}
	if t := s.tok(to); s.lo(t) == "," && s.adjacent(to-1) && (s.lo(s.tok(to+1)) == "-" || s.lo(s.tok(to+1)) == "=") {
		to += 2
		if s.lo(s.tok(to)) == "-" && s.adjacent(to-1) {
			to++
		}
	} else if t.kind == word && multipliers[s.lo(t)] != 0 {
		if cents > math.MaxInt64/multipliers[s.lo(t)] {
			return money{}, false
		}
		cents *= multipliers[s.lo(t)]
		to++
	}
	if t := s.tok(to); !currency && t.kind == word && (s.lo(t) == "euro" || s.lo(t) == "eur") {
		to, currency = to+1, true
		if s.lo(s.tok(to)) == "'" && s.isWord(to+1, "s") && s.adjacent(to-1) {
			to += 2
		}
	}
	if !currency {
		return money{}, false
	}
	return money{from, to, cents}, true
}

// parseAmount reads a number as Dutch (and English) texts write sums:
// "3.750,12", "3750", "1,2", "3,750.12". The last separator is the decimal
// mark when one or two digits follow it; a separator followed by three
// digits groups thousands. The value is in cents.
func parseAmount(s string) (int64, bool) {
	intPart, frac := s, ""
	if k := strings.LastIndexAny(s, ".,"); k >= 0 && len(s)-k-1 <= 2 {
		intPart, frac = s[:k], s[k+1:]
	}
	var whole int64
	digits := 0
	for k := 0; k < len(intPart); k++ {
		c := intPart[k]
		if c == '.' || c == ',' {
			// Every group after a thousands separator has three digits.
			n := strings.IndexAny(intPart[k+1:], ".,")
			if n < 0 {
				n = len(intPart) - k - 1
			}
			if n != 3 {
				return 0, false
			}
			continue
		}
		if digits++; digits > 13 {
			return 0, false
		}
		whole = whole*10 + int64(c-'0')
	}
	cents := whole * 100
	switch len(frac) {
	case 1:
		cents += int64(frac[0]-'0') * 10
	case 2:
		cents += int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	}
	return cents, true
}

// amountCue says what a word near an amount makes of it: +1 when the
// amount is a rule's (a norm, a limit, a contribution) or the decision's
// cost, -1 when it is the person's own (a debt, an income), 0 otherwise.
func amountCue(w string) int {
	for _, suffix := range []string{"norm", "normen", "normbedrag", "grens", "grenzen", "minimumloon", "maximum",
		"maximumbedrag", "plafond", "vrijlating", "standaardpremie", "risico", "bijdrage", "drempel", "drempelbedrag",
		"budget", "tarief"} {
		if strings.HasSuffix(w, suffix) {
			return 1
		}
	}
	switch w {
	case "maximaal", "kosten", "kost", "kostte", "toegekend", "toegekende":
		return 1
	}
	for _, suffix := range []string{"schuld", "schulden", "achterstand", "achterstanden", "inkomen", "salaris", "loon",
		"uitkering", "spaargeld", "vermogen", "erfenis", "huur", "boete", "vordering", "spaartegoed", "saldo",
		"aflossing", "lening", "hypotheek", "toeslag"} {
		if strings.HasSuffix(w, suffix) {
			return -1
		}
	}
	switch w {
	case "betaalde", "betaald", "ontving", "ontvangt", "verdiende", "verdient", "leende", "spaarde":
		return -1
	}
	return 0
}

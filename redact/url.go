package redact

import "strings"

// publicHosts are the web sites of public bodies: an address there names
// no one (a law, a form, a decision on rechtspraak.nl).
var publicHosts = []string{
	"overheid.nl", "rijksoverheid.nl", "uwv.nl", "svb.nl", "belastingdienst.nl", "toeslagen.nl",
	"duo.nl", "ind.nl", "hetcak.nl", "cak.nl", "cjib.nl", "rechtspraak.nl", "raadvanstate.nl",
	"officielebekendmakingen.nl", "digid.nl", "politie.nl", "om.nl", "rdw.nl", "kvk.nl",
	"autoriteitpersoonsgegevens.nl", "nationaleombudsman.nl", "juridischloket.nl", "rvo.nl",
	"government.nl", "europa.eu", "werk.nl", "regelhulp.nl", "zorginstituutnederland.nl",
	"zorgwijzer.nl", "nibud.nl", "rvr.org", "rijksfinancien.nl", "cbs.nl",
}

// urls finds web addresses: starting with "http://", "https://" or
// "www.", or a bare domain with a path ("facebook.com/petra.jansen").
// Addresses on the sites of public bodies stay.
func (s *scanner) urls() {
	f := s.folded
	for i := 0; i < len(f); i++ {
		start := -1
		switch c := f[i]; {
		case (c == 'h' || c == 'w') && !alnumBefore(f, i) &&
			(strings.HasPrefix(f[i:], "http://") || strings.HasPrefix(f[i:], "https://") || strings.HasPrefix(f[i:], "www.")):
			start = i
		case c == '/' && i > 0 && f[i-1] != '/':
			start = domainBefore(f, i)
		}
		if start < 0 {
			continue
		}
		end := urlEnd(s.text, start)
		host := hostOf(f[start:end])
		if strings.Count(host, ".") == 0 || public(host) {
			i = max(i, end-1)
			continue
		}
		if !s.kept(start, end) {
			s.add(URL, start, end)
		}
		i = max(i, end-1)
	}
}

// domainBefore returns the start of a domain name ("petra.nl",
// "nl.linkedin.com") that ends at byte i, or -1: labels of letters,
// digits and hyphens with a top-level domain of two to six letters, not
// part of an e-mail address or a longer word. It looks back at most
// maxLook bytes.
func domainBefore(f string, i int) int {
	j := i
	for j > 0 && i-j < maxLook && (isASCIILetter(f[j-1]) || isDigit(f[j-1]) || f[j-1] == '-' || f[j-1] == '.') {
		j--
	}
	if j == i || j > 0 && (f[j-1] == '@' || alnumBefore(f, j) || f[j-1] == '/' || f[j-1] == ':') {
		return -1
	}
	dom := f[j:i]
	dot := strings.LastIndexByte(dom, '.')
	if dot <= 0 {
		return -1
	}
	tld := dom[dot+1:]
	if len(tld) < 2 || len(tld) > 6 {
		return -1
	}
	for k := 0; k < len(tld); k++ {
		if !isASCIILetter(tld[k]) {
			return -1
		}
	}
	if !isASCIILetter(dom[0]) && !isDigit(dom[0]) {
		return -1
	}
	return j
}

// urlEnd returns the end of a web address starting at byte i: up to white
// space, a quote, an angle bracket or a label's bracket, without the
// punctuation that ends a sentence, nor a closing bracket that has no
// opening one inside.
func urlEnd(t string, i int) int {
	j := i
	for j < len(t) {
		c := t[j]
		if c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '[' || c == ']' || c == 0x7f {
			break
		}
		if c == 0xc2 && j+1 < len(t) && t[j+1] == 0xa0 {
			break
		}
		j++
	}
	open, closed := strings.Count(t[i:j], "("), strings.Count(t[i:j], ")")
	for j > i {
		switch t[j-1] {
		case '.', ',', ';', ':', '!', '?':
			j--
			continue
		case ')':
			if open < closed {
				j--
				closed--
				continue
			}
		}
		break
	}
	return j
}

// hostOf returns the host of a folded web address, without "www.".
func hostOf(u string) string {
	if k := strings.Index(u, "://"); k >= 0 {
		u = u[k+3:]
	}
	if k := strings.IndexAny(u, "/?#:"); k >= 0 {
		u = u[:k]
	}
	return strings.TrimPrefix(u, "www.")
}

// public reports whether host is, or is under, a public body's site.
func public(host string) bool {
	for _, h := range publicHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

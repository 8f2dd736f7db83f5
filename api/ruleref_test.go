package api_test

import (
	"net/http"
	"testing"
)

func TestValidateRuleRef(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		name, body, want string
	}{
		{
			"jci text",
			`{"verwijzing": "jci1.3:c:BWBR0005537&artikel=4:84"}`,
			`{"soort": "wet", "bwbId": "BWBR0005537", "artikel": "4:84", "jci": "jci1.3:c:BWBR0005537&artikel=4:84", "url": "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:84", "label": "Algemene wet bestuursrecht, art. 4:84", "tekst": "jci1.3:c:BWBR0005537&artikel=4:84"}`,
		},
		{
			"link with anchor",
			`{"verwijzing": " https://wetten.overheid.nl/BWBR0005537/2024-01-01#Hoofdstuk4_Afdeling4.1_Artikel4:84 "}`,
			`{"soort": "wet", "bwbId": "BWBR0005537", "hoofdstuk": "4", "artikel": "4:84", "jci": "jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84", "url": "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84", "label": "Algemene wet bestuursrecht, hoofdstuk 4 art. 4:84", "tekst": "jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84"}`,
		},
		{
			"bare BWB id",
			`{"verwijzing": "bwbr0005537"}`,
			`{"soort": "wet", "bwbId": "BWBR0005537", "jci": "jci1.3:c:BWBR0005537", "url": "https://wetten.overheid.nl/BWBR0005537/", "label": "Algemene wet bestuursrecht", "tekst": "jci1.3:c:BWBR0005537"}`,
		},
		{
			"policy text",
			`{"verwijzing": "beleidsregel:uwv/BR-2024-12"}`,
			`{"soort": "beleidsregel", "organisatie": "uwv", "beleidsregelId": "BR-2024-12", "label": "beleidsregel BR-2024-12 (uwv)", "tekst": "beleidsregel:uwv/BR-2024-12"}`,
		},
		{
			"structured law with title",
			`{"soort": "wet", "bwbId": "BWBR0005537", "artikel": "3:2", "lid": "1", "onderdeel": "1°", "titel": "Algemene wet bestuursrecht"}`,
			`{"soort": "wet", "bwbId": "BWBR0005537", "artikel": "3:2", "lid": "1", "onderdeel": "1°", "titel": "Algemene wet bestuursrecht", "jci": "jci1.3:c:BWBR0005537&artikel=3:2&lid=1&o=1°", "url": "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=3:2&lid=1&o=1%C2%B0", "label": "Algemene wet bestuursrecht, art. 3:2 lid 1 onder 1°", "tekst": "jci1.3:c:BWBR0005537&artikel=3:2&lid=1&o=1°"}`,
		},
		{
			"structured policy",
			`{"soort": "beleidsregel", "organisatie": "svb", "beleidsregelId": "AOW.7", "titel": "Beleidsregel samenwonen"}`,
			`{"soort": "beleidsregel", "organisatie": "svb", "beleidsregelId": "AOW.7", "titel": "Beleidsregel samenwonen", "label": "Beleidsregel samenwonen (beleidsregel AOW.7, svb)", "tekst": "beleidsregel:svb/AOW.7"}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantJSON(t, e.do("POST", "/api/v1/regelverwijzingen/validaties", tc.body, nil), http.StatusOK, tc.want)
		})
	}

	for _, tc := range []struct {
		name, body string
		fields     []string
	}{
		{"empty text", `{"verwijzing": ""}`, []string{"verwijzing"}},
		{"bad BWB id in text", `{"verwijzing": "jci1.3:c:BWBR000553&artikel=4:84"}`, []string{"verwijzing"}},
		{"text and fields", `{"verwijzing": "BWBR0005537", "artikel": "4:84"}`, []string{"verwijzing"}},
		{"nothing", `{}`, []string{"soort"}},
		{"bad kind", `{"soort": "verdrag"}`, []string{"soort"}},
		{"every law field bad", `{"soort": "wet", "bwbId": "BWBR12", "hoofdstuk": "iv", "artikel": "4::84", "lid": "0", "onderdeel": "A", "organisatie": "uwv", "titel": "a\nb"}`,
			[]string{"bwbId", "hoofdstuk", "artikel", "lid", "onderdeel", "organisatie", "titel"}},
		{"every policy field bad", `{"soort": "beleidsregel", "organisatie": "UWV", "beleidsregelId": "-x", "bwbId": "BWBR0005537", "artikel": "1"}`,
			[]string{"organisatie", "beleidsregelId", "bwbId", "artikel"}},
		{"wrong types", `{"soort": "wet", "bwbId": 5537, "artikel": ["4:84"]}`, []string{"bwbId", "artikel"}},
		{"text of the wrong type", `{"verwijzing": {"bwbId": "BWBR0005537"}}`, []string{"verwijzing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, e.do("POST", "/api/v1/regelverwijzingen/validaties", tc.body, nil), http.StatusBadRequest, tc.fields...)
		})
	}
}

package assessments

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/textsim"
)

// Boilerplate is the least similarity (textsim, by word frequencies) at
// which two answers to different items count as the same text: an answer
// must be about its item (report §5.4.4 warns against afvinken).
const Boilerplate = 0.9

// MinWords is the least number of different words of substance (not
// stop words such as "de" or "is") an answer to an item has.
const MinWords = 3

// ItemInput is the minister's answer to one item.
type ItemInput struct {
	Accepted bool
	Text     string
}

// AnswerInput is the minister's answer to every item of an assessment,
// by item code (schakel.Assessment.Items).
type AnswerInput struct {
	Items    map[string]ItemInput
	Problems []schakel.FieldError
}

// Answer records the minister's answer to a delivered assessment: every
// item accepted (and how it is provided for) or not (and why), each with
// its own text. For the minister of the proposal's ministry. Returns
// ECONFLICT when no answer is owed, and EINVALID naming every item left
// unanswered, answered too briefly or with the same text as another.
func (s *Service) Answer(ctx context.Context, u *schakel.User, assessmentID int64, in AnswerInput) (*schakel.Assessment, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een uitvoeringstoets te beantwoorden.")
	}
	a, err := s.store.Assessment(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	p, err := s.store.Proposal(ctx, a.ProposalID)
	if err != nil {
		return nil, err
	}
	if authz.Can(u, authz.AnswerAssessment, p.MinistryID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen de bewindspersoon van het ministerie beantwoordt een uitvoeringstoets.")
	}
	if a.State != schakel.AssessmentDelivered {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Deze uitvoeringstoets wacht niet op een antwoord: %s.", a.State)
	}
	r, err := s.store.Request(ctx, a.AnswerRequestID)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	answers := checkAnswers(&v, a.Items(), in.Items)
	if err := v.Err(); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	actor := schakel.Party{Kind: schakel.PartyUser, UserID: u.ID, OrganisationID: p.MinistryID}
	n, ev, err := requests.Step(nil, func() (*schakel.Request, *schakel.Event, error) {
		byWhen := s.Requests.Engine.Calendar.Today(now)
		if p.PlannedEntry.After(byWhen) {
			byWhen = p.PlannedEntry
		}
		return s.Requests.Engine.Answer(r, actor, engineAnswer(answers, byWhen), now)
	})
	if err != nil {
		return nil, err
	}
	a.Answers, a.AnsweredBy, a.AnsweredAt, a.State = answers, u.ID, now, schakel.AssessmentAnswered
	if err := s.store.AnswerAssessment(ctx, a, schakel.RequestUpdate{PrevVersion: r.Version, Request: n, Event: ev}); err != nil {
		return nil, err
	}
	return s.store.Assessment(ctx, a.ID)
}

// checkAnswers checks that every item has its own answer and no answer is
// for an item that does not exist; it returns the answers in item order.
func checkAnswers(v *schakel.Validation, items []schakel.Ground, in map[string]ItemInput) []schakel.ItemAnswer {
	known := map[string]bool{}
	out := make([]schakel.ItemAnswer, 0, len(items))
	var seen []schakel.ItemAnswer
	for _, it := range items {
		known[it.Principle] = true
		field := "antwoorden." + it.Principle
		ans, ok := in[it.Principle]
		t := strings.TrimSpace(ans.Text)
		switch {
		case !ok || t == "":
			v.Add(field, "required", "Beantwoord dit punt: aanvaard en hoe, of niet aanvaard en waarom niet.")
		case len([]rune(t)) < MinAnswer || len([]rune(normalise(t))) < MinAnswer*3/4 || len(textsim.Words(t)) < MinWords:
			v.Add(field, "too_short", "Een antwoord van minder dan %d tekens of %d verschillende woorden zegt niet hoe of waarom.", MinAnswer, MinWords)
		case len([]rune(t)) > MaxText:
			v.Add(field, "too_long", "Gebruik hoogstens %d tekens.", MaxText)
		default:
			if other := sameAs(withoutCodes(t, items), seen, items); other != "" {
				v.Add(field, "boilerplate", "Dit antwoord is hetzelfde als dat op %q. Beantwoord elk punt met een eigen tekst.", other)
			}
		}
		a := schakel.ItemAnswer{Item: it.Principle, Accepted: ans.Accepted, Text: t}
		seen = append(seen, a)
		out = append(out, a)
	}
	codes := make([]string, 0, len(in))
	for code := range in {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		if !known[code] {
			v.Add("antwoorden."+code, "unknown", "Deze toets heeft geen punt %q.", code)
		}
	}
	return out
}

// sameAs returns the item of an earlier answer whose text is the same as
// t — equal once case, spacing and punctuation are set aside, or as alike
// as Boilerplate by their words — or "".
func sameAs(t string, earlier []schakel.ItemAnswer, items []schakel.Ground) string {
	norm := normalise(t)
	scorer := textsim.NewScorer(nil, t)
	for _, e := range earlier {
		if e.Text == "" {
			continue
		}
		other := withoutCodes(e.Text, items)
		if sim, ok := scorer.Cosine(other); normalise(other) == norm || (ok && sim >= Boilerplate) {
			return e.Item
		}
	}
	return ""
}

// withoutCodes removes the items' codes from an answer, so that a template
// answer with the item's code added is still seen as the same text.
func withoutCodes(t string, items []schakel.Ground) string {
	for _, it := range items {
		t = strings.ReplaceAll(t, it.Principle, " ")
	}
	return t
}

// normalise folds case and drops everything but letters and digits.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// engineAnswer is the minister's answer as the comply-or-explain engine
// records it, every item's answer in one text (itemsText): a comply when
// every item is accepted, with the proposal's planned entry into force (or
// today, when that has passed) as its date; otherwise an explain, the text
// as the motivation of the request's one ground.
func engineAnswer(answers []schakel.ItemAnswer, byWhen calendar.Date) comply.AnswerInput {
	all := true
	for _, a := range answers {
		all = all && a.Accepted
	}
	if all {
		return comply.AnswerInput{Kind: schakel.Comply, Changes: itemsText(answers), ByWhen: byWhen}
	}
	return comply.AnswerInput{Kind: schakel.Explain, Motivations: map[string]string{answerGround.Principle: itemsText(answers)}}
}

// itemsText is every item's answer, one a line, saying whether it was
// accepted and giving the SHA-256 of its text: what the public record
// commits to, within the engine's limit however long the answers are.
func itemsText(answers []schakel.ItemAnswer) string {
	var b strings.Builder
	for i, a := range answers {
		if i > 0 {
			b.WriteString("\n")
		}
		word := "niet aanvaard"
		if a.Accepted {
			word = "aanvaard"
		}
		fmt.Fprintf(&b, "%s (%s): SHA-256 %s", a.Item, word, digestOf(a.Text))
	}
	return b.String()
}

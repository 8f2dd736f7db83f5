package inbox

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

// PerPage is the page size of the Postvak.
const PerPage = 25

// Query is what the Postvak shows: which kind, only overdue work, in which
// order, which page.
type Query struct {
	Kind        Kind // "" for every kind
	OverdueOnly bool
	Sort        Sort
	Page        int // from 1
}

// ParseQuery reads the Postvak's query: soort (a Kind), te-laat ("ja" or
// "1", a ticked box, for overdue work only), sorteer (termijn or nieuwste) and pagina. Empty
// values mean the defaults. Returns EINVALID naming every bad one; the
// returned Query then holds the defaults for them.
func ParseQuery(q url.Values) (Query, error) {
	out := Query{Sort: SortDue, Page: 1}
	var v schakel.Validation
	if s := strings.TrimSpace(q.Get("soort")); s != "" {
		if k := Kind(s); slices.Contains(Kinds, k) {
			out.Kind = k
		} else {
			v.Add("soort", "enum", "Kies een van: %s.", kindList())
		}
	}
	switch s := strings.TrimSpace(q.Get("te-laat")); s {
	case "":
	case "ja", "1":
		out.OverdueOnly = true
	default:
		v.Add("te-laat", "enum", "Kies %s of laat leeg.", "ja")
	}
	switch s := Sort(strings.TrimSpace(q.Get("sorteer"))); s {
	case "":
	case SortDue, SortNewest:
		out.Sort = s
	default:
		v.Add("sorteer", "enum", "Kies een van: %s.", string(SortDue)+", "+string(SortNewest))
	}
	if s := strings.TrimSpace(q.Get("pagina")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10000 {
			v.Add("pagina", "range", "Geef een geheel getal van %d tot en met %d.", 1, 10000)
		} else {
			out.Page = n
		}
	}
	return out, v.Err()
}

// kindList is the kinds for a message.
func kindList() string {
	var s []string
	for _, k := range Kinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// Values returns q as a query, defaults left out, without the page.
func (q Query) Values() url.Values {
	v := url.Values{}
	if q.Kind != "" {
		v.Set("soort", string(q.Kind))
	}
	if q.OverdueOnly {
		v.Set("te-laat", "ja")
	}
	if q.Sort != "" && q.Sort != SortDue {
		v.Set("sorteer", string(q.Sort))
	}
	return v
}

// Page is one page of the Postvak.
type Page struct {
	Items []Item
	// Total is the number of items matching the query; Pages the number of
	// pages, at least 1.
	Total, Pages int
	// Summary counts all open work, whatever the query.
	Summary Summary
	// SeenUntil is how far the user has now seen their work: the time the
	// page was read, or just before the first new item this page does not
	// show (another kind, another page) — so opening a filtered list or
	// page 1 of 3 does not clear the new marks of work never shown.
	SeenUntil time.Time
}

// List returns the page of u's work that q asks for.
func (s *Service) List(ctx context.Context, u *schakel.User, q Query) (*Page, error) {
	readAt := s.clock.Now()
	items, err := s.Items(ctx, u)
	if err != nil {
		return nil, err
	}
	p := &Page{Summary: summarise(items)}
	var match []Item
	for _, it := range items {
		if (q.Kind == "" || it.Kind == q.Kind) && (!q.OverdueOnly || it.Overdue) {
			match = append(match, it)
		}
	}
	sortItems(match, cmpOr(q.Sort, SortDue))
	p.Total = len(match)
	p.Pages = max(1, (p.Total+PerPage-1)/PerPage)
	from := min((max(q.Page, 1)-1)*PerPage, p.Total)
	p.Items = match[from:min(from+PerPage, p.Total)]
	p.SeenUntil = seenUntil(readAt, items, p.Items)
	return p, nil
}

// seenUntil is readAt, or just before the earliest new item of all that
// shown does not hold.
func seenUntil(readAt time.Time, all, shown []Item) time.Time {
	on := map[[2]any]bool{}
	for _, it := range shown {
		on[[2]any{it.Kind, it.ID}] = true
	}
	until := readAt
	for _, it := range all {
		if it.New && !on[[2]any{it.Kind, it.ID}] && it.Arrived.Before(until.Add(time.Nanosecond)) {
			until = it.Arrived.Add(-time.Nanosecond)
		}
	}
	return until
}

func cmpOr(s, def Sort) Sort {
	if s == "" {
		return def
	}
	return s
}

// Summary counts a user's open work, for the menu, the home page and the
// digest.
type Summary struct {
	Total   int
	New     int
	Overdue int
	// ByKind counts the work per kind.
	ByKind map[Kind]int
	// NextDue is the soonest due item, or nil when no term runs.
	NextDue *Item
}

func summarise(items []Item) Summary {
	sum := Summary{Total: len(items), ByKind: map[Kind]int{}}
	for i, it := range items {
		sum.ByKind[it.Kind]++
		if it.New {
			sum.New++
		}
		if it.Overdue {
			sum.Overdue++
		}
		if !it.Due.IsZero() && (sum.NextDue == nil || it.Due.Before(sum.NextDue.Due)) {
			sum.NextDue = &items[i]
		}
	}
	return sum
}

// Summary counts u's open work.
func (s *Service) Summary(ctx context.Context, u *schakel.User) (Summary, error) {
	items, err := s.Items(ctx, u)
	if err != nil {
		return Summary{}, err
	}
	return summarise(items), nil
}

// MarkSeen records that u has seen the Postvak until until (a Page's
// SeenUntil): what arrived until then is no longer new. The mark never
// moves back.
func (s *Service) MarkSeen(ctx context.Context, u *schakel.User, until time.Time) error {
	if err := login(u); err != nil {
		return err
	}
	return s.store.MarkInboxSeen(ctx, u.ID, until)
}

// Settings returns u's settings of the Postvak and the digest.
func (s *Service) Settings(ctx context.Context, u *schakel.User) (*schakel.WorkSettings, error) {
	if err := login(u); err != nil {
		return nil, err
	}
	return s.store.WorkSettings(ctx, u.ID)
}

// SetDigest turns u's daily digest on or off. Returns EINVALID naming
// samenvatting when u has no e-mail address to send it to.
func (s *Service) SetDigest(ctx context.Context, u *schakel.User, on bool) error {
	if err := login(u); err != nil {
		return err
	}
	if on && u.Email == "" {
		var v schakel.Validation
		v.Add("samenvatting", "no_email", "Er is geen e-mailadres van u bekend; vraag uw beheerder het toe te voegen.")
		return v.Err()
	}
	return s.store.SetDigest(ctx, u.ID, on)
}

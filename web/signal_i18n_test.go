package web

import (
	"testing"

	"github.com/schakel-nl/schakel"
)

// signalKeys returns the Dutch keys of the signal, knelpunt, letter and
// law pages that TestGoKeysTranslated does not find by itself: the labels
// and descriptions of their fields and their tables of names.
func signalKeys() map[string]string {
	pg := &page{translator: translator{lang: langNL}}
	keys := map[string]string{}
	tables := [][]fieldSpec{signalFields(pg), knelpuntListFields, knelpuntComplyFields(), mergeFields(), splitFields(), letterFields()}
	for _, specs := range tables {
		for _, s := range specs {
			if s.LabelText == "" {
				keys[s.Label] = "field " + s.Name
			}
			if s.Description != "" {
				keys[s.Description] = "field " + s.Name
			}
		}
	}
	// The labels given to rowSpecs and the legend of the rows of
	// principles.
	keys["Regels"], keys["Regel %d"], keys["Beginsel %d"] = "rowSpecs", "rowSpecs", "RowLegend"
	for name, m := range map[string]map[string]string{"knelpuntDone": knelpuntDone} {
		for _, k := range m {
			keys[k] = name
		}
	}
	for _, k := range knelpuntStateNames {
		keys[k] = "knelpuntStateNames"
	}
	for _, k := range knelpuntLevelNames {
		keys[k] = "knelpuntLevelNames"
	}
	for _, k := range ladderTitles {
		keys[k] = "ladderTitles"
	}
	for _, k := range solutionNames {
		keys[k] = "solutionNames"
	}
	for _, k := range knelpuntEventTitles {
		keys[k] = "knelpuntEventTitles"
	}
	for _, k := range signalEventTitles {
		keys[k] = "signalEventTitles"
	}
	for _, k := range signalStateNames {
		keys[k] = "signalStateNames"
	}
	return keys
}

func TestSignalKeysTranslated(t *testing.T) {
	keys := signalKeys()
	if len(keys) < 60 {
		t.Fatalf("found only %d keys; is the scan broken?", len(keys))
	}
	for k, where := range keys {
		if _, ok := english[k]; !ok {
			t.Errorf("%s: no English for %q", where, k)
		}
	}
	// Every state, level, solution and event has a name.
	for _, s := range schakel.KnelpuntStates {
		if knelpuntStateNames[s] == "" {
			t.Errorf("knelpunt state %s has no name", s)
		}
	}
	for _, l := range schakel.KnelpuntLevels {
		if knelpuntLevelNames[l] == "" || ladderTitles[l] == "" {
			t.Errorf("level %s has no name or title", l)
		}
	}
	for _, s := range schakel.Solutions {
		if solutionNames[s] == "" {
			t.Errorf("solution %s has no name", s)
		}
	}
	for _, ev := range []schakel.KnelpuntEventType{schakel.KnelpuntEventCreated, schakel.KnelpuntEventJoined, schakel.KnelpuntEventMerged, schakel.KnelpuntEventSplit,
		schakel.KnelpuntEventPut, schakel.KnelpuntEventAdopted, schakel.KnelpuntEventDeclined, schakel.KnelpuntEventSent} {
		if knelpuntEventTitles[ev] == "" {
			t.Errorf("knelpunt event %s has no title", ev)
		}
	}
	for _, ev := range []schakel.SignalEventType{schakel.SignalEventRaised, schakel.SignalEventFiled, schakel.SignalEventMoved} {
		if signalEventTitles[ev] == "" {
			t.Errorf("signal event %s has no title", ev)
		}
	}
}

// TestSignalFormatsTranslated checks that the Dutch messages of the
// signal service, which the signal pages show, have English. (Those of
// the store are checked by TestDomainFormatsTranslated.)
func TestSignalFormatsTranslated(t *testing.T) {
	dirs, args := formatDirs, formatArgIn
	t.Cleanup(func() { formatDirs, formatArgIn = dirs, args })
	formatDirs = []string{"signals"}
	formatArgIn = map[string]map[string]int{"signals": {"invalid": 2}} // signals.invalid(field, code, format, args...)
	formats := repoFormats(t)
	if len(formats) < 30 {
		t.Fatalf("found only %d formats in package signals; is the scan broken?", len(formats))
	}
	for _, f := range formats {
		if _, ok := english[f]; !ok {
			t.Errorf("no English for the signal format %q", f)
		}
	}
}

// TestSignalMessagesAgree checks that the signal messages translate a key
// the other catalogues also have in the same way, so the merge order of
// english does not matter.
func TestSignalMessagesAgree(t *testing.T) {
	others := []map[string]string{domainMessages, pageMessages, brakeDomainMessages, brakePageMessages, caseDomainMessages, casePageMessages, publicationMessages}
	for _, mine := range []map[string]string{signalDomainMessages, signalPageMessages} {
		for k, v := range mine {
			for _, o := range others {
				if ov, ok := o[k]; ok && ov != v {
					t.Errorf("%q is %q here and %q elsewhere", k, v, ov)
				}
			}
		}
	}
	for k, v := range signalDomainMessages {
		if pv, ok := signalPageMessages[k]; ok && pv != v {
			t.Errorf("%q translated twice: %q and %q", k, v, pv)
		}
	}
}

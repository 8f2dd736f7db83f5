package web

import "testing"

// brakeKeys returns the Dutch keys of the brake pages that
// TestGoKeysTranslated does not find by itself: the labels and
// descriptions of their fields and their tables of names.
func brakeKeys(t *testing.T) map[string]string {
	t.Helper()
	pg := &page{translator: translator{lang: langNL}}
	keys := map[string]string{}
	tables := [][]fieldSpec{citizenBrakeFields(), professionalBrakeFields(pg), organisationBrakeFields(pg), registerFields, notificationFields, followFields}
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
	for _, k := range brakeLevelNames {
		keys[k] = "brakeLevelNames"
	}
	for _, m := range []map[string]string{followDone} {
		for _, k := range m {
			keys[k] = "followDone"
		}
	}
	for _, k := range identityNames {
		keys[k] = "identityNames"
	}
	for _, k := range identityLabels {
		keys[k] = "identityLabels"
	}
	for _, k := range identityDescriptions {
		keys[k] = "identityDescriptions"
	}
	for _, k := range notificationStateNames {
		keys[k] = "notificationStateNames"
	}
	for _, k := range channelNames {
		keys[k] = "channelNames"
	}
	keys[budgetSpent] = "budgetSpent"
	for _, k := range deliveryFailures {
		keys[k] = "deliveryFailures"
	}
	return keys
}

func TestBrakeKeysTranslated(t *testing.T) {
	for k, where := range brakeKeys(t) {
		if _, ok := english[k]; !ok {
			t.Errorf("%s: no English for %q", where, k)
		}
	}
}

// TestBrakeFormatsTranslated checks that the Dutch messages of the brake
// service and of receipt codes, which the brake pages show, have English.
func TestBrakeFormatsTranslated(t *testing.T) {
	dirs, fields := formatDirs, formatFields
	t.Cleanup(func() { formatDirs, formatFields = dirs, fields })
	formatDirs = []string{"brakes", "receipt", "throttle"}
	formatFields = map[string]bool{"Message": true}
	for k, v := range fields {
		formatFields[k] = v
	}
	formats := repoFormats(t)
	if len(formats) < 10 {
		t.Fatalf("found only %d formats in the brake service; is the scan broken?", len(formats))
	}
	for _, f := range formats {
		if _, ok := english[f]; !ok {
			t.Errorf("no English for the brake format %q", f)
		}
	}
}

package model

import (
	"reflect"
	"testing"
)

func TestRollback(t *testing.T) {
	old := Default()
	old.General.CallbackURL = "https://old.example/cb"
	old.Documents = []Document{{Code: "BILL", Name: "Bill", Label: "Bill", Enabled: true}}

	cur := Default()
	cur.General.CallbackURL = "https://new.example/cb"
	cur.Security.TwoFactor = true
	cur.Documents = []Document{
		{Code: "bill", Name: "Bill v2", Label: "Bill", Enabled: false}, // the same code in another case: old's wins
		{Code: "LEASE", Name: "Lease", Label: "Lease", Translations: map[string]string{"de": "Mietvertrag"}, Enabled: true},
	}
	before := cur.Clone()

	got := Rollback(old, cur)
	if got.General.CallbackURL != "https://old.example/cb" {
		t.Errorf("callback %q: a rollback takes the old content", got.General.CallbackURL)
	}
	want := []Document{
		{Code: "BILL", Name: "Bill", Label: "Bill", Enabled: true},
		{Code: "LEASE", Name: "Lease", Label: "Lease", Translations: map[string]string{"de": "Mietvertrag"}, Enabled: false},
	}
	if !reflect.DeepEqual(got.Documents, want) {
		t.Errorf("documents %+v, want %+v (created later: kept, disabled)", got.Documents, want)
	}
	if !got.Security.TwoFactor {
		t.Error("a rollback turned two-factor authentication off: it keeps the current state")
	}
	cur.Security.TwoFactor = false
	old.Security.TwoFactor = true
	if Rollback(old, cur).Security.TwoFactor {
		t.Error("a rollback turned two-factor authentication on")
	}
	cur.Security.TwoFactor = true

	// Neither argument changes, and the result shares no map with them.
	got.Documents[1].Translations["de"] = "x"
	if !reflect.DeepEqual(cur, before) {
		t.Error("Rollback modified cur")
	}
	// Rolling back onto its own result changes nothing (the editor replays it).
	if again := Rollback(old, Rollback(old, cur)); len(Diff(Rollback(old, cur), again)) != 0 {
		t.Errorf("Rollback is not idempotent: %v", Diff(Rollback(old, cur), again))
	}
}

package data

import (
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// The harness's clock is 2026-03-01 12:00 UTC.

func newPane(t testing.TB, s model.Settings, opts ...panetest.Option) *panetest.Harness {
	return panetest.New(t, s, func(ctx *common.Context) common.Pane { return New(ctx) }, opts...)
}

func days(n int) *int { return &n }

// rowIndex is the position of a row by its name.
func rowIndex(t testing.TB, name string) int {
	for i, r := range paneRows() {
		if r.name() == name {
			return i
		}
	}
	t.Fatalf("no row %q", name)
	return 0
}

// selectRow moves the cursor to the row called name.
func selectRow(h *panetest.Harness, name string) *panetest.Harness {
	h.T.Helper()
	h.Press("home")
	for range rowIndex(h.T, name) {
		h.Press("down")
	}
	return h
}

func TestListsFieldsAndRetention(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.WantView("Extracted fields",
			"› [x] Date of birth     mandatory", "  [x] ID number", "  [x] First name", "  [x] Last name",
			"  [ ] Expiry date       optional", "  [ ] US state", "  [ ] Personal number", "  [ ] MRZ check",
			"MRZ countries     45 ID-card countries  enter or /: look one up",
			"Retention", "Keep records      360 days, then deleted", "[ ] Delete fraud too",
			"When on, the date of birth is extracted from each verified document.")
		h.NotView("processed anyway", "deleted permanently")
	})
}

func TestToggleFields(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("space") // date of birth off
		selectRow(h, "US state").Press("enter")
		selectRow(h, "Delete fraud too").Press("space")
		f, r := h.Draft.Current().DataSettings.Fields, h.Draft.Current().DataSettings.Retention
		if f.DateOfBirth || !f.USState || !r.DeleteFraud {
			t.Fatalf("fields %+v, retention %+v", f, r)
		}
		if got := strings.Join(h.Edits, ","); got != "date of birth: off,US state: on,delete fraud too: on" {
			t.Fatalf("edits %q: one undo step each", got)
		}
		h.WantView("[ ] Date of birth", "[x] US state", "[x] Delete fraud too")
	})
}

// With the MRZ check on, the date of birth, expiry date and personal number show as
// processed anyway, and the selected one says why.
func TestMRZImpliesFields(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.DataSettings.Fields.DateOfBirth = false
		h := newPane(t, s)
		h.NotView("processed anyway")
		selectRow(h, "MRZ check").Press("space")
		view := h.View()
		for _, line := range strings.Split(view, "\n") {
			implied := strings.Contains(line, "processed anyway: the MRZ check reads it")
			for _, name := range []string{"Date of birth", "Expiry date", "Personal number"} {
				if strings.Contains(line, name) && !implied {
					t.Errorf("%s is not shown as implied: %q", name, line)
				}
			}
			for _, name := range []string{"ID number", "First name", "Last name", "US state"} {
				if strings.Contains(line, name) && implied {
					t.Errorf("%s is shown as implied: %q", name, line)
				}
			}
		}
		selectRow(h, "Expiry date")
		h.WantView("Off, yet processed: the MRZ check compares the date of birth, expiry date", "and personal number in the machine-readable zone")
		// Switched on, a field is simply on: not "anyway".
		h.Press("space")
		h.WantView("[x] Expiry date       optional")
		selectRow(h, "Personal number")
		h.WantView("[ ] Personal number   optional    processed anyway")
		// The document keeps each switch as set: implied is shown, not stored.
		if f := h.Draft.Current().DataSettings.Fields; f.PersonalNumber || f.DateOfBirth || !f.MRZCheck {
			t.Fatalf("fields %+v", f)
		}
	})
}

// "Is Kenya covered?": / then "ken".
func TestMRZCountryLookup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("/")
		if !h.Pane.Capturing() {
			t.Fatal("the lookup does not take the keys")
		}
		h.WantView("MRZ check", "the ID cards of these 45 countries are checked", "45 countries")
		h.Type("ken")
		h.WantView("1 of 45", "› Kenya", "KEN")
		// Enter picks nothing: it is a list to look things up in.
		h.Press("enter")
		if len(h.Edits) != 0 || !h.Pane.Capturing() {
			t.Fatalf("enter in the lookup: edits %q", h.Edits)
		}
		h.Press("ctrl+u")
		h.Type("united states")
		h.WantView(`no country matches "united states"`, "United States (USA): not in the list; its passports are checked, its ID cards")
		h.Press("esc")
		if h.Pane.Capturing() {
			t.Fatal("esc did not leave the lookup")
		}
		// Enter on the countries' row opens it too.
		selectRow(h, "MRZ countries").Press("enter")
		h.Type("deu")
		h.WantView("› Germany")
	})
}

// The days are checked with the model's rule as they are typed; enter keeps only a
// value the rule accepts.
func TestRetentionDays(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		selectRow(h, "Keep records").Press("enter")
		h.WantView("› 360", "✓ records are deleted 360 days after they are created")
		for _, c := range []struct{ typed, want string }{
			{"0", "must be between 1 and 3650 days, or forever to keep data forever (0)"},
			{"3651", "must be between 1 and 3650 days, or forever to keep data forever (3651)"},
			{"ninety", `"ninety" is not a number of days: type 1 to 3650, or forever`},
			{"", "type a number of days (1–3650), or forever"},
		} {
			h.Press("ctrl+u").Type(c.typed)
			h.WantView(c.want)
			h.Press("enter")
			if len(h.Edits) != 0 || !h.Pane.Capturing() {
				t.Fatalf("%q was kept", c.typed)
			}
		}
		h.Press("ctrl+u").Type("720")
		h.WantView("✓ records are deleted 720 days after they are created",
			"· records are kept 720 days instead of 360 days: nothing is deleted")
		h.NotView("deleted permanently")
		h.Press("enter")
		if d := h.Draft.Current().DataSettings.Retention.PurgeAfterDays; d == nil || *d != 720 {
			t.Fatalf("retention %v", d)
		}
		h.WantView("Keep records      720 days, then deleted")
		// Forever typed as a word.
		h.Press("enter", "ctrl+u").Type("Forever")
		h.WantView("✓ records are kept forever")
		h.Press("enter")
		if d := h.Draft.Current().DataSettings.Retention.PurgeAfterDays; d != nil {
			t.Fatalf("retention %v, want forever", *d)
		}
		if got := strings.Join(h.Edits, ","); got != "retention: 720 days,retention: forever" {
			t.Fatalf("edits %q", got)
		}
	})
}

// Shortening against the saved head says, in the field as it is typed and in the pane
// after, which records will be deleted and that the save asks to confirm.
func TestShorterRetentionWarns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default(), panetest.Size(100, 30))
		selectRow(h, "Keep records").Press("enter", "ctrl+u").Type("90")
		const sentence = "records created between 2025-03-06 and 2025-11-30 will be deleted permanently"
		h.WantView(sentence)
		h.Press("enter")
		h.WantView("! "+sentence, "compared with revision 1; saving asks you to confirm (d in the review)")
		// Back to what is saved: no warning.
		h.Press("enter", "ctrl+u").Type("360").Press("enter")
		h.NotView("deleted permanently", "confirm")
	})
}

// Space switches between keeping forever and the days kept before; forever → days is a
// shortening too.
func TestRetentionForeverAndBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default(), panetest.Size(100, 30))
		selectRow(h, "Keep records").Press("space")
		h.WantView("Keep records      forever",
			"· records are kept forever instead of 360 days: nothing is deleted from now on")
		h.Press("space")
		h.WantView("Keep records      360 days, then deleted")
		h.NotView("instead of")

		// Saved as forever: going to days deletes what is older.
		s := model.Default()
		s.DataSettings.Retention.PurgeAfterDays = nil
		h = newPane(t, s, panetest.Size(100, 30))
		selectRow(h, "Keep records").Press("space")
		h.WantView("Keep records      360 days, then deleted",
			"! records created before 2025-03-06 will be deleted permanently")
	})
}

// Turning deleteFraud on purges fraud records the retention spared so far.
func TestDeleteFraudWarns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.DataSettings.Retention.PurgeAfterDays = days(90)
		h := newPane(t, s, panetest.Size(100, 30))
		selectRow(h, "Delete fraud too").Press("space")
		h.WantView("! fraud records created before 2025-12-01 will be deleted permanently")
	})
}

func TestReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default(), panetest.ReadOnly())
		h.WantView(common.ReadOnlyNotice)
		h.Press("space")
		// The key says why it does nothing, in its own Update (the same frame).
		selectRow(h, "Keep records").Press("enter").WantSaid(panetest.Key("space"),
			common.StatusMsg{Kind: common.StatusWarning, Text: common.ReadOnlyNotice})
		if len(h.Edits) != 0 || h.Pane.Capturing() {
			t.Fatalf("read-only: edits %q", h.Edits)
		}
		// Looking up stays possible.
		h.Press("/").Type("ken")
		h.WantView("› Kenya")
	})
}

// A retention out of range in the document (an import) shows under its row.
func TestShowsViolations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.DataSettings.Retention.PurgeAfterDays = days(5000)
		h := newPane(t, s, panetest.Size(100, 30))
		h.WantView("✗ must be between 1 and 3650 days, or null to keep data forever (5000)")
	})
}

func TestEverySize(t *testing.T) {
	for _, open := range [][]string{nil, {"end"}, {"/"}, {"end", "up", "enter"}, {"end", "up", "space", "down", "space"}} {
		t.Run(strings.Join(open, "+"), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := model.Default()
				s.DataSettings.Fields.MRZCheck = true
				s.DataSettings.Retention.PurgeAfterDays = days(5000)
				h := newPane(t, s)
				h.Press(open...)
				if len(open) > 0 && open[0] == "/" {
					h.Type("united")
				}
				h.EverySize(130, 40)
			})
		})
	}
}

// FuzzParseDays: whatever is typed, the field either keeps a retention the model's rule
// accepts (or forever) or says why not; it never panics.
func FuzzParseDays(f *testing.F) {
	for _, s := range []string{"", "90", " 360 ", "forever", "FOREVER", "0", "3651", "-1", "+90", "9999999999999999999999", "1e3", "٣", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		d, problem := parseDays(typed)
		switch {
		case problem != "":
			if d != nil {
				t.Fatalf("%q: a problem and a value", typed)
			}
		case d == nil:
			if !strings.EqualFold(strings.TrimSpace(typed), forever) {
				t.Fatalf("%q read as forever", typed)
			}
		default:
			if m := model.PurgeAfterDaysProblem(*d, forever); m != "" {
				t.Fatalf("%q kept as %d: %s", typed, *d, m)
			}
		}
	})
}

package accepted

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/internal/termbytes"
	"idvset/tui/panetest"
)

// perCountry is the default settings in country mode, the regions copied into the table:
// every country accepts what the default catalog offers.
func perCountry() model.Settings {
	s := model.Default()
	s.AcceptedIDs.CopyRegionsToCountries(model.DefaultCatalog())
	return s
}

func newPane(t *testing.T, s model.Settings, opts ...panetest.Option) *panetest.Harness {
	return panetest.New(t, s, func(ctx *common.Context) common.Pane { return New(ctx) }, opts...)
}

// pane is the harness's pane as the Accepted IDs pane.
func pane(h *panetest.Harness) *Pane { return h.Pane.(*Pane) }

// filter types a new filter and keeps it.
func filter(h *panetest.Harness, q string) {
	h.T.Helper()
	h.Press("/").Type(q).Press("enter")
}

// accepts is what the draft's table accepts from a country.
func accepts(h *panetest.Harness, code string) []model.IDType {
	return h.Draft.Current().AcceptedIDs.Countries[code]
}

func TestFilterMatchesNameCodeAndRegion(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry(), panetest.Size(80, 60))
		p := pane(h)
		h.WantView("per country", "250 countries", "Country", "Passport", "Driving", "ID card", "Visa")

		for _, tc := range []struct {
			query, first string
			n            int
		}{
			{"europe", "ALB", 52}, // the region
			{"deu", "DEU", 1},     // alpha-3
			{"germ", "DEU", 1},    // a name's start
			{"de", "DEU", -1},     // alpha-2 first, then names
			{"eu member", "AUT", 27},
			{"africa", "DZA", 58},
			{"cote", "CIV", 1}, // accents folded
		} {
			filter(h, tc.query)
			first, _ := p.countries.CursorKey()
			if first != tc.first {
				t.Errorf("/%s: cursor on %s, want %s", tc.query, first, tc.first)
			}
			if tc.n >= 0 && p.countries.Shown() != tc.n {
				t.Errorf("/%s: %d rows shown, want %d", tc.query, p.countries.Shown(), tc.n)
			}
		}
		filter(h, "europe")
		for _, k := range shownKeys(p) {
			if c := p.list[p.index[k]]; c.Region != model.Europe {
				t.Errorf("/europe shows %s (%s)", c.Name, c.Region)
			}
		}
		h.WantView("/europe", "52 of 250", "Albania")
		h.Press("esc")
		h.WantView("250 countries")
	})
}

// shownKeys are the keys of every row the filter lets through.
func shownKeys(p *Pane) []string {
	var out []string
	t, _ := p.countries.Update(panetest.Key("home")) // a copy to walk
	for range t.Shown() {
		if k, ok := t.CursorKey(); ok {
			out = append(out, k)
		}
		t, _ = t.Update(panetest.Key("down"))
	}
	return slices.Compact(out)
}

func TestMarksSurviveFilters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry())
		p := pane(h)
		filter(h, "germ")
		h.Press("space")
		filter(h, "fra")
		h.Press("space")
		filter(h, "ital")
		h.Press("space")
		if got := p.countries.Marked(); !slices.Equal(got, []string{"FRA", "DEU", "ITA"}) {
			t.Fatalf("marked %v, want France, Germany, Italy (in name order)", got)
		}
		h.WantView("3 marked (2 not shown)", "›● ITA Italy")
		// The footer counts them too.
		if help := footer(h); !strings.Contains(help, "3 marked") {
			t.Errorf("footer %q does not count the marks", help)
		}
		h.Press("esc") // the filter goes, the marks stay
		h.WantView("250 countries · 3 marked")
		// Invert the marks of the rows shown, clear them all.
		filter(h, "europe")
		h.Press("!")
		if n := p.countries.MarkedCount(); n != 49 {
			t.Errorf("after ! over Europe: %d marked, want 49", n)
		}
		h.Press("-")
		if n := p.countries.MarkedCount(); n != 0 {
			t.Errorf("after -: %d marked", n)
		}
		h.Press("ctrl+a")
		if n := p.countries.MarkedCount(); n != 52 {
			t.Errorf("ctrl+a over Europe: %d marked", n)
		}
	})
}

// footer is the pane's part of the footer, as text.
func footer(h *panetest.Harness) string {
	var parts []string
	for _, b := range h.Pane.KeyMap().ShortHelp() {
		if b.Enabled() {
			parts = append(parts, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return strings.Join(parts, " • ")
}

func TestBulkActionsOnMarks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry())
		filter(h, "europe")
		h.Press("*", "n")
		if len(h.Edits) != 1 || h.Edits[0] != "no ID type from 52 countries" {
			t.Fatalf("edits %q, want one", h.Edits)
		}
		for _, c := range model.CountriesIn(model.Europe) {
			if len(accepts(h, c)) > 0 {
				t.Fatalf("%s still accepts %v", c, accepts(h, c))
			}
		}
		if len(accepts(h, "CYP")) == 0 || len(accepts(h, "USA")) == 0 {
			t.Fatal("a country outside the filter changed")
		}
		h.WantView("· no     · no     · no")

		// Toggling over a mixed selection turns the type on for all, and says so.
		h.Press("-")
		filter(h, "germ")
		h.Press("space", "i") // Germany (none since n): ID_CARD on
		filter(h, "fra")
		h.Press("space")
		filter(h, "ital")
		h.Press("space")
		h.Press("esc", "i")
		if got := h.Edits[len(h.Edits)-1]; got != "ID_CARD on for 3 countries" {
			t.Errorf("label %q", got)
		}
		if !strings.Contains(h.Status.Text, "changed: ID_CARD on for 3 countries (1 had it; again or I: off)") {
			t.Errorf("status %q", h.Status.Text)
		}
		h.Press("i")
		if got := h.Edits[len(h.Edits)-1]; got != "ID_CARD off for 3 countries" {
			t.Errorf("second press: %q", got)
		}
		for _, c := range []string{"DEU", "FRA", "ITA"} {
			if slices.Contains(accepts(h, c), model.IDCard) {
				t.Errorf("%s accepts ID_CARD after off", c)
			}
		}
		// I turns ID_CARD off; again, there is nothing to do.
		h.Press("i", "I")
		if got := h.Edits[len(h.Edits)-1]; got != "ID_CARD off for 3 countries" {
			t.Errorf("I: %q", got)
		}
		h.Press("I")
		if h.Status.Text != "nothing to change: ID_CARD is not accepted from 3 countries" {
			t.Errorf("I again: %q", h.Status.Text)
		}
		h.Press("s")
		if !slices.Equal(accepts(h, "FRA"), []model.IDType{model.Passport, model.DrivingLicense, model.IDCard}) {
			t.Errorf("supported: FRA %v", accepts(h, "FRA"))
		}
		h.Press("s")
		if h.Status.Text != "nothing to change: the supported types from 3 countries already" || len(h.Edits) != 7 {
			t.Errorf("a second s: %q, %d edits", h.Status.Text, len(h.Edits))
		}
	})
}

func TestBulkActionsOnCursorRow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry())
		filter(h, "deu")
		h.Press("n", "i", "p")
		if !slices.Equal(accepts(h, "DEU"), []model.IDType{model.Passport, model.IDCard}) {
			t.Fatalf("DEU %v, want PASSPORT ID_CARD", accepts(h, "DEU"))
		}
		want := []string{"no ID type from Germany (DEU)", "ID_CARD on for Germany (DEU)", "PASSPORT on for Germany (DEU)"}
		if !slices.Equal(h.Edits, want) {
			t.Errorf("edits %q, want %q", h.Edits, want)
		}
		if len(accepts(h, "FRA")) != 3 {
			t.Error("another country changed")
		}
		h.Press("2", "2") // 2 is DRIVING_LICENSE, like d
		if got := h.Edits[len(h.Edits)-2:]; got[0] != "DRIVING_LICENSE on for Germany (DEU)" || got[1] != "DRIVING_LICENSE off for Germany (DEU)" {
			t.Errorf("2: %q", got)
		}
		h.Press("a")
		if !slices.Equal(accepts(h, "DEU"), model.IDTypes()) {
			t.Errorf("a: DEU %v", accepts(h, "DEU"))
		}
		if h.Status.Kind != common.StatusWarning || h.Status.Text != "every ID type from Germany (DEU); not all offered by the catalog: unsup!" {
			t.Errorf("all types: status %+v", h.Status)
		}
	})
}

// D drops driving licences from a mixed selection in one press, where d would first
// turn them on where they are missing.
func TestTypeOffOverMixedSelection(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry())
		filter(h, "dza")
		h.Press("D")
		filter(h, "africa")
		h.Press("*", "D")
		if got := h.Edits; len(got) != 2 || got[1] != "DRIVING_LICENSE off for 58 countries" {
			t.Fatalf("edits %q", got)
		}
		for _, c := range model.CountriesIn(model.Africa) {
			if slices.Contains(accepts(h, c), model.DrivingLicense) {
				t.Errorf("%s still accepts DRIVING_LICENSE", c)
			}
		}
	})
}

// One bulk action is one undo step, and the table shows the undone state at once.
func TestUndoBulkAction(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry())
		filter(h, "africa")
		h.Press("*", "d")
		if h.Edits[0] != "DRIVING_LICENSE off for 58 countries" {
			t.Fatalf("edits %q", h.Edits)
		}
		h.WantView("✓ yes    · no     ✓ yes")
		label, ok := h.Draft.Undo()
		if !ok || label != "DRIVING_LICENSE off for 58 countries" {
			t.Fatalf("undo: %q %v", label, ok)
		}
		h.NotView("✓ yes    · no     ✓ yes")
		for _, c := range model.CountriesIn(model.Africa) {
			if !slices.Contains(accepts(h, c), model.DrivingLicense) {
				t.Fatalf("%s lacks DRIVING_LICENSE after one undo", c)
			}
		}
		h.Draft.Redo()
		h.WantView("✓ yes    · no     ✓ yes")
	})
}

func TestUnsupportedWarnings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry())
		filter(h, "deu")
		h.Press("v")
		h.WantView("DEU Germany", "Europe   ✓ yes    ✓ yes    ✓ yes    ✓ unsup!", "! 1 accepted, unsupported",
			"NOT offered by the catalog, accepted anyway: VISA")
		if h.Status.Kind != common.StatusWarning ||
			h.Status.Text != "VISA on for Germany (DEU); not offered by the catalog: unsup!" {
			t.Errorf("status %+v", h.Status)
		}
		// Validation says it too, as a warning that does not refuse the save.
		if vs := h.Ctx.Violations.At("acceptedIds.countries.DEU"); len(vs) != 1 || vs[0].Severity != model.Warning {
			t.Errorf("violations %v", vs)
		}
		// USA's visa is offered: accepted without a warning.
		filter(h, "usa")
		h.WantView("USA United States", "Americas ✓ yes    ✓ yes    ✓ yes    ✓ yes")
		h.Press("v", "v")
		h.WantView("USA United States", "Americas ✓ yes    ✓ yes    ✓ yes    ✓ yes", "! 1 accepted, unsupported")
		if h.Status.Kind != common.StatusInfo || h.Status.Text != "changed: VISA on for United States (USA)" {
			t.Errorf("status %+v", h.Status)
		}
	})
}

func TestCopyRegionsToCountries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.AcceptedIDs.Regions[model.Africa] = model.RegionNone
		s.AcceptedIDs.Regions[model.Asia] = model.RegionAll
		h := newPane(t, s)
		h.WantView("per region", "Africa   none", "Asia     all", "0 of 58", "51 of 51")
		h.Press("c")
		h.WantView("Copy the region choices into the per-country table and switch to per country?", "y/N")
		if !h.Pane.Capturing() {
			t.Error("a question open, yet the pane does not take the keys")
		}
		h.Press("n")
		if len(h.Edits) != 0 || h.Status.Text != "nothing changed" {
			t.Fatalf("n: edits %q, status %q", h.Edits, h.Status.Text)
		}
		h.Press("c", "y")
		if len(h.Edits) != 1 || h.Edits[0] != "copy regions to countries" {
			t.Fatalf("edits %q", h.Edits)
		}
		a := h.Draft.Current().AcceptedIDs
		if a.Mode != model.ModeCountry || len(a.Countries["NGA"]) != 0 || !slices.Equal(a.Countries["JPN"], model.IDTypes()) {
			t.Errorf("copied: mode %s, NGA %v, JPN %v", a.Mode, a.Countries["NGA"], a.Countries["JPN"])
		}
		h.WantView("per country", "AFG Afghanistan          Asia     ✓ yes    ✓ yes    ✓ yes    ✓ unsup!")

		// Back per region: the status says which per-country choices stop applying.
		filter(h, "deu")
		// The sentence comes with the key, in the same Update (and frame).
		h.Press("v").WantSaid(panetest.Key("m"), common.StatusMsg{Kind: common.StatusWarning,
			Text: "per region: the own choices of 1 country stop applying (DEU)"})
		if h.Draft.Current().AcceptedIDs.Mode != model.ModeRegion {
			t.Fatal("m did not switch to per region")
		}
		h.WantView("Not applying per region (kept for per country): the own choices of 1", "DEU")
		// Per country again: the table differs from the regions, so the pane asks.
		h.Press("m")
		h.WantView("c copies the region choices", "k keeps the table as it is (1 country differ")
		h.WantSaid(panetest.Key("k"), common.StatusMsg{Kind: common.StatusInfo,
			Text: "changed: per country, with the table as it was: 192 countries accept something"})
		if a := h.Draft.Current().AcceptedIDs; a.Mode != model.ModeCountry || !slices.Contains(a.Countries["DEU"], model.Visa) {
			t.Errorf("k: mode %s, DEU %v", a.Mode, a.Countries["DEU"])
		}
	})
}

// Switching a fresh document (empty table) to per country offers to copy the regions:
// keeping the empty table would accept nothing from anywhere.
func TestSwitchToCountryAsks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("m")
		h.WantView("k keeps the table as it is: it accepts nothing from anywhere")
		h.Press("esc")
		if len(h.Edits) != 0 || pane(h).prompt != nil {
			t.Fatalf("esc: edits %q", h.Edits)
		}
		h.Press("m", "c")
		if a := h.Draft.Current().AcceptedIDs; a.Mode != model.ModeCountry || len(a.Countries) != 250 {
			t.Errorf("c: mode %s, %d countries", a.Mode, len(a.Countries))
		}
		// The table accepts what the regions do: back and forth without a question.
		h.Press("m", "m")
		if got := h.Edits[len(h.Edits)-2:]; got[0] != "per region" || got[1] != "per country" {
			t.Errorf("edits %q", h.Edits)
		}
	})
}

func TestRegionChoices(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		// A new database has no per-country choices: nothing is said to stop applying.
		h.WantView("The per-country table is empty: m offers to fill it from these regions.")
		h.NotView("Not applying per region")
		h.Press("down", "down", "down") // Europe
		h.Press("a")
		if got := h.Draft.Current().AcceptedIDs.Regions[model.Europe]; got != model.RegionAll {
			t.Fatalf("Europe %s", got)
		}
		h.WantView("Europe   all       52 of 52        52       52       52       52 ! 52 unsup.")
		if h.Status.Kind != common.StatusWarning {
			t.Errorf("all: status %+v", h.Status)
		}
		h.Press("home", "space", "down", "space", "n") // Africa and the Americas
		if got := h.Edits[len(h.Edits)-1]; got != "AFRICA, AMERICAS: none" {
			t.Errorf("label %q", got)
		}
		h.WantView("Africa   none      0 of 58", "Americas none      0 of 55", "In effect: 137 of 250 countries")
		h.Press("p")
		if len(h.Edits) != 2 {
			t.Error("p changed something per region")
		}
	})
}

func TestAutoAcceptNewAndCatalog(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.WantView("autoAcceptNew on", "embedded default catalog (a placeholder until idvset catalog import)")
		h.Press("A")
		if h.Draft.Current().AcceptedIDs.AutoAcceptNew || h.Edits[0] != "autoAcceptNew off" {
			t.Fatalf("A: %q", h.Edits)
		}
		h.WantView("autoAcceptNew off")

		cat := model.DefaultCatalog()
		cat.Timestamp, cat.Source, cat.Revision = "2019-03-01T14:13:38.938Z", "vendor-2019.json", 7
		h.Ctx.Rules.Catalog = cat
		h.WantView("catalog of 2019-03-01 from vendor-2019.json, imported in revision 7")
	})
}

func TestReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry(), panetest.ReadOnly())
		filter(h, "deu")
		h.Press("space", "n", "p", "m", "A", "c")
		if len(h.Edits) != 0 {
			t.Fatalf("read-only, yet edits %q", h.Edits)
		}
		if h.Status.Text != "read-only: started with --readonly: nothing can be changed" {
			t.Errorf("status %q", h.Status.Text)
		}
		if !pane(h).countries.IsMarked("DEU") {
			t.Error("marks are not edits: they work read-only")
		}
		var reasons []string
		for _, col := range pane(h).KeyMap().(keyMap).ExplainedHelp() {
			for _, k := range col {
				if k.Reason != "" {
					reasons = append(reasons, k.Binding.Help().Key+": "+k.Reason)
				}
			}
		}
		if !slices.Contains(reasons, "n: read-only") || !slices.Contains(reasons, "p/1: read-only") {
			t.Errorf("reasons %q", reasons)
		}
	})
}

// The effect of the settings is computed after an edit, never on a cursor move or a
// filter keystroke.
func TestEffectCachedUntilEdit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry())
		p := pane(h)
		e := p.effect
		h.Press("down", "down", "/").Type("fra").Press("enter", "space")
		h.View()
		if p.effect != e {
			t.Fatal("moves, a filter and a mark recomputed the effect")
		}
		h.Press("n")
		h.View()
		if p.effect == e {
			t.Fatal("an edit did not recompute the effect")
		}
		e = p.effect
		h.Draft.Undo()
		h.View()
		if p.effect == e {
			t.Fatal("an undo did not recompute the effect")
		}
	})
}

func TestEverySize(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, s := range []model.Settings{model.Default(), perCountry()} {
			h := newPane(t, s)
			filter(h, "e")
			h.Press("space")
			h.EverySize(130, 45)
			h.Press("c")
			h.EverySize(90, 30)
		}
	})
}

// Issue 13: a cursor move in Accepted IDs writes under 100 bytes at 120x40 (the pane's
// 120x35 of it), in colour: the renderer sends the two gutters and codes and what
// differs in the detail line, which stays on its line. Before: ~630 bytes.
func TestCursorMoveWritesUnder100Bytes(t *testing.T) {
	b := newBenchPane(120, 40)
	frames := []string{b.p.View()}
	for _, k := range []string{"down", "down", "down", "up", "up", "down", "up"} {
		b.key(panetest.Key(k))
		frames = append(frames, b.p.View())
	}
	for i, n := range termbytes.Frames(120, 35, frames...) {
		if n >= 100 {
			t.Errorf("move %d wrote %d bytes, want < 100", i+1, n)
		}
	}
}

// The detail line stays on its line when a filter leaves a few rows (it would move up,
// and every keystroke of the filter would redraw it elsewhere), and names what the row
// does not show.
func TestDetailLineStaysPut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, perCountry(), panetest.Size(120, 35))
		all := h.LineOf("Afghanistan (AF)")
		filter(h, "deu")
		if got := h.LineOf("Germany (DE, EU member)"); got != all {
			t.Errorf("the detail line moved from line %d to %d under a filter", all, got)
		}
	})
}

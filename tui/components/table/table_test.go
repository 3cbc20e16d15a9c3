package table

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/themes"
	"idvset/tui/components/internal/fixtures"
	"idvset/tui/components/internal/uitest"
	"idvset/tui/internal/termbytes"
)

// The Accepted IDs pane's table: name, code, region and one column per ID type.
var countryColumns = []Column{
	{Title: "Country", Width: 14, Flex: 1, Max: 48},
	{Title: "Code", Width: 4},
	{Title: "Region", Width: 8, Drop: 1},
	{Title: "Passport", Width: 9, Drop: 2},
	{Title: "Driving", Width: 9, Drop: 2},
	{Title: "ID card", Width: 9, Drop: 2},
	{Title: "Visa", Width: 9, Drop: 2},
}

func countryRows(cs []fixtures.Country) []Row {
	rows := make([]Row, len(cs))
	for i, c := range cs {
		rows[i] = Row{Key: c.Alpha3, Cells: []string{c.Name, c.Alpha3, c.Region, "✓ yes", "✓ yes", "✓ yes", "– no"},
			Keywords: []string{c.Alpha2}}
	}
	return rows
}

func newTable(t testing.TB, cs []fixtures.Country, w, h int) Model {
	t.Helper()
	m := New(countryColumns, NewStyles(themes.New(themes.Mono())))
	m.SetNoun("country", "countries")
	m.SetFilterFields(FilterFields{Title: 0, Code: 1, Other: []int{2}})
	m.SetRows(countryRows(cs))
	m.SetSize(w, h)
	return m
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(uitest.Press(k))
	}
	return m
}

func typeText(m Model, s string) Model {
	for _, k := range uitest.Type(s) {
		m, _ = m.Update(k)
	}
	return m
}

// filter opens the filter, types q and keeps it.
func filter(m Model, q string) Model {
	return press(typeText(press(m, "/"), q), "enter")
}

func screen(m Model) string { return ansi.Strip(m.View()) }

func cursorKey(m Model) string {
	k, _ := m.CursorKey()
	return k
}

func europe() []string {
	var out []string
	for _, c := range fixtures.Countries {
		if c.Region == "EUROPE" {
			out = append(out, c.Alpha3)
		}
	}
	return out
}

func TestFilterByNameCodeRegionAndPartialWord(t *testing.T) {
	tests := []struct {
		query string
		first string
		shown int // -1: do not check
	}{
		{"germ", "DEU", 1},
		{"deu", "DEU", 1},
		{"DE", "DEU", -1}, // the alpha-2 keyword, exactly
		{"europe", "ALA", len(europe())},
		{"korea", "KOR", 2},
		{"cote", "CIV", 1},
		{"united", "USA", -1}, // the shortest of the names it starts
		{"ko", "XKX", -1},     // Kosovo: a title's start beats the code KOR
	}
	for _, tt := range tests {
		m := filter(newTable(t, fixtures.Countries, 80, 24), tt.query)
		if got := cursorKey(m); got != tt.first {
			t.Errorf("%q: cursor on %s, want %s", tt.query, got, tt.first)
		}
		if tt.shown >= 0 && m.Shown() != tt.shown {
			t.Errorf("%q: %d shown, want %d", tt.query, m.Shown(), tt.shown)
		}
		if first := strings.Split(screen(m), "\n")[0]; !strings.Contains(first, fmt.Sprintf("%d of 250", m.Shown())) {
			t.Errorf("%q: count line %q", tt.query, first)
		}
	}
}

// The EU, marked with a few filters in a row: marks survive every new filter.
func TestMarksSurviveFilters(t *testing.T) {
	m := newTable(t, fixtures.Countries, 80, 24)
	for _, q := range []string{"germ", "fra", "ita", "esp"} {
		m = press(filter(m, q), "space")
	}
	want := []string{"DEU", "ESP", "FRA", "ITA"}
	if got := m.Marked(); !slices.Equal(got, want) {
		t.Fatalf("marked %v, want %v", got, want)
	}
	if got := m.Targets(); !slices.Equal(got, want) {
		t.Errorf("targets %v, want the marked rows %v", got, want)
	}
	out := screen(m)
	if !strings.Contains(out, "1 of 250 · 4 marked (3 not shown)") {
		t.Errorf("the count does not say that marks are hidden:\n%s", out)
	}
	// Clearing the filter shows all four marked, with a ● in words, not colour alone,
	// and leaves the cursor on the row it was on.
	m = press(m, "esc")
	if m.Filter() != "" || m.Shown() != 250 {
		t.Fatalf("esc kept filter %q", m.Filter())
	}
	if cursorKey(m) != "ESP" {
		t.Errorf("after esc the cursor is on %s, not on ESP where it was", cursorKey(m))
	}
	m.SetCursor("DEU")
	if !strings.Contains(rowOf(t, m, "DEU"), "●") {
		t.Errorf("DEU is not shown as marked: %q", rowOf(t, m, "DEU"))
	}
}

// rowOf is the screen row of the country with code.
func rowOf(t testing.TB, m Model, code string) string {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n")[2:] {
		if strings.Contains(l, " "+code+" ") {
			return l
		}
	}
	t.Fatalf("%s not on screen:\n%s", code, screen(m))
	return ""
}

func TestMarkAllClearInvert(t *testing.T) {
	m := filter(newTable(t, fixtures.Countries, 80, 24), "europe")
	n := len(europe())
	m = press(m, "ctrl+a")
	if m.MarkedCount() != n {
		t.Fatalf("ctrl+a marked %d, want the %d shown", m.MarkedCount(), n)
	}
	if !slices.Equal(m.Marked(), europe()) {
		t.Errorf("marked %v", m.Marked())
	}
	m = press(m, "-")
	if m.MarkedCount() != 0 {
		t.Errorf("- left %d marked", m.MarkedCount())
	}
	m = press(m, "*")
	if m.MarkedCount() != n {
		t.Errorf("* marked %d, want %d", m.MarkedCount(), n)
	}
	// Invert works on the rows shown only: unmark Germany, then invert Germany alone.
	m = press(filter(m, "deu"), "!")
	if m.IsMarked("DEU") || m.MarkedCount() != n-1 {
		t.Errorf("! on DEU: marked=%v count=%d", m.IsMarked("DEU"), m.MarkedCount())
	}
	m = press(filter(m, "europe"), "!")
	if got := m.Marked(); !slices.Equal(got, []string{"DEU"}) {
		t.Errorf("! over Europe: marked %v, want only DEU", got)
	}
	// Mark all while typing: ctrl+a marks; * is typed.
	m = press(m, "-", "/")
	m = typeText(m, "korea")
	m = press(m, "ctrl+a")
	if got := m.Marked(); !slices.Equal(got, []string{"KOR", "PRK"}) || !m.Filtering() {
		t.Errorf("ctrl+a while typing: marked %v, filtering %v", got, m.Filtering())
	}
	m = typeText(m, "*")
	if m.Filter() != "korea*" || m.MarkedCount() != 2 {
		t.Errorf("* while typing: filter %q, %d marked", m.Filter(), m.MarkedCount())
	}
}

func TestTargets(t *testing.T) {
	m := newTable(t, fixtures.Countries, 80, 24)
	if got := m.Targets(); !slices.Equal(got, []string{"ABW"}) {
		t.Errorf("no marks: targets %v, want the cursor row", got)
	}
	m = press(m, "down", "space", "down", "down", "space")
	if got := m.Targets(); !slices.Equal(got, []string{"AFG", "AIA"}) {
		t.Errorf("marks: targets %v", got)
	}
	m = press(m, "space") // AIA again: unmark
	if got := m.Targets(); !slices.Equal(got, []string{"AFG"}) {
		t.Errorf("unmarked: targets %v", got)
	}
	m = filter(press(m, "-"), "zzzz")
	if got := m.Targets(); len(got) != 0 {
		t.Errorf("nothing shown and nothing marked: targets %v", got)
	}
	if !strings.Contains(screen(m), `no country matches "zzzz"`) {
		t.Errorf("no empty-result line:\n%s", screen(m))
	}
}

func TestSetRowsKeepsCursorAndMarks(t *testing.T) {
	m := newTable(t, fixtures.Countries, 80, 24)
	m = press(filter(m, "europe"), "ctrl+a")
	m.SetCursor("FRA")
	marked := m.Marked()
	// A bulk action: every ID card column changes; the filter's text does not.
	rows := countryRows(fixtures.Countries)
	for i := range rows {
		rows[i].Cells[5] = "– no"
	}
	matcher := m.matcher
	m.SetRows(rows)
	if cursorKey(m) != "FRA" || !slices.Equal(m.Marked(), marked) || m.Filter() != "europe" {
		t.Errorf("after SetRows: cursor %s, %d marked, filter %q", cursorKey(m), m.MarkedCount(), m.Filter())
	}
	if m.matcher != matcher {
		t.Error("the filter ran again though its text did not change")
	}
	if !strings.Contains(rowOf(t, m, "FRA"), "– no") {
		t.Errorf("the new cells are not shown: %q", rowOf(t, m, "FRA"))
	}
	// Rows that go take their marks; the cursor stays put when its row goes.
	m.SetRows(countryRows(slices.DeleteFunc(slices.Clone(fixtures.Countries), func(c fixtures.Country) bool {
		return c.Alpha3 == "FRA" || c.Alpha3 == "DEU"
	})))
	if m.IsMarked("DEU") || m.MarkedCount() != len(marked)-2 {
		t.Errorf("marks of removed rows kept: %d marked", m.MarkedCount())
	}
	if k := cursorKey(m); k == "" || k == "FRA" {
		t.Errorf("cursor on %q after its row went", k)
	}
	if m.Shown() != len(europe())-2 {
		t.Errorf("the filter did not run on the new rows: %d shown", m.Shown())
	}
}

func TestMoving(t *testing.T) {
	m := newTable(t, fixtures.Countries, 80, 12) // 10 rows
	m = press(m, "j", "j", "k")
	if cursorKey(m) != "AFG" {
		t.Errorf("j j k: %s", cursorKey(m))
	}
	m = press(m, "G")
	if cursorKey(m) != "ZWE" {
		t.Errorf("G: %s", cursorKey(m))
	}
	m = press(m, "g", "pgdown")
	if k, _ := m.CursorKey(); k != countryRows(fixtures.Countries)[9].Key {
		t.Errorf("pgdown: %s", k)
	}
	m = press(m, "end", "pgup", "home")
	if cursorKey(m) != "ABW" {
		t.Errorf("home: %s", cursorKey(m))
	}
	// k types while filtering, and the arrows still move.
	m = press(typeText(press(m, "/"), "ko"), "down")
	if m.Filter() != "ko" || cursorKey(m) != "KOR" {
		t.Errorf("typing ko then ↓: filter %q cursor %s", m.Filter(), cursorKey(m))
	}
}

func TestFilterKeys(t *testing.T) {
	m := press(newTable(t, fixtures.Countries, 80, 24), "/")
	if !m.Filtering() || !m.KeyMap.AcceptFilter.Enabled() || m.KeyMap.Mark.Enabled() {
		t.Fatal("/ did not open the filter")
	}
	if got := m.KeyMap.MarkAll.Help().Key; got != "ctrl+a" {
		t.Errorf("while typing, mark all reads %q, want ctrl+a", got)
	}
	m = typeText(m, "germ")
	if !m.Handles(uitest.Press("p")) {
		t.Error("while typing, the table does not claim printable keys")
	}
	m = press(m, "esc")
	if m.Filtering() || m.Filter() != "" || m.Shown() != 250 {
		t.Errorf("esc while typing: filtering %v filter %q", m.Filtering(), m.Filter())
	}
	m = filter(m, "fra")
	if m.Filtering() || m.Filter() != "fra" || !m.KeyMap.ClearFilter.Enabled() {
		t.Errorf("enter did not keep the filter")
	}
	if !strings.HasPrefix(screen(m), "/fra") {
		t.Errorf("the kept filter is not shown: %q", strings.Split(screen(m), "\n")[0])
	}
	if m.Handles(uitest.Press("p")) || m.Handles(uitest.Press("a")) || m.Handles(uitest.Press("1")) {
		t.Error("the table claims a key the Accepted IDs pane needs")
	}
	if got := m.KeyMap.MarkAll.Help().Key; got != "ctrl+a/*" {
		t.Errorf("on the rows, mark all reads %q", got)
	}
	// / again starts a new search.
	m = typeText(press(m, "/"), "deu")
	if m.Filter() != "deu" {
		t.Errorf("a new search after a kept one: %q", m.Filter())
	}
}

// A pane rebinds a key or takes it away; the table's switching never brings it back.
func TestRebindAndUnbind(t *testing.T) {
	m := newTable(t, fixtures.Countries, 80, 24)
	m.KeyMap.Invert.Unbind()
	m.KeyMap.ClearMarks.SetKeys("x")
	m.KeyMap.ClearMarks.SetHelp("x", "unmark all")
	m = press(m, "space", "!")
	if m.MarkedCount() != 1 {
		t.Errorf("an unbound invert acted: %d marked", m.MarkedCount())
	}
	if m.KeyMap.Invert.Enabled() {
		t.Error("the table enabled an unbound key")
	}
	if m = press(m, "-"); m.MarkedCount() != 1 {
		t.Error("the old clear key still works")
	}
	if m = press(m, "x"); m.MarkedCount() != 0 {
		t.Error("the new clear key does not")
	}
}

func TestCellKindAndHeader(t *testing.T) {
	m := New(countryColumns, NewStyles(themes.New(themes.Dark())))
	m.SetRows(countryRows(fixtures.Countries[:3]))
	m.SetSize(80, 6)
	m.SetCellKind(func(key string, col int) Kind {
		if key == "AFG" && col == 6 {
			return KindWarning
		}
		return KindNormal
	})
	out := m.View()
	warning := themes.New(themes.Dark()).Warning.Render("x")
	pre := warning[:strings.Index(warning, "x")]
	if !strings.Contains(out, pre+"– no") {
		t.Errorf("the warning cell is not in the warning style: %q", out)
	}
	head := strings.Split(ansi.Strip(out), "\n")[1]
	for _, title := range []string{"Country", "Code", "Region", "Passport", "Driving", "ID card", "Visa"} {
		if !strings.Contains(head, title) {
			t.Errorf("header %q lacks %s", head, title)
		}
	}
}

// At 80 columns the columns fit (names cut with …); at 200 they have room.
func TestColumnsFit(t *testing.T) {
	long := fixtures.Country{Alpha3: "SGS", Name: "South Georgia and the South Sandwich Islands", Region: "AMERICAS"}
	for _, w := range []int{60, 80, 120, 200} {
		m := newTable(t, []fixtures.Country{long}, w, 5)
		out := screen(m)
		for _, l := range strings.Split(out, "\n") {
			if cw := ansi.StringWidth(l); cw > w {
				t.Errorf("width %d: line %q is %d wide", w, l, cw)
			}
		}
		row := strings.Split(out, "\n")[2]
		switch w {
		case 60:
			if strings.Contains(row, "Region") || !strings.Contains(row, "…") {
				t.Errorf("60: %q", row)
			}
		case 80:
			if !strings.Contains(row, "…") || !strings.Contains(row, "SGS") || strings.Count(row, "✓ yes") != 3 {
				t.Errorf("80: %q", row)
			}
		case 200:
			if !strings.Contains(row, long.Name) {
				t.Errorf("200: the name is cut: %q", row)
			}
		}
	}
}

func TestControlCharactersEscaped(t *testing.T) {
	m := New([]Column{{Title: "Name", Width: 10, Flex: 1}}, NewStyles(themes.New(themes.Mono())))
	m.SetRows([]Row{{Key: "x", Cells: []string{"bad\x1b]0;title\x07\nname"}}})
	m.SetSize(60, 4)
	out := m.View()
	if strings.Contains(out, "\x1b]0") || strings.Count(out, "\n") != 2 {
		t.Errorf("control characters reached the screen: %q", out)
	}
}

// Every size from 0x0 to 120x26 draws without panicking and within its box.
func TestEverySize(t *testing.T) {
	cs := fixtures.Countries[:40]
	for _, size := range uitest.Sizes(120, 26) {
		w, h := size[0], size[1]
		for _, typed := range []string{"", "a", "zzz"} {
			m := newTable(t, cs, w, h)
			m = press(m, "end", "space", "up")
			if typed != "" {
				m = typeText(press(m, "/"), typed)
			}
			uitest.CheckBox(t, fmt.Sprintf("%dx%d %q", w, h, typed), m.View(), w, h)
		}
	}
	// No rows at all.
	m := New(countryColumns, NewStyles(themes.New(themes.Mono())))
	m.SetSize(80, 5)
	m.SetEmptyText("no documents yet: press a to add one")
	m = press(m, "space", "ctrl+a", "!", "-", "down", "/")
	if !strings.Contains(screen(m), "no documents yet") || m.Targets() != nil {
		t.Errorf("empty table:\n%s", screen(m))
	}
}

func TestPaste(t *testing.T) {
	m := press(newTable(t, fixtures.Countries, 80, 24), "/")
	m, _ = m.Update(tea.PasteMsg{Content: "deu"})
	if cursorKey(m) != "DEU" {
		t.Errorf("paste: cursor on %s", cursorKey(m))
	}
}

// HelpReasons has FullHelp's shape, and a reason exactly for the keys that are off and
// mean something here.
func TestHelpReasons(t *testing.T) {
	m := newTable(t, fixtures.Countries, 80, 24)
	for _, m := range []Model{m, press(m, "/"), typeText(press(m, "/"), "zzzz")} {
		uitest.CheckHelpReasons(t, m.KeyMap.FullHelp(), m.HelpReasons())
	}
}

// What a key costs over SSH is the cells it changes (Bubble Tea's renderer sends only
// those): a cursor move changes the gutters and cursor cells of two rows, not two whole
// rows; marking every row shown changes the column of marks and the count, not each
// row's cells. Measured in colour, where every styled cell costs most.
func TestKeysRedrawFewCells(t *testing.T) {
	m := New(countryColumns, NewStyles(themes.New(themes.Dark())))
	m.SetRows(countryRows(fixtures.ManyCountries(250)))
	m.SetSize(120, 30)
	frames := []string{m.View()}
	for _, k := range []string{"down", "down", "up", "*"} {
		m = press(m, k)
		frames = append(frames, m.View())
	}
	got := termbytes.Frames(120, 30, frames...)
	for i, n := range got[:3] {
		// Each row's gutter and first cell (the cursor cell), in one style run: ~80
		// bytes; two rows redrawn whole with a bar across the new one are ~600.
		if n > 120 {
			t.Errorf("move %d wrote %d bytes, want ≤ 120", i+1, n)
		}
	}
	// 28 rows: a styled ● and a line feed each (~25 bytes a row), and the count; each
	// row's cells restyled would be ~8,000.
	if n := got[3]; n > 28*25+100 {
		t.Errorf("marking every row wrote %d bytes, want ≤ %d", n, 28*25+100)
	}
}

// Rows given again are escaped again, even when a cell equals the one kept before and
// even when the caller changed its slice in place (against the contract, but an escape
// is cheap insurance).
func TestSetRowsEscapesAgain(t *testing.T) {
	m := New([]Column{{Title: "Name", Width: 30}}, NewStyles(themes.New(themes.Mono())))
	m.SetSize(40, 5)
	rows := []Row{{Key: "a", Cells: []string{"plain"}}}
	m.SetRows(rows)
	rows[0].Cells[0] = "evil\x1b[2J"
	m.SetRows(rows)
	if strings.Contains(m.View(), "\x1b[2J") {
		t.Errorf("a cell changed in place reached the screen unescaped: %q", m.View())
	}
	m.SetRows([]Row{{Key: "a", Cells: []string{"bad\x1b]0;t\x07"}}})
	m.SetRows([]Row{{Key: "a", Cells: []string{"bad\x1b]0;t\x07"}}})
	if strings.Contains(m.View(), "\x1b]0") {
		t.Errorf("a dirty cell given twice reached the screen: %q", m.View())
	}
}

// The cursor row's highlight is on its cursor cell, or on the next one when that is
// empty (the Default scope has no code): never on the gutter alone.
func TestCursorCellHighlight(t *testing.T) {
	m := New([]Column{{Title: "Code", Width: 5}, {Title: "Name", Width: 20}}, NewStyles(themes.New(themes.Mono())))
	m.SetSize(40, 5)
	m.SetRows([]Row{{Key: "d", Cells: []string{"", "Default"}}, {Key: "de", Cells: []string{"de", "German"}}})
	rev := func(s string) string { return "\x1b[7m" + s }
	if v := m.View(); !strings.Contains(v, rev("Default")) || strings.Contains(v, rev("German")) {
		t.Errorf("cursor on the row without a code: %q", v)
	}
	m = press(m, "down")
	if v := m.View(); !strings.Contains(v, rev("de")) || strings.Contains(v, rev("German")) || strings.Contains(v, rev("Default")) {
		t.Errorf("cursor on de: %q", v)
	}
}

package picker

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/themes"
	"idvset/tui/components/internal/fixtures"
	"idvset/tui/components/internal/uitest"
)

func languages() []Item {
	var items []Item
	for _, l := range fixtures.Locales {
		items = append(items, Item{Title: l.Name, Code: l.Code, Hint: l.Native, Keywords: []string{l.Native}})
	}
	return items
}

func mrzCountries() []Item {
	mrz := "ALB ARG AUT BIH BGR CHL HRV CZE DNK DOM ECU SLV EST FIN FRA GEO DEU GTM HUN ITA KAZ KEN LVA LIE LTU MKD MLT MEX MDA MNE NLD PAK PRY PER POL PRT ROU SRB SVK SVN ESP SWE CHE TUR ARE"
	var items []Item
	for _, c := range fixtures.Countries {
		if strings.Contains(mrz, c.Alpha3) {
			items = append(items, Item{Title: c.Name, Code: c.Alpha3, Keywords: []string{c.Alpha2}})
		}
	}
	return items
}

func newPicker(t testing.TB, items []Item, w, h int) Model {
	t.Helper()
	p := New(items, NewStyles(themes.New(themes.Mono())))
	p.SetNoun("language", "languages")
	p.SetSize(w, h)
	return p
}

func send(p Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		p, _ = p.Update(msg)
	}
	return p
}

func typeText(p Model, s string) Model {
	for _, k := range uitest.Type(s) {
		p, _ = p.Update(k)
	}
	return p
}

func press(p Model, keys ...string) Model {
	for _, k := range keys {
		p, _ = p.Update(uitest.Press(k))
	}
	return p
}

func screen(p Model) string { return ansi.Strip(p.View()) }

// cursorRow is the row with the "›" marker.
func cursorRow(t testing.TB, p Model) string {
	t.Helper()
	for _, l := range strings.Split(screen(p), "\n")[1:] {
		if strings.HasPrefix(l, "›") {
			return l
		}
	}
	t.Fatalf("no cursor row in\n%s", screen(p))
	return ""
}

func TestTypingFiltersBestMatchFirst(t *testing.T) {
	tests := []struct{ typed, first, count string }{
		{"germ", "German", "1 of 39"},
		{"deutsch", "German", "1 of 39"},
		{"de", "German", "of 39"},
		{"pt-BR", "Portuguese (Brazil)", "1 of 39"},
		{"port", "Portuguese", "2 of 39"},
		{"engl", "English", "2 of 39"},
	}
	for _, tt := range tests {
		p := typeText(newPicker(t, languages(), 80, 24), tt.typed)
		row := cursorRow(t, p)
		if !strings.HasPrefix(row, "› "+tt.first+" ") {
			t.Errorf("%q: cursor row %q, want %s first", tt.typed, row, tt.first)
		}
		if first := strings.Split(screen(p), "\n")[0]; !strings.Contains(first, tt.count) {
			t.Errorf("%q: filter line %q lacks the count %q", tt.typed, first, tt.count)
		}
		if sel, _, _ := p.Selected(); sel.Title != tt.first {
			t.Errorf("%q: Selected() = %q, want %q", tt.typed, sel.Title, tt.first)
		}
	}
}

func TestEnterPicksEscCancels(t *testing.T) {
	p := press(typeText(newPicker(t, languages(), 80, 24), "germ"), "enter")
	if p.State() != StatePicked {
		t.Fatalf("state %v after enter, want picked", p.State())
	}
	if it, ok := p.Picked(); !ok || it.Code != "de" {
		t.Errorf("picked %+v %v, want de", it, ok)
	}
	if p.PickedIndex() != 15 {
		t.Errorf("picked index %d, want 15", p.PickedIndex())
	}
	// A picked picker is dead until Reset.
	if q := typeText(p, "x"); q.Filter() != "germ" {
		t.Errorf("a picked picker took a key: filter %q", q.Filter())
	}
	p.Reset()
	if p.State() != StatePicking || p.Filter() != "" || p.Shown() != 39 {
		t.Errorf("after Reset: state %v filter %q shown %d", p.State(), p.Filter(), p.Shown())
	}

	p = press(typeText(newPicker(t, languages(), 80, 24), "fr"), "esc")
	if p.State() != StateCancelled {
		t.Errorf("state %v after esc, want cancelled", p.State())
	}
	if _, ok := p.Picked(); ok {
		t.Error("a cancelled picker reports a pick")
	}
}

func TestNoMatch(t *testing.T) {
	p := typeText(newPicker(t, languages(), 80, 24), "xyz")
	out := screen(p)
	if !strings.Contains(out, `no language matches "xyz"`) {
		t.Errorf("no empty-result line:\n%s", out)
	}
	if !strings.Contains(out, "0 of 39") {
		t.Errorf("no count:\n%s", out)
	}
	if p.KeyMap.Pick.Enabled() {
		t.Error("enter is offered with nothing to pick")
	}
	if p = press(p, "enter"); p.State() != StatePicking {
		t.Errorf("enter on no match changed the state to %v", p.State())
	}
	// Backspace brings the matches back.
	p = press(p, "backspace", "backspace", "backspace")
	if p.Shown() != 39 {
		t.Errorf("after clearing, %d shown", p.Shown())
	}
}

func TestMoving(t *testing.T) {
	p := newPicker(t, languages(), 80, 12) // 11 rows
	if got := cursorRow(t, p); !strings.HasPrefix(got, "› Arabic") {
		t.Fatalf("cursor starts on %q", got)
	}
	p = press(p, "down", "down")
	if got := cursorRow(t, p); !strings.HasPrefix(got, "› Bulgarian") {
		t.Errorf("down down: %q", got)
	}
	p = press(p, "end")
	if got := cursorRow(t, p); !strings.HasPrefix(got, "› Vietnamese") {
		t.Errorf("end: %q", got)
	}
	if lines := strings.Split(screen(p), "\n"); len(lines) != 12 || !strings.Contains(lines[0], "↑") {
		t.Errorf("at the end: %d lines, filter line %q (want an ↑)", len(lines), lines[0])
	}
	p = press(p, "home")
	if got := cursorRow(t, p); !strings.HasPrefix(got, "› Arabic") {
		t.Errorf("home: %q", got)
	}
	p = press(p, "pgdown")
	if _, i, _ := p.Selected(); i != 10 {
		t.Errorf("pgdn from the top: item %d, want 10 (one page of 11 rows, less one)", i)
	}
	p = press(p, "pgup")
	if _, i, _ := p.Selected(); i != 0 {
		t.Errorf("pgup: item %d", i)
	}
	p = press(p, "up")
	if _, i, _ := p.Selected(); i != 0 {
		t.Errorf("up at the top moved to %d", i)
	}
	// Home and end move through the list, not through the filter's text.
	p = typeText(p, "an")
	p = press(p, "end")
	if p.Filter() != "an" || p.Shown() < 3 {
		t.Fatalf("filter %q shown %d", p.Filter(), p.Shown())
	}
	if _, i, _ := p.Selected(); i != p.matches[len(p.matches)-1].Index {
		t.Error("end did not move to the last match")
	}
}

func TestHighlightIsVisibleWithoutColour(t *testing.T) {
	p := typeText(newPicker(t, languages(), 80, 24), "germ")
	out := p.View()
	// Mono: the matched characters are underlined (SGR 4), the cursor row reversed (7).
	if !strings.Contains(out, "4m") && !strings.Contains(out, ";4") {
		t.Errorf("no underline for the match: %q", out)
	}
	if !strings.Contains(out, "\x1b[7m") {
		t.Errorf("the cursor row is not reversed: %q", out)
	}
	if got := cursorRow(t, p); !strings.HasPrefix(got, "› German") {
		t.Errorf("the highlight broke the text: %q", got)
	}
}

func TestCurrentMarker(t *testing.T) {
	p := newPicker(t, languages(), 80, 10)
	p.SetCurrent(15) // German
	row := cursorRow(t, p)
	if !strings.HasPrefix(row, "› German") || !strings.Contains(row, "current") {
		t.Errorf("the cursor does not start on the current item, marked in words: %q", row)
	}
	p = typeText(p, "fr")
	if strings.Contains(screen(p), "current") {
		t.Error("current shown on a row that is not")
	}
}

func TestReadOnly(t *testing.T) {
	p := New(mrzCountries(), NewStyles(themes.New(themes.Mono())))
	p.SetNoun("country", "countries")
	p.SetReadOnly(true)
	p.SetSize(60, 10)
	if p.Len() != 45 {
		t.Fatalf("%d MRZ countries, want 45", p.Len())
	}
	if p.KeyMap.Pick.Enabled() {
		t.Error("read-only offers enter")
	}
	p = typeText(p, "ken")
	if got := cursorRow(t, p); !strings.HasPrefix(got, "› Kenya") {
		t.Errorf("ken: %q", got)
	}
	if p = press(p, "enter"); p.State() != StatePicking {
		t.Errorf("enter in read-only: state %v", p.State())
	}
	p = typeText(press(p, "ctrl+u"), "brazil")
	if !strings.Contains(screen(p), `no country matches "brazil"`) {
		t.Errorf("Brazil is not an MRZ country:\n%s", screen(p))
	}
	if p = press(p, "esc"); p.State() != StateCancelled {
		t.Error("esc does not leave a read-only picker")
	}
}

func TestHelpFollowsState(t *testing.T) {
	p := newPicker(t, languages(), 80, 24)
	if p.KeyMap.Clear.Enabled() {
		t.Error("clear offered with an empty filter")
	}
	p = typeText(p, "g")
	if !p.KeyMap.Clear.Enabled() || !p.KeyMap.Pick.Enabled() {
		t.Error("clear or pick not offered with a filter and matches")
	}
	p = typeText(p, "erm") // one match: nothing to move to
	if p.KeyMap.Down.Enabled() || p.KeyMap.PageDown.Enabled() {
		t.Error("moving offered with one match")
	}
}

func TestPaste(t *testing.T) {
	p := send(newPicker(t, languages(), 80, 24), tea.PasteMsg{Content: "pt-BR"})
	if sel, _, _ := p.Selected(); sel.Code != "pt-BR" {
		t.Errorf("paste selected %q", sel.Code)
	}
}

// User text can neither break a line nor drive the terminal.
func TestControlCharactersEscaped(t *testing.T) {
	p := New([]Item{{Title: "evil\x1b[2Jname\nline", Code: "X"}}, NewStyles(themes.New(themes.Mono())))
	p.SetSize(60, 5)
	out := p.View()
	if strings.Contains(out, "\x1b[2J") || strings.Count(out, "\n") != 1 {
		t.Errorf("control characters reached the screen: %q", out)
	}
	if !strings.Contains(ansi.Strip(out), `evil\x1b[2Jname\nline`) {
		t.Errorf("the escaped name is not shown: %q", ansi.Strip(out))
	}
}

// Every size from 0x0 to 90x26 draws without panicking and within its box.
func TestEverySize(t *testing.T) {
	items := languages()
	for _, size := range uitest.Sizes(90, 26) {
		w, h := size[0], size[1]
		for _, typed := range []string{"", "por", "zzz"} {
			p := typeText(newPicker(t, items, w, h), typed)
			p = press(p, "down", "end")
			p.SetCurrent(3)
			uitest.CheckBox(t, fmt.Sprintf("%dx%d %q", w, h, typed), p.View(), w, h)
		}
	}
}

func TestLayoutAt80(t *testing.T) {
	p := newPicker(t, languages(), 80, 6)
	p.SetCurrent(1)
	want := []string{
		"/ type to filter                                                  39 languages ↓",
		"  Arabic                    ar     العربية",
		"› Armenian                  hy     current · հայերեն",
		"  Bulgarian                 bg     български",
		"  Chinese (China)           zh-CN  中文（中国）",
		"  Chinese (Hong Kong)       zh-HK  中文（香港）",
	}
	got := strings.Split(screen(p), "\n")
	for i := range want {
		if i >= len(got) || strings.TrimRight(got[i], " ") != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}

// HelpReasons has FullHelp's shape, and a reason exactly for the keys that are off and
// mean something here.
func TestHelpReasons(t *testing.T) {
	m := newPicker(t, languages(), 80, 24)
	for _, m := range []Model{m, press(m, "/"), typeText(press(m, "/"), "zzzz")} {
		uitest.CheckHelpReasons(t, m.KeyMap.FullHelp(), m.HelpReasons())
	}
}

// Package picker is the fuzzy picker: a filter field that always has focus above a list
// of items, best match first, the matched characters underlined. The language picker of
// the Client pane, the locale picker of the Documents pane and the read-only list of MRZ
// countries of the Data pane are all this one component.
//
// It knows nothing of the settings: items are plain titles, codes, hints and keywords.
//
// # Using it from a pane
//
// Embed a Model, size it, route messages to it while it is shown, and look at its State
// after each update, as with a huh form:
//
//	p := picker.New(items, picker.NewStyles(ctx.Styles))
//	p.SetNoun("language", "languages")
//	p.SetCurrent(i)               // the item holding today's value, or -1
//	p.SetSize(w, h)
//	...
//	p, cmd = p.Update(msg)
//	switch p.State() {
//	case picker.StatePicked:
//		it, _ := p.Picked()        // apply it.Code, then close the picker
//	case picker.StateCancelled:
//		// close it
//	}
//
// A picked or cancelled picker ignores further keys until Reset. While a picker is
// shown it takes every printable key (the filter has focus): the pane's Capturing must
// say so. Its KeyMap is a help.KeyMap for the footer and the full help.
//
// Read-only mode (SetReadOnly) is for lists one searches but does not pick from ("is
// Kenya among the MRZ countries?"): enter is off, esc still reports StateCancelled so
// the pane can leave the list.
//
// Only the rows in the window are drawn; the filter runs once per keystroke that
// changes it, and moving the cursor only moves a window over the kept result.
package picker

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"idvset/themes"
	"idvset/tui/components/fuzzy"
	"idvset/tui/components/internal/cells"
	"idvset/tui/components/internal/filterinput"
	"idvset/tui/components/internal/window"
)

// Item is one thing to pick.
type Item struct {
	// Title is what the row shows first ("German").
	Title string
	// Code is shown in its own column ("de"); typing it exactly puts the item first.
	Code string
	// Hint is shown after the code, dimmed ("Deutsch", "Europe").
	Hint string
	// Keywords are matched but not shown (unless the hint holds them).
	Keywords []string
}

// State is where the picker stands.
type State int

// The states of a picker.
const (
	// StatePicking: the user is typing or moving.
	StatePicking State = iota
	// StatePicked: the user pressed enter on an item; Picked returns it.
	StatePicked
	// StateCancelled: the user pressed esc.
	StateCancelled
)

// Model is the picker. The zero value is not usable: build it with New.
type Model struct {
	// KeyMap is the picker's bindings; a pane may rebind or Unbind them.
	KeyMap KeyMap

	items   []Item
	widths  []itemWidths // measured once: grapheme widths cost more than the rest of a row
	matcher *fuzzy.Matcher
	matches []fuzzy.Match // the current result, best first (owned by matcher)
	input   textinput.Model
	query   string // the filter the result is for

	cursor, offset int
	width, height  int
	current        int
	readOnly       bool
	one, many      string
	state          State
	picked         int

	styles Styles
	ink    inks
	layout layout
}

type itemWidths struct{ title, code, hint int }

// layout is the widths of the columns, computed when the items or the size change.
type layout struct {
	title, code, hint int
}

const (
	gutter = 2 // "› " in front of the cursor row
	gap    = 2 // between columns
)

// New returns a picker over items, the filter empty and focused, the cursor on the
// first item.
func New(items []Item, st Styles) Model {
	m := Model{
		KeyMap:  DefaultKeyMap(),
		current: -1,
		one:     "item", many: "items",
		input: filterinput.New(st.Input, "type to filter"),
	}
	m.SetStyles(st)
	m.SetItems(items)
	return m
}

// SetItems replaces the items, keeping the filter; the cursor goes to the best match
// (or to the current item when there is no filter). The current item is forgotten.
func (m *Model) SetItems(items []Item) {
	m.items = make([]Item, len(items))
	m.widths = make([]itemWidths, len(items))
	fz := make([]fuzzy.Item, len(items))
	for i, it := range items {
		it.Title = cells.Sanitize(it.Title)
		it.Code = cells.Sanitize(it.Code)
		it.Hint = cells.Sanitize(it.Hint)
		m.items[i] = it
		m.widths[i] = itemWidths{cells.Width(it.Title), cells.Width(it.Code), cells.Width(it.Hint)}
		fz[i] = fuzzy.Item{Title: it.Title, Code: it.Code, Keywords: it.Keywords}
	}
	m.matcher = fuzzy.New(fz)
	m.current = -1
	m.refilter()
	m.relayout()
}

// SetNoun names the items, for the count ("39 languages") and the empty result
// ("no language matches "xyz"").
func (m *Model) SetNoun(one, many string) {
	m.one, m.many = one, many
}

// SetCurrent marks item i (an index into the items) as the one holding the current
// value: the row says "current" and, with no filter, the cursor starts on it. -1 marks
// none.
func (m *Model) SetCurrent(i int) {
	if i < -1 || i >= len(m.items) {
		i = -1
	}
	m.current = i
	m.relayout()
	if m.query == "" {
		m.cursorToCurrent()
	}
}

// SetReadOnly turns picking off (enter does nothing and is not offered) or on.
func (m *Model) SetReadOnly(v bool) {
	m.readOnly = v
	m.updateKeys()
}

// ReadOnly reports whether picking is off.
func (m Model) ReadOnly() bool { return m.readOnly }

// SetSize gives the picker its box: the filter line, then the rows.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.relayout()
	m.clamp()
}

// SetStyles restyles the picker.
func (m *Model) SetStyles(st Styles) {
	m.styles = st
	m.ink = st.inks()
	m.input.SetStyles(st.Input)
}

// UseTheme restyles the picker from the editor's styles when they are not the ones it
// was built from. It is cheap when nothing changed, so a pane may call it before every
// View: the root replaces its styles when the terminal turns out to be light.
func (m *Model) UseTheme(st *themes.Styles) {
	if st != nil && st != m.styles.from {
		m.SetStyles(NewStyles(st))
	}
}

// Reset makes a picked or cancelled picker usable again: the filter empty, the cursor
// on the current item.
func (m *Model) Reset() {
	m.state = StatePicking
	m.picked = -1
	m.input.Reset()
	m.refilter()
	m.cursorToCurrent()
}

// State says whether the user is still picking, picked or cancelled.
func (m Model) State() State { return m.state }

// Picked returns the picked item, once the state is StatePicked.
func (m Model) Picked() (Item, bool) {
	if m.state != StatePicked || m.picked < 0 || m.picked >= len(m.items) {
		return Item{}, false
	}
	return m.items[m.picked], true
}

// PickedIndex is the index of the picked item among the items, or -1.
func (m Model) PickedIndex() int {
	if m.state != StatePicked {
		return -1
	}
	return m.picked
}

// Selected returns the item under the cursor and its index, or false when nothing
// matches.
func (m Model) Selected() (Item, int, bool) {
	if m.cursor < 0 || m.cursor >= len(m.matches) {
		return Item{}, -1, false
	}
	i := m.matches[m.cursor].Index
	return m.items[i], i, true
}

// Filter is the text typed into the filter.
func (m Model) Filter() string { return m.input.Value() }

// SetFilter types q into the filter, as a user would.
func (m *Model) SetFilter(q string) {
	m.input.SetValue(q)
	m.input.CursorEnd()
	m.refilter()
}

// Shown is the number of items that match the filter; Len is the number of items.
func (m Model) Shown() int { return len(m.matches) }

// Len is the number of items.
func (m Model) Len() int { return len(m.items) }

// Update handles keys and pastes while the state is StatePicking.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.state != StatePicking {
		return m, nil
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		page := m.rows() - 1
		switch {
		case key.Matches(msg, m.KeyMap.Up):
			m.move(-1)
		case key.Matches(msg, m.KeyMap.Down):
			m.move(1)
		case key.Matches(msg, m.KeyMap.PageUp):
			m.move(-max(page, 1))
		case key.Matches(msg, m.KeyMap.PageDown):
			m.move(max(page, 1))
		case key.Matches(msg, m.KeyMap.Home):
			m.move(-len(m.matches))
		case key.Matches(msg, m.KeyMap.End):
			m.move(len(m.matches))
		case key.Matches(msg, m.KeyMap.Pick):
			if _, i, ok := m.Selected(); ok {
				m.state, m.picked = StatePicked, i
			}
		case key.Matches(msg, m.KeyMap.Cancel):
			m.state = StateCancelled
		case key.Matches(msg, m.KeyMap.Clear):
			m.input.Reset()
			m.refilter()
		default:
			m.input, cmd = m.input.Update(msg)
			m.refilter()
		}
	case tea.PasteMsg:
		m.input, cmd = m.input.Update(msg)
		m.refilter()
	}
	m.updateKeys()
	return m, cmd
}

// refilter runs the filter when its text changed: once per keystroke, never per frame.
func (m *Model) refilter() {
	q := m.input.Value()
	if q == m.query && m.matches != nil {
		return
	}
	m.query = q
	m.matches = m.matcher.Find(q)
	m.cursor, m.offset = 0, 0
	if q == "" {
		m.cursorToCurrent()
	}
	m.updateKeys()
}

func (m *Model) cursorToCurrent() {
	m.cursor, m.offset = 0, 0
	if m.current < 0 {
		return
	}
	for i, mt := range m.matches {
		if mt.Index == m.current {
			m.cursor = i
			break
		}
	}
	m.clamp()
}

func (m *Model) move(d int) {
	m.cursor += d
	m.clamp()
}

// rows is the number of item rows the box holds, below the filter line.
func (m *Model) rows() int { return max(m.height-1, 0) }

// clamp keeps the cursor on a match and inside the window.
func (m *Model) clamp() {
	m.cursor, m.offset = window.Clamp(m.cursor, m.offset, len(m.matches), m.rows())
}

// updateKeys switches the bindings that do nothing now off, so help never lies.
func (m *Model) updateKeys() {
	n := len(m.matches)
	k := &m.KeyMap
	for _, b := range []*key.Binding{&k.Move, &k.Up, &k.Down, &k.Home, &k.End} {
		b.SetEnabled(n > 1)
	}
	k.PageUp.SetEnabled(n > m.rows())
	k.PageDown.SetEnabled(n > m.rows())
	k.Pick.SetEnabled(!m.readOnly && n > 0)
	k.Clear.SetEnabled(m.input.Value() != "")
}

// relayout sizes the columns: the title as wide as the longest title (so rows do not
// shift while typing), the code as wide as the longest code, the hint what is left.
// When the box is too narrow for a readable title beside the code, the code goes.
func (m *Model) relayout() {
	maxTitle, maxCode, maxHint := 0, 0, 0
	for i, iw := range m.widths {
		maxTitle = max(maxTitle, iw.title)
		maxCode = max(maxCode, iw.code)
		h := iw.hint
		if i == m.current {
			h += len(currentTag) + len(hintSep)
		}
		maxHint = max(maxHint, h)
	}
	avail := max(m.width-gutter, 0)
	l := layout{code: maxCode}
	if l.code > 0 && avail < l.code+gap+min(maxTitle, 10) {
		l.code = 0
	}
	used := 0
	if l.code > 0 {
		used = l.code + gap
	}
	l.title = max(min(maxTitle, avail-used), 0)
	if maxHint > 0 {
		l.hint = max(avail-used-l.title-gap, 0)
		if l.hint < 3 {
			l.hint = 0
		}
	}
	m.layout = l
}

const (
	currentTag = "current"
	hintSep    = " · "
)

// View draws the filter line and the rows in the window, height lines at most.
func (m Model) View() string {
	if m.height < 1 || m.width < 1 {
		return ""
	}
	var b strings.Builder
	m.filterLine(&b)
	rows := m.rows()
	if rows == 0 {
		return b.String()
	}
	if len(m.matches) == 0 {
		b.WriteByte('\n')
		b.WriteString(m.ink.hint.Render(cells.Line(m.emptyText(), m.width)))
		return b.String()
	}
	end := min(m.offset+rows, len(m.matches))
	for i := m.offset; i < end; i++ {
		b.WriteByte('\n')
		m.row(&b, i)
	}
	if m.width <= gutter {
		return cells.CutLines(b.String(), m.width) // a box too narrow for the gutter
	}
	return b.String()
}

func (m *Model) emptyText() string {
	if len(m.items) == 0 {
		return "no " + m.many
	}
	return fmt.Sprintf("no %s matches %s", m.one, strconv.Quote(m.query))
}

// filterLine is the field on the left and the count on the right.
func (m *Model) filterLine(b *strings.Builder) {
	filterinput.Line(b, m.input, m.count(), m.ink.hint, m.width)
}

// count is "39 languages" or "12 of 39", with an arrow when rows are out of sight.
func (m *Model) count() string {
	var s string
	if m.query == "" {
		s = fmt.Sprintf("%d %s", len(m.items), m.many)
		if len(m.items) == 1 {
			s = "1 " + m.one
		}
	} else {
		s = fmt.Sprintf("%d of %d", len(m.matches), len(m.items))
	}
	above := m.offset > 0
	below := m.offset+m.rows() < len(m.matches)
	switch {
	case above && below:
		s += " ↕"
	case above:
		s += " ↑"
	case below:
		s += " ↓"
	}
	return s
}

// row draws match i of the result.
func (m *Model) row(b *strings.Builder, i int) {
	mt := m.matches[i]
	it, iw := m.items[mt.Index], m.widths[mt.Index]
	selected := i == m.cursor
	outer := ""
	if selected {
		outer = m.ink.selected.Pre
		b.WriteString(outer)
		m.ink.marker.Span(b, "›", outer)
		b.WriteByte(' ')
	} else {
		b.WriteString("  ")
	}
	w := gutter
	l := m.layout
	titleHits, codeHits, hintHits := m.hits(mt, it)
	cells.Cell{Text: it.Title, TextWidth: iw.title, Width: l.title, Ink: m.ink.title, Hit: m.ink.match, Hits: titleHits, Outer: outer}.Write(b)
	w += l.title
	if l.code > 0 {
		cells.Pad(b, gap)
		cells.Cell{Text: it.Code, TextWidth: iw.code, Width: l.code, Ink: m.ink.code, Hit: m.ink.match, Hits: codeHits, Outer: outer}.Write(b)
		w += gap + l.code
	}
	if l.hint > 0 {
		cells.Pad(b, gap)
		w += gap
		hw := l.hint
		if mt.Index == m.current {
			tag := cells.Line(currentTag, hw)
			m.ink.current.Span(b, tag, outer)
			hw -= cells.Width(tag)
			w += cells.Width(tag)
			if it.Hint != "" && hw > len(hintSep) {
				b.WriteString(hintSep)
				hw -= len(hintSep)
				w += len(hintSep)
			} else {
				hw = 0
			}
		}
		if hw = min(hw, iw.hint); hw > 0 {
			cells.Cell{Text: it.Hint, TextWidth: iw.hint, Width: hw, Ink: m.ink.hint, Hit: m.ink.match, Hits: hintHits, Outer: outer}.Write(b)
			w += hw
		}
	}
	if selected {
		// The bar spans the box, so the row reads as selected without colour too.
		cells.Pad(b, m.width-w)
		b.WriteString(m.ink.selected.Post)
	}
}

// hits are the positions to underline in the title, the code and the hint. A keyword
// match is underlined in the hint when the hint shows that keyword.
func (m *Model) hits(mt fuzzy.Match, it Item) (title, code, hint []int) {
	switch mt.Field {
	case fuzzy.FieldTitle:
		return mt.Positions, nil, nil
	case fuzzy.FieldCode:
		return nil, mt.Positions, nil
	}
	if mt.Tier == fuzzy.TierAll || mt.Keyword >= len(it.Keywords) {
		return nil, nil, nil
	}
	kw := it.Keywords[mt.Keyword]
	at := strings.Index(it.Hint, kw)
	if at < 0 || kw == "" {
		return nil, nil, nil
	}
	hint = make([]int, len(mt.Positions))
	for i, p := range mt.Positions {
		hint[i] = at + p
	}
	return nil, nil, hint
}

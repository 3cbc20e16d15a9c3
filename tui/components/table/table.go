// Package table is the markable table: rows of cells under a header, a cursor, a fuzzy
// filter over chosen columns, and marks that say which rows a bulk action applies to.
// The Accepted IDs pane (countries × ID types) and the Documents pane are this one
// component. It knows nothing of the settings: rows are a key and plain strings.
//
// # Marks
//
// Marks belong to row keys, not to positions: they survive a new filter (mark the EU
// with a few filters in a row: "germ", space, "fra", space …) and SetRows (a bulk action
// redraws the cells and the marks stay). Targets is what a bulk action applies to: the
// marked rows, or the cursor row when none is marked.
//
// # Keys
//
// Default bindings (see KeyMap): ↑↓/k j, pgup/pgdn, home/g, end/G move; / opens the
// filter (typed keys go to it; enter keeps it, esc empties it; on the rows, esc empties a
// kept filter); space marks the cursor row; ctrl+a or * marks every row shown; - unmarks
// every row; ! inverts the marks of the rows shown.
//
// While the filter has focus (Filtering), the table takes every printable key: a pane
// must then pass keys to the table before matching its own, and say it is capturing.
// Otherwise a pane may match its own keys first; Handles says whether the table would act
// on a key.
//
// # Cost
//
// Only the rows in the window are drawn, so a cursor move costs the same for 250 rows
// as for 10,000. The filter runs once per keystroke that changes it and its result is
// kept; a query that extends the previous one searches only the previous matches.
//
// Bubble Tea's renderer sends only the terminal cells that changed, so what a key
// changes on screen is what it costs over SSH. The cursor row is shown by its gutter
// ("›") and one short cell (SetCursorColumn) in the selected style, not by a bar across
// the row, and a mark by its "●" alone: a move changes about ten cells, marking every
// row one column.
package table

import (
	"slices"

	"charm.land/bubbles/v2/textinput"

	"idvset/themes"
	"idvset/tui/components/fuzzy"
	"idvset/tui/components/internal/cells"
	"idvset/tui/components/internal/filterinput"
)

// Align places text within a column.
type Align = cells.Align

// The alignments of a column.
const (
	AlignLeft   = cells.Left
	AlignRight  = cells.Right
	AlignCenter = cells.Center
)

// Column describes a column. Widths are in cells.
type Column struct {
	// Title is the header.
	Title string
	// Width is the least width the column gets while it is shown.
	Width int
	// Flex is the column's share of the width left over once every column has its
	// Width; 0 keeps the column at Width.
	Flex int
	// Max caps a flexible column's width (0: no cap), so a name column does not take
	// 150 cells at 200 columns.
	Max int
	// Align places text in the column.
	Align Align
	// Drop hides the column when the box is too narrow for every column's Width: the
	// highest Drop goes first. 0 never hides it (it is cut with … instead).
	Drop int
}

// Row is one row.
type Row struct {
	// Key identifies the row across filters and SetRows; keys must be unique.
	Key string
	// Cells are the texts of the columns, in order; missing cells are empty.
	Cells []string
	// Keywords are matched by the filter but not shown (alpha-2 codes, other names).
	Keywords []string
}

// FilterFields says which columns the filter matches, as the fuzzy package's fields:
// an exact Code ranks first, a word of the Title next. -1 means none.
type FilterFields struct {
	Title int
	Code  int
	// Other columns are matched as keywords (a region, a label).
	Other []int
}

// Model is the table. The zero value is not usable: build it with New.
type Model struct {
	// KeyMap is the table's bindings; a pane may rebind or Unbind them.
	KeyMap KeyMap

	cols   []Column
	rows   []Row
	marked []bool // by row index
	nMark  int
	byKey  map[string]int

	fields  FilterFields
	matcher *fuzzy.Matcher
	query   string        // the filter the result is for
	matches []fuzzy.Match // the result; nil while query is "" (every row, in order)

	input     textinput.Model
	filtering bool

	cursor, offset int // in the rows shown
	width, height  int
	widths         []int // per column; 0 hides it

	kind      CellKindFunc
	cursorCol int // see SetCursorColumn; -1 is the first column shown
	one, many string
	empty     string

	styles Styles
	ink    inks
}

const (
	gutter = 3 // "›● " in front of each row
	sep    = 1 // between columns
)

// New returns a table with these columns and no rows. The filter matches the first
// column as a title until SetFilterFields says otherwise.
func New(cols []Column, st Styles) Model {
	m := Model{
		KeyMap: DefaultKeyMap(),
		cols:   slices.Clone(cols),
		fields: FilterFields{Title: min(0, len(cols)-1), Code: -1},
		one:    "row", many: "rows",
		input:     filterinput.New(st.Input, ""),
		byKey:     map[string]int{},
		cursorCol: -1,
	}
	m.SetStyles(st)
	m.matcher = fuzzy.New(nil)
	m.matcher.SetFallback(true)
	m.relayout()
	m.updateKeys()
	return m
}

// SetNoun names the rows for the counts ("250 countries") and the empty result ("no
// country matches …").
func (m *Model) SetNoun(one, many string) { m.one, m.many = one, many }

// SetEmptyText is what the table says when it has no rows at all ("no documents yet:
// press a to add one"). The default is "no <rows>".
func (m *Model) SetEmptyText(s string) { m.empty = s }

// SetCellKind sets the hook that styles cells by meaning; nil styles every cell as
// KindNormal.
func (m *Model) SetCellKind(f CellKindFunc) { m.kind = f }

// SetCursorColumn chooses the column whose text the cursor row shows in the selected
// style, beside the "›" in front of it: best a short column of fixed width (a code),
// so that a cursor move changes a few cells of the terminal. -1 (the default), or a
// column that is hidden at this width, is the first column shown.
func (m *Model) SetCursorColumn(col int) { m.cursorCol = col }

// SetFilterFields chooses the columns the filter matches; out-of-range columns are
// ignored. It runs the filter again.
func (m *Model) SetFilterFields(f FilterFields) {
	valid := func(c int) bool { return c >= 0 && c < len(m.cols) }
	if !valid(f.Title) {
		f.Title = -1
	}
	if !valid(f.Code) {
		f.Code = -1
	}
	var others []int
	for _, c := range f.Other {
		if valid(c) {
			others = append(others, c)
		}
	}
	f.Other = others
	m.fields = f
	key, ok := m.CursorKey()
	m.rebuildMatcher()
	if ok {
		m.SetCursor(key)
	}
	m.updateKeys()
}

// SetStyles restyles the table.
func (m *Model) SetStyles(st Styles) {
	m.styles = st
	m.ink = st.inks()
	m.input.SetStyles(st.Input)
}

// UseTheme restyles the table from the editor's styles when they are not the ones it
// was built from; cheap when nothing changed, so a pane may call it before every View.
func (m *Model) UseTheme(st *themes.Styles) {
	if st != nil && st != m.styles.from {
		m.SetStyles(NewStyles(st))
	}
}

// SetSize gives the table its box: the count and filter line, the header, the rows.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.relayout()
	m.clamp()
	m.updateKeys()
}

// Height is the height of the box SetSize gave: View draws at most this many lines.
func (m Model) Height() int { return m.height }

// ColumnShown reports whether column col is drawn at this width (the narrowest boxes
// hide the columns with a Drop), so a pane can say elsewhere what a hidden one holds.
func (m Model) ColumnShown(col int) bool {
	return col >= 0 && col < len(m.widths) && m.widths[col] > 0
}

// SetRows replaces the rows. The cursor stays on the row with the same key (or at the
// same position when that row is gone), marks stay on the keys that remain, and the
// filter is run again only when the text it matches changed.
func (m *Model) SetRows(rows []Row) {
	cursorKey, hadCursor := m.CursorKey()
	old := m.rows
	m.rows = make([]Row, len(rows))
	for i, r := range rows {
		var prev []string // the row's cells as kept, when it is the same row
		// Not the very slice given again: its cells may have been changed in place.
		if i < len(old) && old[i].Key == r.Key && len(old[i].Cells) > 0 && len(r.Cells) > 0 &&
			&old[i].Cells[0] != &r.Cells[0] {
			prev = old[i].Cells
		}
		m.rows[i] = sanitizeRow(r, len(m.cols), prev)
	}
	// A bulk action keeps the keys and their order: the index and the marks stay valid.
	if !sameKeys(old, m.rows) {
		m.reindex(old)
	}
	if !m.sameFilterText(old) {
		m.rebuildMatcher()
	}
	if hadCursor {
		m.SetCursor(cursorKey)
	}
	m.clamp()
	m.updateKeys()
}

// reindex rebuilds the index of keys and moves the marks from the old rows to the rows
// with the same keys.
func (m *Model) reindex(old []Row) {
	var keep map[string]bool
	if m.nMark > 0 {
		keep = make(map[string]bool, m.nMark)
		for i, on := range m.marked {
			if on {
				keep[old[i].Key] = true
			}
		}
	}
	m.byKey = make(map[string]int, len(m.rows))
	m.marked = make([]bool, len(m.rows))
	m.nMark = 0
	for i, r := range m.rows {
		if _, dup := m.byKey[r.Key]; !dup {
			m.byKey[r.Key] = i
		}
		if keep[r.Key] {
			m.marked[i] = true
			m.nMark++
		}
	}
}

// sanitizeRow escapes control characters and pads the cells to the columns. A row that
// needs neither is kept as given, without copying: the table never modifies the slices
// it is given, and the caller must not modify them after SetRows either. A cell equal to
// the one kept for the row before (prev) is clean already: a bulk action gives 250 rows
// again, most of their cells the same strings.
func sanitizeRow(r Row, ncols int, prev []string) Row {
	clean := len(r.Cells) >= ncols
	for i, c := range r.Cells {
		if !clean {
			break
		}
		clean = i < len(prev) && prev[i] == c || cells.Sanitize(c) == c
	}
	if clean {
		return r
	}
	out := Row{Key: r.Key, Cells: make([]string, max(ncols, len(r.Cells))), Keywords: r.Keywords}
	for i, c := range r.Cells {
		out.Cells[i] = cells.Sanitize(c)
	}
	return out
}

// sameKeys reports whether two lists of rows have the same keys in the same order.
func sameKeys(a, b []Row) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Key != b[i].Key {
			return false
		}
	}
	return true
}

// sameFilterText reports whether the rows hold what the filter matched in old, row for
// row, so a bulk action that changes only the ID-type cells keeps the filter's result.
func (m *Model) sameFilterText(old []Row) bool {
	if !sameKeys(old, m.rows) {
		return false
	}
	cols := m.fieldColumns()
	for i, r := range m.rows {
		o := old[i]
		if !slices.Equal(r.Keywords, o.Keywords) {
			return false
		}
		for _, c := range cols {
			if r.Cells[c] != o.Cells[c] {
				return false
			}
		}
	}
	return true
}

// fieldColumns are the columns the filter reads.
func (m *Model) fieldColumns() []int {
	out := make([]int, 0, 2+len(m.fields.Other))
	for _, c := range append([]int{m.fields.Title, m.fields.Code}, m.fields.Other...) {
		if c >= 0 {
			out = append(out, c)
		}
	}
	return out
}

func (m *Model) cell(r Row, col int) string {
	if col < 0 || col >= len(r.Cells) {
		return ""
	}
	return r.Cells[col]
}

// rebuildMatcher prepares the rows for the filter and runs it again.
func (m *Model) rebuildMatcher() {
	items := make([]fuzzy.Item, len(m.rows))
	others := m.fields.Other
	for i, r := range m.rows {
		it := fuzzy.Item{Title: m.cell(r, m.fields.Title), Code: m.cell(r, m.fields.Code)}
		if len(others)+len(r.Keywords) > 0 {
			it.Keywords = make([]string, 0, len(others)+len(r.Keywords))
			for _, c := range others {
				it.Keywords = append(it.Keywords, r.Cells[c])
			}
			it.Keywords = append(it.Keywords, r.Keywords...)
		}
		items[i] = it
	}
	m.matcher = fuzzy.New(items)
	m.matcher.SetFallback(true)
	m.query = "\x00" // no typed text is this: the filter runs again
	m.refilter()
}

// refilter runs the filter when its text changed, and puts the cursor on the best match.
func (m *Model) refilter() {
	q := m.input.Value()
	if q == m.query {
		return
	}
	m.query = q
	m.matches = nil
	if q != "" {
		m.matches = m.matcher.Find(q)
	}
	m.cursor, m.offset = 0, 0
	m.clamp()
}

// Shown is the number of rows the filter lets through; Len is every row.
func (m Model) Shown() int { return m.shown() }

func (m *Model) shown() int {
	if m.query == "" {
		return len(m.rows)
	}
	return len(m.matches)
}

// Len is the number of rows.
func (m Model) Len() int { return len(m.rows) }

// shownRow is the index of the i-th row shown.
func (m *Model) shownRow(i int) int {
	if m.query == "" {
		return i
	}
	return m.matches[i].Index
}

// Filtering reports that the filter field has focus: printable keys belong to it.
func (m Model) Filtering() bool { return m.filtering }

// Filter is the filter's text, typed or kept.
func (m Model) Filter() string { return m.input.Value() }

// SetFilter sets the filter's text as if typed, and keeps it (the field loses focus).
func (m *Model) SetFilter(q string) {
	m.input.SetValue(q)
	m.input.CursorEnd()
	m.filtering = false
	m.refilter()
	m.updateKeys()
}

// CursorKey is the key of the cursor row, false when no row is shown.
func (m Model) CursorKey() (string, bool) {
	if m.cursor < 0 || m.cursor >= m.shown() {
		return "", false
	}
	return m.rows[m.shownRow(m.cursor)].Key, true
}

// CursorRow is the cursor row, false when no row is shown.
func (m Model) CursorRow() (Row, bool) {
	if m.cursor < 0 || m.cursor >= m.shown() {
		return Row{}, false
	}
	return m.rows[m.shownRow(m.cursor)], true
}

// SetCursor puts the cursor on the row with key, if it is shown.
func (m *Model) SetCursor(key string) bool {
	i, ok := m.byKey[key]
	if !ok {
		return false
	}
	for pos := range m.shown() {
		if m.shownRow(pos) == i {
			m.cursor = pos
			m.clamp()
			return true
		}
	}
	return false
}

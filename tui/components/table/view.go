package table

import (
	"fmt"
	"strconv"
	"strings"

	"idvset/tui/components/fuzzy"
	"idvset/tui/components/internal/cells"
	"idvset/tui/components/internal/filterinput"
)

// relayout gives each column its width for the box: every shown column its Width, the
// rest to the flexible ones by their Flex, up to their Max. When the Widths do not fit,
// droppable columns go (highest Drop first), then the columns are cut, flexible ones
// first, down to one cell.
func (m *Model) relayout() {
	n := len(m.cols)
	m.widths = make([]int, n)
	avail := m.width - gutter
	shown := make([]bool, n)
	for i := range shown {
		shown[i] = true
	}
	need := func() int {
		total, count := 0, 0
		for i, c := range m.cols {
			if shown[i] {
				total += max(c.Width, 1)
				count++
			}
		}
		return total + max(count-1, 0)*sep
	}
	for need() > avail {
		drop := -1
		for i, c := range m.cols {
			if shown[i] && c.Drop > 0 && (drop < 0 || c.Drop >= m.cols[drop].Drop) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		shown[drop] = false
	}
	flex := 0
	for i, c := range m.cols {
		if shown[i] {
			m.widths[i] = max(c.Width, 1)
			flex += c.Flex
		}
	}
	spare := avail - need()
	// Share the spare cells by Flex, a cell at a time in proportion, so caps and rounding
	// never lose a cell a flexible column could use.
	for spare > 0 && flex > 0 {
		given := 0
		for i, c := range m.cols {
			if !shown[i] || c.Flex == 0 || (c.Max > 0 && m.widths[i] >= c.Max) {
				continue
			}
			share := max(spare*c.Flex/flex, 1)
			if c.Max > 0 {
				share = min(share, c.Max-m.widths[i])
			}
			share = min(share, spare-given)
			m.widths[i] += share
			given += share
			if given == spare {
				break
			}
		}
		if given == 0 {
			break
		}
		spare -= given
	}
	// Still too wide: cut flexible columns first, then the others from the right.
	excess := need() - avail
	for pass := 0; pass < 2 && excess > 0; pass++ {
		for i := n - 1; i >= 0 && excess > 0; i-- {
			if !shown[i] || (pass == 0 && m.cols[i].Flex == 0) {
				continue
			}
			cut := min(excess, m.widths[i]-1)
			m.widths[i] -= cut
			excess -= cut
		}
	}
	// A box narrower than one cell a column: columns go from the right.
	for i := n - 1; i >= 0 && excess > 0; i-- {
		if m.widths[i] > 0 {
			excess -= m.widths[i] + sep
			m.widths[i] = 0
		}
	}
}

// View draws the count line, the header and the rows in the window, height lines at
// most, none wider than the width.
func (m Model) View() string {
	if m.height < 1 || m.width < 1 {
		return ""
	}
	var b strings.Builder
	m.countLine(&b)
	if m.height >= 2 {
		b.WriteByte('\n')
		m.header(&b)
	}
	rows := m.pageRows()
	if rows > 0 && m.shown() == 0 {
		b.WriteByte('\n')
		b.WriteString(m.ink.info.Render(cells.Line(m.emptyText(), m.width)))
	}
	end := min(m.offset+rows, m.shown())
	for pos := m.offset; pos < end; pos++ {
		b.WriteByte('\n')
		m.row(&b, pos)
	}
	if m.width < gutter+1 {
		return cells.CutLines(b.String(), m.width) // a box too narrow for the gutter
	}
	return b.String()
}

func (m *Model) emptyText() string {
	if len(m.rows) == 0 {
		if m.empty != "" {
			return m.empty
		}
		return "no " + m.many
	}
	return fmt.Sprintf("no %s matches %s", m.one, strconv.Quote(m.query))
}

// countLine is the filter on the left (the field while typing, the kept text after) and
// the counts on the right: "27 of 250 · 5 marked (2 not shown)".
func (m *Model) countLine(b *strings.Builder) {
	count := m.counts()
	switch {
	case m.filtering:
		filterinput.Line(b, m.input, count, m.ink.info, m.width)
	default:
		left := ""
		if m.query != "" {
			left = "/" + cells.Sanitize(m.query)
		}
		l, gap, r := cells.Spread(left, count, m.width)
		if l != "" {
			b.WriteString(m.ink.match.Render(l))
		}
		cells.Pad(b, gap)
		b.WriteString(m.ink.info.Render(r))
	}
}

// counts is "250 countries", or "27 of 250" under a filter, then the marks.
func (m *Model) counts() string {
	var s string
	switch {
	case m.query != "":
		s = fmt.Sprintf("%d of %d", m.shown(), len(m.rows))
	case len(m.rows) == 1:
		s = "1 " + m.one
	default:
		s = fmt.Sprintf("%d %s", len(m.rows), m.many)
	}
	if m.nMark > 0 {
		s += fmt.Sprintf(" · %d marked", m.nMark)
		if h := m.hiddenMarks(); h > 0 {
			s += fmt.Sprintf(" (%d not shown)", h)
		}
	}
	return s
}

// header is the column titles.
func (m *Model) header(b *strings.Builder) {
	cells.Pad(b, gutter)
	first := true
	for i, c := range m.cols {
		if m.widths[i] == 0 {
			continue
		}
		if !first {
			cells.Pad(b, sep)
		}
		first = false
		cells.Cell{Text: c.Title, Width: m.widths[i], Align: c.Align, Ink: m.ink.header}.Write(b)
	}
}

// row draws the pos-th row shown: "›" on the cursor row, "●" on a marked one, then
// the cells. The cursor row is shown by its gutter and its cursor cell's text in the
// selected style, not by a bar across the row: a move then changes a few cells of the
// terminal, not two whole rows (over SSH, every cell changed is bytes sent; with the
// cursor cell first, the gutter and the cell are one run of one style, set once). Marks
// are the "●" alone, for the same reason: marking every row redraws one column.
func (m *Model) row(b *strings.Builder, pos int) {
	i := m.shownRow(pos)
	r := m.rows[i]
	selected := pos == m.cursor
	if selected {
		mark := " "
		if m.marked[i] {
			mark = "●"
		}
		b.WriteString(m.ink.selected.Render("›" + mark + " "))
	} else {
		b.WriteByte(' ')
		if m.marked[i] {
			b.WriteString(m.ink.marked.Render("●"))
		} else {
			b.WriteByte(' ')
		}
		b.WriteByte(' ')
	}
	var mt fuzzy.Match
	if m.query != "" {
		mt = m.matches[pos]
	}
	cur := m.cursorColumn()
	if selected {
		// An empty cursor cell (a default with no code) hands the highlight on to the
		// next column shown, so the row still reads as selected past its gutter.
		for c := cur; c >= 0 && c < len(m.cols) && r.Cells[c] == ""; c++ {
			if c+1 < len(m.cols) && m.widths[c+1] > 0 {
				cur = c + 1
			}
		}
	}
	first := true
	for c := range m.cols {
		cw := m.widths[c]
		if cw == 0 {
			continue
		}
		if !first {
			cells.Pad(b, sep)
		}
		first = false
		ink := m.ink.cells[KindNormal]
		if m.kind != nil {
			if kind := m.kind(r.Key, c); kind >= 0 && kind < kinds {
				ink = m.ink.cells[kind]
			}
		}
		if selected && c == cur {
			ink = m.ink.selected
		}
		cells.Cell{Text: r.Cells[c], Width: cw, Align: m.cols[c].Align, Ink: ink,
			Hit: m.ink.match, Hits: m.hits(mt, c)}.Write(b)
	}
}

// cursorColumn is the column whose text the cursor row shows in the selected style:
// the one SetCursorColumn chose while it is shown, else the first column shown.
func (m *Model) cursorColumn() int {
	if c := m.cursorCol; c >= 0 && c < len(m.widths) && m.widths[c] > 0 {
		return c
	}
	for c, w := range m.widths {
		if w > 0 {
			return c
		}
	}
	return -1
}

// hits are the positions the filter matched in column c of the row.
func (m *Model) hits(mt fuzzy.Match, c int) []int {
	if mt.Tier == fuzzy.TierAll {
		return nil
	}
	switch mt.Field {
	case fuzzy.FieldTitle:
		if c == m.fields.Title {
			return mt.Positions
		}
	case fuzzy.FieldCode:
		if c == m.fields.Code {
			return mt.Positions
		}
	case fuzzy.FieldKeyword:
		if k := mt.Keyword; k < len(m.fields.Other) && m.fields.Other[k] == c {
			return mt.Positions
		}
	}
	return nil
}

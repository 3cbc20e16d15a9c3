package table

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/tui/components/internal/window"
)

// Handles reports whether Update would act on msg: every key while the filter has
// focus, otherwise the keys of the enabled bindings. A pane that shares keys with the
// table asks before matching its own.
func (m Model) Handles(msg tea.KeyPressMsg) bool {
	if m.filtering {
		return true
	}
	k := m.KeyMap
	for _, b := range []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End,
		k.Filter, k.ClearFilter, k.Mark, k.MarkAll, k.ClearMarks, k.Invert} {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// Update handles keys and pastes.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if m.filtering {
			cmd = m.typing(msg)
		} else {
			m.browsing(msg)
		}
	case tea.PasteMsg:
		if m.filtering {
			m.input, cmd = m.input.Update(msg)
			m.refilter()
		}
	}
	m.updateKeys()
	return m, cmd
}

// typing handles a key while the filter has focus: printable keys type, the rest move,
// mark all, keep or cancel the filter, or edit the field.
func (m *Model) typing(msg tea.KeyPressMsg) tea.Cmd {
	if msg.Text == "" {
		k := m.KeyMap
		switch {
		case key.Matches(msg, k.AcceptFilter):
			m.filtering = false
			return nil
		case key.Matches(msg, k.CancelFilter):
			m.filtering = false
			m.clearFilter()
			return nil
		case m.move(msg):
			return nil
		case key.Matches(msg, k.MarkAll) && !printable(msg.String()):
			m.markShown(func(bool) bool { return true })
			return nil
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	m.refilter()
	return cmd
}

// browsing handles a key on the rows.
func (m *Model) browsing(msg tea.KeyPressMsg) {
	k := m.KeyMap
	switch {
	case m.move(msg):
	case key.Matches(msg, k.Filter):
		// A new search, as / starts one in less and vim: the bulk editor filters
		// "europe", marks, then filters "deu", never "europedeu".
		m.filtering = true
		m.input.Reset()
		m.refilter()
	case key.Matches(msg, k.ClearFilter):
		m.clearFilter()
	case key.Matches(msg, k.Mark):
		if m.cursor < m.shown() {
			i := m.shownRow(m.cursor)
			m.setMark(i, !m.marked[i])
		}
	case key.Matches(msg, k.MarkAll):
		m.markShown(func(bool) bool { return true })
	case key.Matches(msg, k.ClearMarks):
		clear(m.marked)
		m.nMark = 0
	case key.Matches(msg, k.Invert):
		m.markShown(func(on bool) bool { return !on })
	}
}

// clearFilter empties the filter, leaving the cursor on the row it was on: the user
// found a row by filtering and now sees it among the others.
func (m *Model) clearFilter() {
	key, ok := m.CursorKey()
	m.input.Reset()
	m.refilter()
	if ok {
		m.SetCursor(key)
	}
}

// markShown sets the mark of every row shown to f(its mark).
func (m *Model) markShown(f func(bool) bool) {
	for pos := range m.shown() {
		i := m.shownRow(pos)
		m.setMark(i, f(m.marked[i]))
	}
}

// move handles the movement keys; it reports whether msg was one. While typing, keys
// that type (k, j, g, G) are not movement.
func (m *Model) move(msg tea.KeyPressMsg) bool {
	k := m.KeyMap
	page := max(m.pageRows()-1, 1)
	typing := m.filtering
	matches := func(b key.Binding) bool {
		return key.Matches(msg, b) && !(typing && printable(msg.String()))
	}
	switch {
	case matches(k.Up):
		m.cursor--
	case matches(k.Down):
		m.cursor++
	case matches(k.PageUp):
		m.cursor -= page
	case matches(k.PageDown):
		m.cursor += page
	case matches(k.Home):
		m.cursor = 0
	case matches(k.End):
		m.cursor = m.shown() - 1
	default:
		return false
	}
	m.clamp()
	return true
}

// pageRows is the number of rows the box holds under the count line and the header.
func (m *Model) pageRows() int { return max(m.height-2, 0) }

// clamp keeps the cursor on a shown row and inside the window.
func (m *Model) clamp() {
	m.cursor, m.offset = window.Clamp(m.cursor, m.offset, m.shown(), m.pageRows())
}

// updateKeys switches the bindings that do nothing now off, so help never lies.
func (m *Model) updateKeys() {
	k := &m.KeyMap
	n := m.shown()
	typing := m.filtering
	for _, b := range []*key.Binding{&k.Move, &k.Up, &k.Down, &k.Home, &k.End} {
		b.SetEnabled(n > 1)
	}
	k.PageUp.SetEnabled(n > m.pageRows())
	k.PageDown.SetEnabled(n > m.pageRows())
	k.Filter.SetEnabled(!typing && len(m.rows) > 0)
	k.AcceptFilter.SetEnabled(typing)
	k.CancelFilter.SetEnabled(typing)
	k.ClearFilter.SetEnabled(!typing && m.query != "")
	k.Mark.SetEnabled(!typing && n > 0)
	k.ClearMarks.SetEnabled(!typing && m.nMark > 0)
	k.Invert.SetEnabled(!typing && n > 0)
	// While typing, only ctrl+a of "ctrl+a/*" marks: * types a star.
	keys := k.MarkAll.Keys()
	if typing {
		keys = typingKeys(k.MarkAll)
	}
	k.MarkAll.SetHelp(joinKeys(keys), k.MarkAll.Help().Desc)
	k.MarkAll.SetEnabled(n > 0 && len(keys) > 0)
}

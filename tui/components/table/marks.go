package table

// MarkedCount is the number of marked rows, shown or not.
func (m Model) MarkedCount() int { return m.nMark }

// Marked is the keys of the marked rows, in row order, shown or not.
func (m Model) Marked() []string {
	out := make([]string, 0, m.nMark)
	for i, on := range m.marked {
		if on {
			out = append(out, m.rows[i].Key)
		}
	}
	return out
}

// IsMarked reports whether the row with key is marked.
func (m Model) IsMarked(key string) bool {
	i, ok := m.byKey[key]
	return ok && m.marked[i]
}

// SetMarked marks or unmarks the row with key.
func (m *Model) SetMarked(key string, on bool) {
	if i, ok := m.byKey[key]; ok {
		m.setMark(i, on)
		m.updateKeys()
	}
}

// ClearMarks unmarks every row.
func (m *Model) ClearMarks() {
	clear(m.marked)
	m.nMark = 0
	m.updateKeys()
}

// Targets is what a bulk action applies to: the keys of the marked rows (in row order,
// shown or not), or the cursor row's key when none is marked, or nothing.
func (m Model) Targets() []string {
	if m.nMark > 0 {
		return m.Marked()
	}
	if k, ok := m.CursorKey(); ok {
		return []string{k}
	}
	return nil
}

// hiddenMarks is the number of marked rows the filter hides.
func (m *Model) hiddenMarks() int {
	if m.query == "" || m.nMark == 0 {
		return 0
	}
	shown := 0
	for _, mt := range m.matches {
		if m.marked[mt.Index] {
			shown++
		}
	}
	return m.nMark - shown
}

func (m *Model) setMark(i int, on bool) {
	if m.marked[i] == on {
		return
	}
	m.marked[i] = on
	if on {
		m.nMark++
	} else {
		m.nMark--
	}
}

package common

import (
	"strings"

	"charm.land/lipgloss/v2"

	"idvset/themes"
)

// Blocks draws a list of settings, each a block of lines (a label row, then its value,
// violations and hint or its open form), under a head of two lines (the pane's title,
// then a notice or ""), in height lines. It scrolls by whole blocks, just enough that
// the selected one is in sight, and says "↑ more above" (in the head's second line, when
// it is free) and "↓ more below" where blocks are out of sight. With less room than the
// head needs, the blocks come first. The General and Client panes are drawn this way.
func Blocks(st *themes.Styles, head [2]string, blocks [][]string, selected, height int) string {
	var lines []string
	starts := make([]int, len(blocks))
	selEnd := 0
	for i, b := range blocks {
		starts[i] = len(lines)
		lines = append(lines, b...)
		if i == selected {
			selEnd = len(lines)
		}
		lines = append(lines, "")
	}
	top := head[:]
	room := max(height-len(top), 1)
	off := 0
	for i, s := range starts {
		if selEnd-s <= room || i == selected {
			off = s
			break
		}
	}
	lines = lines[off:]
	if off > 0 && top[1] == "" {
		top[1] = st.Hint.Render("↑ more above")
	}
	if len(lines) > room {
		if strings.TrimSpace(strings.Join(lines[room:], "")) != "" {
			lines = append(lines[:room-1], st.Hint.Render("↓ more below"))
		}
		lines = lines[:room]
	}
	if len(top)+len(lines) > height {
		top = top[:max(height-len(lines), 0)]
	}
	return strings.Join(append(top, lines...), "\n")
}

// BlockLabel is the first line of a block: the label, and its limit at the right of
// width. The selected one is marked "›" and drawn in the selection's style across the
// whole width, so it reads as selected without colour too.
func BlockLabel(st *themes.Styles, label, limit string, selected bool, width int) string {
	label = "  " + label
	if selected {
		label = "› " + strings.TrimPrefix(label, "  ")
	}
	row := Spread(label, limit+" ", width)
	if selected {
		return st.Selected.Render(row + strings.Repeat(" ", max(width-lipgloss.Width(row), 0)))
	}
	return st.Label.Render(label) + st.Hint.Render(strings.TrimPrefix(row, label))
}

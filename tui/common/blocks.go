package common

import (
	"strings"

	"idvset/themes"
)

// Blocks draws a list of settings, each a block of lines (a label row, then its value,
// violations or its open form), under a head of two lines (the pane's title, then a
// notice or ""), in height lines, and about (what the selected setting is for) on a line
// of its own under the blocks. It scrolls by whole blocks, just enough that the selected
// one is in sight, and says "↑ more above" (in the head's second line, when it is free)
// and "↓ more below" where blocks are out of sight. With less room than the head needs,
// the blocks come first. The General and Client panes are drawn this way.
//
// The about line stays where it is when the selection moves (under the last block, or
// at the bottom when the blocks scroll): were it under the selected block, every move
// would shift the lines between, and the renderer would redraw or scroll them.
func Blocks(st *themes.Styles, head [2]string, blocks [][]string, about string, selected, height int) string {
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
	foot := 0
	if about != "" && height-len(top) >= 4 {
		foot = 1 // a line for about, when there is room for a block besides
	}
	room := max(height-len(top)-foot, 1)
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
	if foot > 0 {
		if off > 0 || len(lines) == room {
			for len(lines) < room { // scrolled: about at the bottom, where it stays
				lines = append(lines, "")
			}
		}
		lines = append(lines, st.Hint.Render(about))
	}
	if len(top)+len(lines) > height {
		top = top[:max(height-len(lines), 0)]
	}
	return strings.Join(append(top, lines...), "\n")
}

// BlockLabel is the first line of a block: the label, and its limit at the right of
// width. The selected one is marked "›" and its label drawn in the selection's style
// (reverse video without colour): the label alone, not a bar across the width, so a
// move redraws two labels and not two whole lines.
func BlockLabel(st *themes.Styles, label, limit string, selected bool, width int) string {
	label = "  " + label
	if selected {
		label = "› " + strings.TrimPrefix(label, "  ")
	}
	row := Spread(label, limit+" ", width)
	rest := strings.TrimPrefix(row, label)
	if selected {
		return st.Selected.Render(label) + st.Hint.Render(rest)
	}
	return st.Label.Render(label) + st.Hint.Render(rest)
}

package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/tui/common"
)

// helpOverlay is the full help: every key of the pane and of the editor. Keys that do
// nothing right now are listed too, dim, with the reason ("ctrl+s review and save:
// nothing changed yet"), so that the help teaches the editor before the keys work; the
// footer keeps only what works. It keeps the keys as they were when it opened, since it
// describes the screen under it.
type helpOverlay struct {
	ctx           *common.Context
	title         string // the pane's
	pane, global  [][]common.KeyHelp
	keys          common.ListKeys // scrolling, when the help does not fit
	close         key.Binding
	scroll        common.Scroller
	width, height int
}

func newHelpOverlay(ctx *common.Context, title string, pane [][]common.KeyHelp, width, height int) *helpOverlay {
	return &helpOverlay{ctx: ctx, title: title, pane: pane, global: ctx.Keys.ExplainedHelp(),
		keys: common.Scrolling(), width: width, height: height,
		close: key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("?/esc", "close"))}
}

func (h *helpOverlay) Update(msg tea.Msg) (overlay, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(k, h.close) {
			return nil, nil
		}
		h.scroll.Update(k, h.keys, len(h.lines()), h.height)
	}
	return h, nil
}

func (h *helpOverlay) SetSize(width, height int) { h.width, h.height = width, height }

func (h *helpOverlay) KeyMap() help.KeyMap {
	keys := common.Bindings{h.close}
	if len(h.lines()) > h.height {
		keys = append(keys, h.keys.Move)
	}
	return keys
}

func (h *helpOverlay) Capturing() bool { return false }

func (h *helpOverlay) View() string {
	return h.scroll.Show(h.lines(), h.height, h.ctx.Styles.Hint)
}

// lines is the whole help: the pane's keys under its title, then the editor's.
func (h *helpOverlay) lines() []string {
	st := h.ctx.Styles
	w := max(h.width, 1)
	out := []string{common.Truncate(st.Title.Render("Keys")+st.Hint.Render("  dim: does nothing right now, and why"), w), ""}
	if pane := h.section(h.pane, w); len(pane) > 0 {
		out = append(out, st.Label.Render(h.title))
		out = append(out, pane...)
		out = append(out, "")
	}
	out = append(out, st.Label.Render("Everywhere"))
	return append(out, h.section(h.global, w)...)
}

// helpGap separates columns of keys.
const helpGap = 4

// section lays the columns of keys out side by side, as many as fit the width, the rest
// in rows below.
func (h *helpOverlay) section(cols [][]common.KeyHelp, w int) []string {
	var out, row []string
	rowW := 0
	flush := func() {
		if len(out) > 0 && len(row) > 0 {
			out = append(out, "")
		}
		for _, l := range row {
			out = append(out, strings.TrimRight(l, " "))
		}
		row, rowW = nil, 0
	}
	for _, col := range cols {
		block := h.column(col, w)
		if len(block) == 0 {
			continue
		}
		bw := 0
		for _, l := range block {
			bw = max(bw, common.CellWidth(l))
		}
		if rowW > 0 && rowW+helpGap+bw > w {
			flush()
		}
		if rowW == 0 {
			row = block
			rowW = bw
			continue
		}
		// Beside the row so far: pad every line of the row to its width first.
		for len(row) < len(block) {
			row = append(row, "")
		}
		for i := range row {
			l := row[i] + strings.Repeat(" ", max(rowW-common.CellWidth(row[i]), 0))
			if i < len(block) {
				l += strings.Repeat(" ", helpGap) + block[i]
			}
			row[i] = l
		}
		rowW += helpGap + bw
	}
	flush()
	return out
}

// column draws one column of keys: the keys aligned, then what each does; a key that
// does nothing right now is dim, with the reason after its description (wrapped under
// the description when the line is too narrow).
func (h *helpOverlay) column(col []common.KeyHelp, w int) []string {
	st := h.ctx.Styles
	keyW := 0
	for _, k := range col {
		if k.Shown() {
			keyW = max(keyW, common.CellWidth(k.Binding.Help().Key))
		}
	}
	var out []string
	for _, k := range col {
		if !k.Shown() {
			continue
		}
		hk := k.Binding.Help()
		pad := strings.Repeat(" ", keyW-common.CellWidth(hk.Key)+2)
		if k.Binding.Enabled() {
			out = append(out, common.Truncate(st.Key.Render(hk.Key)+pad+st.Value.Render(hk.Desc), w))
			continue
		}
		for _, l := range common.Hang(hk.Key+pad+hk.Desc+": "+k.Reason, w, keyW+2) {
			out = append(out, st.Disabled.Render(l))
		}
	}
	return out
}

package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// generalPane lists the application settings with their values and violations; enter
// edits the selected one in an embedded form.
type generalPane struct {
	ctx           *Context
	fields        []generalField
	keys          ListKeys
	cursor        int
	editor        *fieldEditor // nil while browsing
	width, height int
}

// newGeneralPane returns the General pane on its first field.
func newGeneralPane(ctx *Context) *generalPane {
	k := NewListKeys()
	// Five fields need neither a filter nor marks.
	k.Filter.SetEnabled(false)
	k.Toggle.SetEnabled(false)
	k.MarkAll.SetEnabled(false)
	k.Back.SetEnabled(false)
	k.Edit.SetEnabled(!ctx.ReadOnly)
	return &generalPane{ctx: ctx, fields: generalFields(), keys: k}
}

func (p *generalPane) Title() string { return SectionGeneral.String() }

func (p *generalPane) Capturing() bool { return p.editor != nil }

func (p *generalPane) SetSize(width, height int) {
	p.width, p.height = width, height
	if p.editor != nil {
		p.editor.setWidth(p.formWidth())
	}
}

// formWidth leaves room for the indent under the field's label.
func (p *generalPane) formWidth() int { return p.width - valueIndent }

func (p *generalPane) KeyMap() help.KeyMap {
	if p.editor != nil {
		return bindings(p.editor.keys())
	}
	return p.keys
}

func (p *generalPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	if p.editor != nil {
		done, edit, cmd := p.editor.update(msg)
		if !done {
			return p, cmd
		}
		p.editor = nil
		if edit == nil {
			return p, cmd
		}
		return p, tea.Batch(cmd, editCmd(*edit))
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	last := len(p.fields) - 1
	switch {
	case key.Matches(k, p.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, p.keys.Down):
		p.cursor = min(p.cursor+1, last)
	case key.Matches(k, p.keys.Home, p.keys.PageUp):
		p.cursor = 0
	case key.Matches(k, p.keys.End, p.keys.PageDown):
		p.cursor = last
	case key.Matches(k, p.keys.Edit):
		var cmd tea.Cmd
		p.editor, cmd = newFieldEditor(p.ctx, p.fields[p.cursor], p.formWidth())
		return p, cmd
	}
	return p, nil
}

// valueIndent is where values and violations start, under the label.
const valueIndent = 4

// View draws every field as a block (see block) under the pane's title, scrolled by
// whole fields so that the selected one is in sight.
func (p *generalPane) View() string {
	st := p.ctx.Styles
	// Past 100 columns a limit at the far right is too far from its label to read.
	w := min(p.width, 100)
	head := []string{st.Title.Render("General") + st.Hint.Render("  where results go and where the end user is sent"), ""}
	if p.ctx.ReadOnly {
		head[1] = st.Warning.Render("read-only: started with --readonly")
	}
	var lines []string
	var starts []int // where each field's block starts
	selEnd := 0
	for i := range p.fields {
		starts = append(starts, len(lines))
		lines = append(lines, p.block(i, w)...)
		if i == p.cursor {
			selEnd = len(lines)
		}
		lines = append(lines, "")
	}

	// Scroll down by whole fields, just enough to show all of the selected one.
	room := max(p.height-len(head), 1)
	off := 0
	for _, s := range starts {
		if selEnd-s <= room || s == starts[p.cursor] {
			off = s
			break
		}
	}
	lines = lines[off:]
	if off > 0 && !p.ctx.ReadOnly {
		head[1] = st.Hint.Render("↑ more above")
	}
	if len(lines) > room && strings.TrimSpace(strings.Join(lines[room:], "")) != "" {
		lines = append(lines[:room-1], st.Hint.Render("↓ more below"))
	}
	return strings.Join(append(head, lines...), "\n")
}

// block draws field i: its label with its limit (the selected one marked with › and
// reverse video), then its value, its violations and what it is for, or the open form.
func (p *generalPane) block(i, w int) []string {
	st := p.ctx.Styles
	f := p.fields[i]
	selected := i == p.cursor
	label := "  " + f.label
	if selected {
		label = "› " + f.label
	}
	row := spread(label, f.limitHint()+" ", w)
	if selected {
		row = st.Selected.Render(row + strings.Repeat(" ", max(w-lipgloss.Width(row), 0)))
	} else {
		row = st.Label.Render(label) + st.Hint.Render(strings.TrimPrefix(row, label))
	}

	var body []string
	if selected && p.editor != nil {
		body = p.editor.view(w - valueIndent)
	} else {
		text, unset := f.display(p.ctx.Draft.Current().General)
		style := st.Value
		if unset {
			style = st.Hint
		}
		body = append(body, style.Render(truncate(text, w-valueIndent)))
		body = append(body, violationLines(st, p.ctx.Violations.At(f.path), w-valueIndent)...)
		if selected {
			body = append(body, st.Hint.Render(truncate(f.hint, w-valueIndent)))
		}
	}
	out := []string{row}
	indent := strings.Repeat(" ", valueIndent)
	for _, l := range body {
		out = append(out, indent+l)
	}
	return out
}

// bindings adapts a flat list of bindings to help.KeyMap.
type bindings []key.Binding

func (b bindings) ShortHelp() []key.Binding  { return b }
func (b bindings) FullHelp() [][]key.Binding { return [][]key.Binding{b} }

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

// View draws every field as a block: its label (the selected one marked with › and
// reverse video), its value or the open form, and its violations.
func (p *generalPane) View() string {
	st := p.ctx.Styles
	// Past 100 columns a limit at the far right is too far from its label to read.
	w := min(p.width, 100)
	head := []string{st.Title.Render("General") + st.Hint.Render("  where results go and where the end user is sent"), ""}
	if p.ctx.ReadOnly {
		head[1] = st.Warning.Render("read-only: started with --readonly")
	}
	cur := p.ctx.Draft.Current().General
	indent := strings.Repeat(" ", valueIndent)
	var lines []string
	var starts []int // where each field's block starts
	selStart, selEnd := 0, 0
	for i, f := range p.fields {
		starts = append(starts, len(lines))
		if i == p.cursor {
			selStart = len(lines)
		}
		label := "  " + f.label
		if i == p.cursor {
			label = "› " + f.label
		}
		row := spread(label, f.limitHint()+" ", w)
		if i == p.cursor {
			row = st.Selected.Render(row + strings.Repeat(" ", max(w-lipgloss.Width(row), 0)))
		} else {
			row = st.Label.Render(label) + st.Hint.Render(strings.TrimPrefix(row, label))
		}
		lines = append(lines, row)

		var body []string
		if i == p.cursor && p.editor != nil {
			body = p.editor.view(w - valueIndent)
		} else {
			text, unset := f.display(cur)
			style := st.Value
			if unset {
				style = st.Hint
			}
			body = append(body, style.Render(truncate(text, w-valueIndent)))
			body = append(body, violationLines(st, p.ctx.Violations.At(f.path), w-valueIndent)...)
			if i == p.cursor {
				body = append(body, st.Hint.Render(truncate(f.hint, w-valueIndent)))
			}
		}
		for _, l := range body {
			lines = append(lines, indent+l)
		}
		if i == p.cursor {
			selEnd = len(lines)
		}
		lines = append(lines, "")
	}

	// Keep the selected field in sight: scroll by whole fields, just enough to show the
	// selected one, and say so when fields are out of sight.
	room := max(p.height-len(head), 1)
	off := 0
	if selEnd > room {
		off = selStart
		for _, s := range starts {
			if s >= selEnd-room {
				off = min(s, selStart)
				break
			}
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

// bindings adapts a flat list of bindings to help.KeyMap.
type bindings []key.Binding

func (b bindings) ShortHelp() []key.Binding  { return b }
func (b bindings) FullHelp() [][]key.Binding { return [][]key.Binding{b} }

// Package general is the General section (PRODUCT.md §1.1): the callback, success and
// error URLs, the token lifetime and the owned domains, each with its value, its limit
// and its violations; enter edits the selected one in an embedded huh form, checked as
// it is typed.
package general

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/tui/common"
)

// Pane lists the application settings with their values and violations.
type Pane struct {
	ctx           *common.Context
	fields        []field
	keys          common.ListKeys
	cursor        int
	editor        *editor // nil while browsing
	width, height int
}

// New returns the General pane on its first field.
func New(ctx *common.Context) *Pane {
	k := common.NewListKeys()
	// Five fields need neither a filter nor marks.
	k.Filter.SetEnabled(false)
	k.Toggle.SetEnabled(false)
	k.MarkAll.SetEnabled(false)
	k.Back.SetEnabled(false)
	k.Edit.SetEnabled(!ctx.ReadOnly)
	return &Pane{ctx: ctx, fields: fields(), keys: k}
}

// Title names the section.
func (p *Pane) Title() string { return "General" }

// ShortTitle is the title: it is short already.
func (p *Pane) ShortTitle() string { return "General" }

// Capturing reports an open field.
func (p *Pane) Capturing() bool { return p.editor != nil }

// SetSize takes the pane's share of the screen.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
	if p.editor != nil {
		p.editor.setWidth(p.formWidth())
	}
}

// formWidth leaves room for the indent under the field's label.
func (p *Pane) formWidth() int { return p.width - valueIndent }

// KeyMap is the list's keys, or the open field's.
func (p *Pane) KeyMap() help.KeyMap {
	if p.editor != nil {
		return common.Bindings(p.editor.keys())
	}
	return keyMap{p.keys}
}

// keyMap is the list keys, with why enter does nothing under --readonly.
type keyMap struct{ common.ListKeys }

// ExplainedHelp is the full help: the list keys, and enter with why it is off.
func (k keyMap) ExplainedHelp() [][]common.KeyHelp {
	e := func(b key.Binding) common.KeyHelp { return common.Explain(b, "") }
	return [][]common.KeyHelp{
		{e(k.Up), e(k.Down), e(k.PageUp), e(k.PageDown), e(k.Home), e(k.End)},
		{common.Explain(k.Edit, common.ReadOnlyReason)},
	}
}

// Update moves the selection, opens a field on enter, and feeds the open field.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	if p.editor != nil {
		done, edit, cmd := p.editor.update(msg)
		if !done {
			return p, cmd
		}
		p.editor = nil
		if edit == nil {
			return p, cmd
		}
		p.ctx.Edit(*edit)
		return p, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	if c, moved := p.keys.Navigate(k, p.cursor, len(p.fields)); moved {
		p.cursor = c
		return p, nil
	}
	switch {
	case key.Matches(k, p.keys.Edit):
		var cmd tea.Cmd
		p.editor, cmd = newEditor(p.ctx, p.fields[p.cursor], p.formWidth())
		return p, cmd
	}
	return p, nil
}

// valueIndent is where values and violations start, under the label.
const valueIndent = 4

// View draws every field as a block (see block) under the pane's title, scrolled by
// whole fields so that the selected one is in sight.
func (p *Pane) View() string {
	st := p.ctx.Styles
	// Past 100 columns a limit at the far right is too far from its label to read.
	w := min(p.width, 100)
	head := [2]string{st.Title.Render("General") + st.Hint.Render("  where results go and where the end user is sent"), ""}
	if p.ctx.ReadOnly {
		head[1] = st.Warning.Render(common.ReadOnlyNotice)
	}
	blocks := make([][]string, len(p.fields))
	for i := range p.fields {
		blocks[i] = p.block(i, w)
	}
	f := p.fields[p.cursor]
	return common.Blocks(st, head, blocks, common.Truncate(f.hint, w), p.cursor, p.height)
}

// block draws field i: its label with its limit (the selected one marked with › and
// reverse video), then its value, its violations and what it is for, or the open form.
func (p *Pane) block(i, w int) []string {
	st := p.ctx.Styles
	f := p.fields[i]
	selected := i == p.cursor
	row := common.BlockLabel(st, f.label, f.limitHint(), selected, w)

	var body []string
	if selected && p.editor != nil {
		body = p.editor.view(w - valueIndent)
	} else {
		text, unset := f.display(p.ctx.Draft.Current().General)
		style := st.Value
		if unset {
			style = st.Hint
		}
		body = append(body, style.Render(common.Truncate(text, w-valueIndent)))
		body = append(body, common.ViolationLines(st, p.ctx.Violations.At(f.path), w-valueIndent)...)
	}
	out := []string{row}
	indent := strings.Repeat(" ", valueIndent)
	for _, l := range body {
		out = append(out, indent+l)
	}
	return out
}

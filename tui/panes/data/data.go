// Package data is the Data section (PRODUCT.md §1.5): which personal data is extracted
// and how long it is kept.
//
// The eight extraction fields are switches (space or enter). With the MRZ check on, the
// date of birth, expiry date and personal number are shown as processed anyway, with why.
// The 45 countries whose ID cards the MRZ check reads are a read-only fuzzy picker (enter
// on their row, or /): "is Kenya covered?" is answered by typing "ken". Retention is a
// number of days typed in an embedded huh form, checked as it is typed with the model's
// rule, or "forever" (space switches); deleteFraud is a switch. Whenever the draft's
// retention deletes records that the saved head keeps, the pane says which, in words,
// and the review before saving asks for an explicit confirmation.
package data

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/picker"
)

// Pane lists the extraction fields and the retention settings.
type Pane struct {
	ctx    *common.Context
	rows   []row
	keys   keys
	cursor int
	editor *daysEditor   // the retention being typed; nil otherwise
	lookup *picker.Model // the MRZ countries being looked up; nil otherwise
	// lastDays is the retention that space restores after "forever".
	lastDays      int
	width, height int
}

// keys are the pane's bindings while browsing.
type keys struct {
	common.ListKeys
	// Find opens the MRZ countries (/).
	Find key.Binding
	// why says why Toggle and Edit are off, for the full help.
	why struct{ toggle, edit string }
	// switchRow: the selected row is a switch, where enter does what space does.
	switchRow bool
}

// New returns the Data pane on its first field.
func New(ctx *common.Context) *Pane {
	k := keys{ListKeys: common.NewListKeys(),
		Find: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "MRZ lookup"))}
	// The list is short: no filter or marks; / looks up an MRZ country instead.
	k.Filter.SetEnabled(false)
	k.MarkAll.SetEnabled(false)
	k.Back.SetEnabled(false)
	k.Toggle.SetHelp("space", "switch")
	p := &Pane{ctx: ctx, rows: paneRows(), keys: k, lastDays: model.DefaultPurgeAfterDays}
	p.updateKeys()
	return p
}

// Title names the section.
func (p *Pane) Title() string { return "Data" }

// ShortTitle is the title: it is short already.
func (p *Pane) ShortTitle() string { return "Data" }

// Capturing reports the days field or the country lookup, which take printable keys.
func (p *Pane) Capturing() bool { return p.editor != nil || p.lookup != nil }

// SetSize takes the pane's share of the screen.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
	if p.editor != nil {
		p.editor.setWidth(p.formWidth())
	}
	if p.lookup != nil {
		p.lookup.SetSize(p.width, p.lookupHeight())
	}
}

// valueIndent is where the form and explanations start, under a row's name.
const valueIndent = 6

func (p *Pane) formWidth() int { return min(p.width, 100) - valueIndent }

// KeyMap is the list's keys, the open field's, or the lookup's.
func (p *Pane) KeyMap() help.KeyMap {
	switch {
	case p.editor != nil:
		return common.Bindings(p.editor.keys())
	case p.lookup != nil:
		m := p.lookup
		return common.ReasonedKeys{Short: m.KeyMap.ShortHelp(), Full: m.KeyMap.FullHelp(), Why: m.HelpReasons()}
	}
	return p.keys
}

// ShortHelp is what the footer shows while browsing: on a switch, space alone (enter
// does the same, and 80 columns are few).
func (k keys) ShortHelp() []key.Binding {
	if k.switchRow {
		return []key.Binding{k.Move, k.Toggle, k.Find}
	}
	return []key.Binding{k.Move, k.Toggle, k.Edit, k.Find}
}

// FullHelp lists every key while browsing.
func (k keys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}, {k.Toggle, k.Edit, k.Find}}
}

// ExplainedHelp is FullHelp with why space or enter does nothing on this row.
func (k keys) ExplainedHelp() [][]common.KeyHelp {
	e := func(b key.Binding) common.KeyHelp { return common.Explain(b, "") }
	return [][]common.KeyHelp{
		{e(k.Up), e(k.Down), e(k.PageUp), e(k.PageDown), e(k.Home), e(k.End)},
		{common.Explain(k.Toggle, k.why.toggle), common.Explain(k.Edit, k.why.edit), e(k.Find)},
	}
}

// updateKeys says what enter and space do on the selected row, and switches off what
// does nothing there, so the footer never lies.
func (p *Pane) updateKeys() {
	k := &p.keys
	editable := !p.ctx.ReadOnly
	k.why.toggle, k.why.edit = "", ""
	if !editable {
		k.why.toggle, k.why.edit = common.ReadOnlyReason, common.ReadOnlyReason
	}
	k.Toggle.SetHelp("space", "switch")
	k.switchRow = false
	switch r := p.rows[p.cursor]; r.kind {
	case rowField, rowFraud:
		k.switchRow = true
		k.Toggle.SetEnabled(editable)
		k.Edit.SetEnabled(editable)
		k.Edit.SetHelp("enter", "switch")
	case rowDays:
		k.Toggle.SetEnabled(editable)
		k.Toggle.SetHelp("space", "forever/days")
		k.Edit.SetEnabled(editable)
		k.Edit.SetHelp("enter", "type days")
	case rowMRZList:
		k.Toggle.SetEnabled(false)
		k.why.toggle = "a list to look up, not a switch"
		k.Edit.SetEnabled(true)
		k.Edit.SetHelp("enter", "look up")
	}
}

// Update moves the selection, switches fields, opens the days field or the lookup, and
// feeds whichever is open.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	defer p.updateKeys()
	if _, ok := msg.(common.HeadMsg); ok {
		// A new saved retention: space goes back to it from "forever".
		if d := p.ctx.Draft.Base().DataSettings.Retention.PurgeAfterDays; d != nil {
			p.lastDays = *d
		}
		return p, nil
	}
	if p.editor != nil {
		done, edit, cmd := p.editor.update(msg)
		if done {
			p.editor = nil
			if edit != nil {
				p.ctx.Edit(*edit)
			}
		}
		return p, cmd
	}
	if p.lookup != nil {
		m, cmd := p.lookup.Update(msg)
		p.lookup = &m
		if m.State() == picker.StateCancelled {
			p.lookup = nil
		}
		return p, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	if c, moved := p.keys.Navigate(k, p.cursor, len(p.rows)); moved {
		p.cursor = c
		return p, nil
	}
	r := p.rows[p.cursor]
	switch {
	case key.Matches(k, p.keys.Find):
		return p, p.openLookup()
	case key.Matches(k, p.keys.Toggle) && r.kind == rowDays:
		p.switchForever()
	case key.Matches(k, p.keys.Edit) && r.kind == rowDays:
		var cmd tea.Cmd
		p.editor, cmd = newDaysEditor(p.ctx, p.formWidth())
		return p, cmd
	case key.Matches(k, p.keys.Edit) && r.kind == rowMRZList:
		return p, p.openLookup()
	case key.Matches(k, p.keys.Toggle, p.keys.Edit):
		p.toggle(r)
	case p.ctx.ReadOnly && r.kind != rowMRZList && key.Matches(k, common.NewListKeys().Toggle, common.NewListKeys().Edit):
		p.ctx.Say(common.StatusWarning, common.ReadOnlyNotice)
	}
	return p, nil
}

// toggle switches a field or deleteFraud: one undo step.
func (p *Pane) toggle(r row) {
	s := p.ctx.Draft.Current().DataSettings
	onOff := func(on bool) string {
		if on {
			return "on"
		}
		return "off"
	}
	switch r.kind {
	case rowField:
		on, f := !s.Fields.Get(r.field), r.field
		p.ctx.Edit(model.Edit{Label: lowerFirst(f.Name()) + ": " + onOff(on),
			Apply: func(s *model.Settings) { s.DataSettings.Fields.Set(f, on) }})
	case rowFraud:
		on := !s.Retention.DeleteFraud
		p.ctx.Edit(model.Edit{Label: "delete fraud too: " + onOff(on),
			Apply: func(s *model.Settings) { s.DataSettings.Retention.DeleteFraud = on }})
	}
}

// lowerFirst puts a name in running text: "Date of birth" → "date of birth", but
// "MRZ check" and "US state" keep their capitals.
func lowerFirst(name string) string {
	if len(name) > 1 && name[1] >= 'a' && name[1] <= 'z' {
		return strings.ToLower(name[:1]) + name[1:]
	}
	return name
}

// switchForever keeps records forever, or goes back to the days they were kept before.
func (p *Pane) switchForever() {
	cur := p.ctx.Draft.Current().DataSettings.Retention.PurgeAfterDays
	if cur != nil {
		p.lastDays = *cur
		p.ctx.Edit(daysEdit(nil))
		return
	}
	days := p.lastDays
	p.ctx.Edit(daysEdit(&days))
}

// openLookup shows the MRZ countries, the filter empty and focused.
func (p *Pane) openLookup() tea.Cmd {
	m := picker.New(mrzItems(), picker.NewStyles(p.ctx.Styles))
	m.SetNoun("country", "countries")
	m.SetReadOnly(true)
	m.SetSize(p.width, p.lookupHeight())
	p.lookup = &m
	return nil
}

// lookupHeight is the picker's room: the pane less its two lines of title and the
// line under it.
func (p *Pane) lookupHeight() int { return max(p.height-3, 1) }

// View draws the lookup, or the rows under the title with the selected row's
// explanation, and at the bottom, always in sight, what the retention change does.
func (p *Pane) View() string {
	if p.height < 1 || p.width < 1 {
		return ""
	}
	if p.lookup != nil {
		return p.lookupView()
	}
	st := p.ctx.Styles
	w := min(p.width, 100)
	title := st.Title.Render("Data") + st.Hint.Render("  which personal data is extracted, and how long it is kept")
	if p.ctx.ReadOnly {
		title = st.Title.Render("Data") + "  " + st.Warning.Render(common.ReadOnlyNotice)
	}
	head := []string{common.Truncate(title, p.width)}

	var foot []string
	if p.editor == nil {
		base, cur := p.ctx.Draft.Base().DataSettings.Retention, p.ctx.Draft.Current().DataSettings.Retention
		foot = consequenceLines(p.ctx, base, cur, w)
	}

	// The consequences stay in sight; the rows scroll so that the selected one and what
	// is under it show, after the blank line between the sections has gone.
	room := p.height - len(head) - len(foot)
	if room < 3 {
		foot = foot[:max(min(len(foot), p.height-len(head)-3), 0)]
		room = p.height - len(head) - len(foot)
	}
	body, selStart, selEnd := p.body(w, true)
	if len(body) > room {
		body, selStart, selEnd = p.body(w, false)
	}
	body = scroll(body, selStart, selEnd, max(room, 0), st.Hint.Render)
	out := append(head, body...)
	out = append(out, foot...)
	if len(out) > p.height {
		out = out[:p.height]
	}
	return strings.Join(out, "\n")
}

// body is the rows with their headings and what is under the selected one, and where
// the selected row's lines start and end; gap puts a blank line between the sections.
func (p *Pane) body(w int, gap bool) (body []string, selStart, selEnd int) {
	st := p.ctx.Styles
	cur := p.ctx.Draft.Current().DataSettings
	for i, r := range p.rows {
		if s := r.section(); s != "" {
			if i > 0 && gap {
				body = append(body, "")
			}
			body = append(body, st.Label.Render(s))
		}
		if i == p.cursor {
			selStart = len(body)
		}
		body = append(body, p.rowLine(i, r, cur, w))
		body = append(body, p.under(i, r, cur, w)...)
		if i == p.cursor {
			selEnd = len(body)
		}
	}
	return body, selStart, selEnd
}

// rowLine draws one row: the cursor, the switch, the name, the value and the note. The
// selected row is in reverse video, so it reads without colour.
func (p *Pane) rowLine(i int, r row, s model.DataSettings, w int) string {
	st := p.ctx.Styles
	sw, value, note, implied := r.cells(s)
	lead := "  "
	if i == p.cursor {
		lead = "› "
	}
	text := fmt.Sprintf("%s%s %-17s %-10s", lead, sw, r.name(), value)
	if r.kind == rowDays || r.kind == rowMRZList {
		text = fmt.Sprintf("%s%s %-17s %s", lead, sw, r.name(), value)
	}
	if note != "" {
		text += "  " + note
	}
	text = common.Truncate(text, w)
	if i == p.cursor {
		return st.Selected.Render(text + strings.Repeat(" ", max(w-lipgloss.Width(text), 0)))
	}
	if implied {
		return st.Success.Render(text)
	}
	return st.Value.Render(text)
}

// under is what shows under a row: the days field while it is open; the row's
// violations; for the selected row, what it is for.
func (p *Pane) under(i int, r row, s model.DataSettings, w int) []string {
	st := p.ctx.Styles
	indent := strings.Repeat(" ", valueIndent)
	var out []string
	if i == p.cursor && p.editor != nil {
		for _, l := range p.editor.view(w - valueIndent) {
			out = append(out, indent+l)
		}
		return out
	}
	if path := r.path(); path != "" {
		for _, l := range common.ViolationLines(st, p.ctx.Violations.At(path), w-valueIndent) {
			out = append(out, indent+l)
		}
	}
	if i == p.cursor {
		for _, l := range common.Hang(r.hint(s), w-valueIndent, 0) {
			out = append(out, indent+st.Hint.Render(l))
		}
	}
	return out
}

// scroll shows room lines of body, moved just enough that lines [from, to) show, with
// a line saying what is hidden above or below.
func scroll(body []string, from, to, room int, hint func(...string) string) []string {
	if room <= 0 {
		return nil
	}
	if len(body) <= room {
		return body
	}
	off := 0
	if to > room-1 {
		off = min(to-(room-1), from)
	}
	off = min(off, len(body)-room)
	shown := append([]string(nil), body[off:min(off+room, len(body))]...)
	if off > 0 && room > 2 && from > off {
		shown[0] = hint("↑ more above")
	}
	if off+room < len(body) && room > 2 {
		shown[len(shown)-1] = hint("↓ more below")
	}
	return shown
}

// lookupView is the MRZ countries: a title, the picker, and under it what a query that
// matches none of them means.
func (p *Pane) lookupView() string {
	st := p.ctx.Styles
	p.lookup.UseTheme(st)
	head := []string{
		common.Truncate(st.Title.Render("MRZ check")+st.Hint.Render(fmt.Sprintf("  the ID cards of these %d countries are checked", mrzCountries)), p.width),
		common.Truncate(st.Hint.Render("Passports of every country are checked. esc goes back."), p.width),
		"",
	}
	body := p.lookup.View()
	if p.lookup.Shown() == 0 && p.lookup.Filter() != "" {
		var lines []string
		for _, c := range notCovered(p.lookup.Filter(), 3) {
			lines = append(lines, common.Hang(fmt.Sprintf("%s (%s): not in the list; its passports are checked, its ID cards are not.", c.Name, c.Alpha3), p.width, 0)...)
		}
		if len(lines) > 0 {
			body += "\n" + st.Warning.Render(strings.Join(lines, "\n"))
		}
	}
	out := append(head, strings.Split(body, "\n")...)
	if len(out) > p.height {
		out = out[:p.height]
	}
	for i, l := range out {
		if common.CellWidth(l) > p.width {
			out[i] = common.Truncate(l, p.width)
		}
	}
	return strings.Join(out, "\n")
}

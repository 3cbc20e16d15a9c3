package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The smallest terminal the editor draws in; below it, it says so.
const (
	minWidth  = 60
	minHeight = 15
)

// chrome is the rows around the pane: header, tabs, rule, status, footer.
const chrome = 5

func (m *Model) tooSmall() bool {
	return m.ctx.Width < minWidth || m.ctx.Height < minHeight
}

// bodyHeight is the pane's share of the screen.
func (m *Model) bodyHeight() int { return max(m.ctx.Height-chrome, 0) }

// View draws the whole screen in the alternate screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "idvset"
	return v
}

// render draws exactly the terminal's size, whatever state the editor is in.
func (m *Model) render() string {
	w, h := m.ctx.Width, m.ctx.Height
	if w < 1 || h < 1 {
		return ""
	}
	st := m.ctx.Styles
	if m.tooSmall() {
		msg := fmt.Sprintf("terminal too small (need %d×%d, have %d×%d)", minWidth, minHeight, w, h)
		return strings.Join(fit(st.Warning.Render(wrapText(msg, w)), w, h), "\n")
	}
	var body string
	tabs := st.Rule.Render(strings.Repeat("─", w))
	switch {
	case m.failure != nil:
		body = st.Error.Render(wrapText("✗ cannot open the database: "+m.failure.Error(), w)) +
			"\n\n" + st.Hint.Render("press q to quit")
	case m.setup != nil:
		body = m.setup.view()
	case !m.loaded:
		sp := m.loading
		sp.Style = st.Spinner
		body = sp.View() + " opening " + m.ctx.Path + "…"
	case m.overlay != nil:
		tabs = m.tabs.View() + "\n" + tabs
		body = m.overlay.View()
	default:
		tabs = m.tabs.View() + "\n" + tabs
		body = m.panes[m.tabs.Active()].View()
	}
	top := m.header() + "\n" + tabs
	topLines := strings.Count(top, "\n") + 1
	lines := fit(top, w, topLines)
	lines = append(lines, fit(body, w, h-topLines-2)...)
	lines = append(lines, fit(m.statusLine(), w, 1)...)
	lines = append(lines, fit(m.footer(), w, 1)...)
	return strings.Join(lines, "\n")
}

// header shows the database, the head revision, the unsaved changes and READ-ONLY.
func (m *Model) header() string {
	st := m.ctx.Styles
	w := m.ctx.Width
	var right []string
	if m.loaded {
		right = append(right, st.Rev.Render(fmt.Sprintf("rev %d", m.ctx.Head)))
		if m.changes > 0 {
			right = append(right, st.Dirty.Render("● "+plural(m.changes, "unsaved change")))
		} else {
			right = append(right, st.Clean.Render("no unsaved changes"))
		}
	}
	if m.ctx.ReadOnly {
		right = append(right, st.Badge.Render("READ-ONLY"))
	}
	r := strings.Join(right, "  ")
	name := st.AppName.Render("idvset") + "  "
	room := w - lipgloss.Width(name) - lipgloss.Width(r) - 2
	left := name + st.Path.Render(shortenPath(m.ctx.Path, m.home, max(room, 1)))
	return spread(left, r, w)
}

// statusLine shows the last message, or the quit question. Each kind starts with a
// symbol, so errors read as errors without colour.
func (m *Model) statusLine() string {
	st := m.ctx.Styles
	if m.quit != nil {
		return st.StatusWarning.Render("? " + m.quit.text())
	}
	switch m.status.kind {
	case statusSuccess:
		return st.StatusSuccess.Render("✓ " + m.status.text)
	case statusWarning:
		return st.StatusWarning.Render("! " + m.status.text)
	case statusError:
		return st.StatusError.Render("✗ " + m.status.text)
	}
	return st.StatusInfo.Render(m.status.text)
}

// footer lists the keys that work here and now: the focused component's, then the
// editor's. Disabled bindings are left out by the help model.
func (m *Model) footer() string {
	k := m.ctx.Keys
	var keys []key.Binding
	switch {
	case m.quit != nil:
		keys = m.quit.keyMap().ShortHelp()
	case m.failure != nil:
		keys = []key.Binding{k.Quit}
	case m.setup != nil:
		keys = append(m.setup.keyMap().ShortHelp(), k.Quit)
	case !m.loaded:
		keys = []key.Binding{k.Quit}
	case m.overlay != nil:
		keys = append(m.overlay.KeyMap().ShortHelp(), k.JumpHelp, k.Quit)
	default:
		keys = append(m.panes[m.tabs.Active()].KeyMap().ShortHelp(), k.ShortHelp()...)
	}
	hm := help.New()
	hm.Styles = m.ctx.Styles.Help
	hm.SetWidth(m.ctx.Width)
	return hm.ShortHelpView(keys)
}

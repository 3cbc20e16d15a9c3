package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/tui/common"
)

// chrome is the rows around the pane: header, tabs, rule, status, footer.
const chrome = 5

// The smallest terminal the editor draws in (a pane gets the least room common
// promises); below it, it says so.
const (
	minWidth  = common.MinPaneWidth
	minHeight = common.MinPaneHeight + chrome
)

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
		return strings.Join(common.Fit(st.Warning.Render(common.Wrap(msg, w)), w, h), "\n")
	}
	var body string
	tabs := st.Rule.Render(strings.Repeat("─", w))
	switch {
	case m.failure != nil:
		what := "the database"
		if m.target.isFile() {
			what = m.target.file
		}
		body = st.Error.Render(common.Wrap("✗ cannot open "+what+": "+common.Safe(m.failure.Error()), w)) +
			"\n\n" + st.Hint.Render("press q to quit")
	case m.setup != nil:
		body = m.setup.view()
	case !m.loaded:
		sp := m.loading
		sp.Style = st.Spinner
		body = sp.View() + "opening " + common.Safe(m.ctx.Path) + "…"
	case m.overlay != nil:
		tabs = m.tabsView() + "\n" + tabs
		body = m.overlay.View()
	default:
		tabs = m.tabsView() + "\n" + tabs
		body = m.panes[m.tabs.Active()].View()
	}
	top := m.memos.header.get(m.headerKey(), m.header) + "\n" + tabs
	topLines := strings.Count(top, "\n") + 1
	lines := common.Fit(top, w, topLines)
	lines = append(lines, common.Fit(body, w, h-topLines-2)...)
	lines = append(lines, common.Fit(m.statusLine(), w, 1)...)
	keys := m.footerKeys()
	lines = append(lines, common.Fit(m.memos.footer.get(bindingsKey(keys, w), func() string { return m.footer(keys) }), w, 1)...)
	return strings.Join(lines, "\n")
}

// header shows the database, the head revision, the unsaved changes and READ-ONLY.
func (m *Model) header() string {
	st := m.ctx.Styles
	w := m.ctx.Width
	var right []string
	if m.target.isFile() {
		right = append(right, st.Badge.Render(" FILE "))
	}
	if m.loaded {
		if !m.target.isFile() {
			right = append(right, st.Rev.Render(fmt.Sprintf("rev %d", m.ctx.Head)))
		}
		if m.changes > 0 {
			right = append(right, st.Dirty.Render("● "+common.Plural(m.changes, "unsaved change")))
		} else {
			right = append(right, st.Clean.Render("no unsaved changes"))
		}
	}
	if m.ctx.ReadOnly {
		right = append(right, st.Badge.Render(" READ-ONLY "))
	}
	r := strings.Join(right, "  ")
	name := st.AppName.Render("idvset") + "  "
	room := w - lipgloss.Width(name) - lipgloss.Width(r) - 2
	// Who else is here matters more than the path, which every session shares.
	who := m.presenceView(room * 2 / 3)
	if who != "" {
		room -= lipgloss.Width(who) + 2
	}
	left := name + st.Path.Render(shortenPath(common.Safe(m.ctx.Path), m.home, max(room, 1)))
	if who != "" {
		left += "  " + who
	}
	return common.Spread(left, r, w)
}

// statusLine shows the last message, or the quit question. Each kind starts with a
// symbol, so errors read as errors without colour.
func (m *Model) statusLine() string {
	st := m.ctx.Styles
	if m.quit != nil {
		return st.StatusWarning.Render("? " + m.quit.text())
	}
	// One line: a message with a line break in it would forge the footer.
	text := strings.ReplaceAll(m.status.Text, "\n", " ")
	switch m.status.Kind {
	case common.StatusSuccess:
		return st.StatusSuccess.Render("✓ " + text)
	case common.StatusWarning:
		return st.StatusWarning.Render("! " + text)
	case common.StatusError:
		return st.StatusError.Render("✗ " + text)
	}
	return st.StatusInfo.Render(text)
}

// footer draws the keys that work here and now. Disabled bindings are left out by the
// help model.
func (m *Model) footer(keys []key.Binding) string {
	hm := help.New()
	hm.Styles = m.ctx.Styles.Help
	hm.SetWidth(m.ctx.Width)
	return hm.ShortHelpView(keys)
}

// footerKeys are the focused component's keys, then the editor's.
func (m *Model) footerKeys() []key.Binding {
	k := m.ctx.Keys
	quit := common.Brief(k.Quit, "quit")
	var keys []key.Binding
	switch {
	case m.quit != nil:
		keys = m.quit.keyMap().ShortHelp()
	case m.failure != nil:
		keys = []key.Binding{quit}
	case m.setup != nil:
		keys = append(m.setup.keyMap().ShortHelp(), quit)
	case !m.loaded:
		keys = []key.Binding{quit}
	case m.overlay != nil:
		keys = append(m.overlay.KeyMap().ShortHelp(), k.JumpHelp, quit)
	default:
		keys = append(m.panes[m.tabs.Active()].KeyMap().ShortHelp(), k.ShortHelp()...)
	}
	return keys
}

// tabsView draws the tab bar, again only when it changed.
func (m *Model) tabsView() string {
	key := fmt.Sprintf("%p %d %d %d", m.ctx.Styles, m.tabs.active, m.tabs.first, m.tabs.width)
	return m.memos.tabs.get(key, m.tabs.View)
}

func (m *Model) headerKey() string {
	return fmt.Sprintf("%p %d %d %v %v %d %s %d", m.ctx.Styles, m.ctx.Width, m.ctx.Head, m.loaded,
		m.ctx.ReadOnly, m.changes, m.ctx.Path, m.presenceVersion())
}

// bindingsKey identifies what a help line shows: the width and each binding shown.
func bindingsKey(keys []key.Binding, width int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", width)
	for _, k := range keys {
		if k.Enabled() {
			b.WriteString("\x00" + k.Help().Key + "\x01" + k.Help().Desc)
		}
	}
	return b.String()
}

// memo keeps the last drawing of a part of the screen with the inputs it was drawn
// from, so that a frame redraws only what changed.
type memo struct{ key, out string }

func (c *memo) get(key string, draw func() string) string {
	if c.key != key || c.out == "" {
		c.key, c.out = key, draw()
	}
	return c.out
}

// shortenPath fits a path into width cells: the home directory becomes ~, and what is
// still too long loses its middle, so both the start and the file name stay readable.
func shortenPath(path, home string, width int) string {
	if home != "" && home != "/" && (path == home || strings.HasPrefix(path, home+"/")) {
		path = "~" + strings.TrimPrefix(path, home)
	}
	w := ansi.StringWidth(path)
	if w <= width {
		return path
	}
	if width < 2 {
		return common.Truncate(path, width)
	}
	keep := width - 1 // one cell for the ellipsis
	left := keep / 3
	right := keep - left
	return ansi.Truncate(path, left, "") + "…" + ansi.TruncateLeft(path, w-right, "")
}

// joinLines joins blocks with newlines, dropping empty ones at the end (an optional
// message that is not there).
func joinLines(blocks ...string) string {
	for len(blocks) > 0 && blocks[len(blocks)-1] == "" {
		blocks = blocks[:len(blocks)-1]
	}
	return strings.Join(blocks, "\n")
}

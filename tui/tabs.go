package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Section is one tab of the editor, in the order of PRODUCT.md §5.
type Section int

// The sections, in tab order.
const (
	SectionGeneral Section = iota
	SectionRedirect
	SectionClient
	SectionBranding
	SectionAcceptedIDs
	SectionData
	SectionDocuments
	SectionSecurity
	SectionHistory
	sectionCount
)

var sectionNames = [sectionCount]string{
	"General", "Redirect", "Client", "Branding", "Accepted IDs",
	"Data", "Documents", "Security", "History",
}

// String is the section's name as the tab bar shows it.
func (s Section) String() string {
	if s < 0 || s >= sectionCount {
		return fmt.Sprintf("Section(%d)", int(s))
	}
	return sectionNames[s]
}

// Tabs is the tab bar: which section is shown, and a window over the tabs that keeps
// the active one in sight when they do not all fit.
type Tabs struct {
	ctx    *Context
	titles [sectionCount]string
	active Section
	first  Section // the first tab drawn when the bar is scrolled
	width  int
}

// NewTabs returns a tab bar on the first section, with the panes' titles.
func NewTabs(ctx *Context, titles [sectionCount]string) Tabs {
	return Tabs{ctx: ctx, titles: titles}
}

// Active is the section shown.
func (t Tabs) Active() Section { return t.active }

// SetSize tells the bar how wide it may be.
func (t Tabs) SetSize(width int) Tabs {
	t.width = width
	t.first = t.window()
	return t
}

// Select shows section s.
func (t Tabs) Select(s Section) Tabs {
	if s >= 0 && s < sectionCount {
		t.active = s
		t.first = t.window()
	}
	return t
}

// Update moves between sections on tab, shift+tab (both wrap around) and alt+1 … alt+9.
// The root enables those bindings only where they apply.
func (t Tabs) Update(msg tea.Msg) (Tabs, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return t, nil
	}
	keys := t.ctx.Keys
	switch {
	case key.Matches(k, keys.NextTab):
		return t.Select((t.active + 1) % sectionCount), nil
	case key.Matches(k, keys.PrevTab):
		return t.Select((t.active + sectionCount - 1) % sectionCount), nil
	}
	for i, b := range keys.Jump {
		if key.Matches(k, b) {
			return t.Select(Section(i)), nil
		}
	}
	return t, nil
}

// labelWidth is the width of a tab's label, active or not: the brackets of the active
// tab take the place of the spaces around the others.
func (t Tabs) labelWidth(s Section) int { return ansi.StringWidth(t.titles[s]) + 4 }

// label is a tab's text: its alt+N number and name. The active tab is bracketed so it
// reads without colour.
func (t Tabs) label(s Section) string {
	if s == t.active {
		return fmt.Sprintf("[%d %s]", s+1, t.titles[s])
	}
	return fmt.Sprintf(" %d %s ", s+1, t.titles[s])
}

const tabGap = 1

// window returns the first tab to draw so that the active one fits: unchanged while the
// active tab is in sight, otherwise scrolled just enough.
func (t Tabs) window() Section {
	first := min(t.first, t.active)
	for first < t.active && !t.fits(first, t.active) {
		first++
	}
	return first
}

// fits reports whether tabs first..last fit the width, with room for the scroll marks.
func (t Tabs) fits(first, last Section) bool {
	w := 0
	for s := first; s <= last; s++ {
		w += t.labelWidth(s) + tabGap
	}
	if first > 0 {
		w += 2 // "‹ "
	}
	if last < sectionCount-1 {
		w += 2 // " ›"
	}
	return w <= t.width
}

// View draws the bar: as many tabs as fit from the window's first, with ‹ and › where
// tabs are out of sight.
func (t Tabs) View() string {
	st := t.ctx.Styles
	var b strings.Builder
	if t.first > 0 {
		b.WriteString(st.TabMore.Render("‹ "))
	}
	last := t.first
	for last+1 < sectionCount && t.fits(t.first, last+1) {
		last++
	}
	for s := t.first; s <= last; s++ {
		style := st.Tab
		if s == t.active {
			style = st.ActiveTab
		}
		b.WriteString(style.Render(t.label(s)))
		b.WriteString(strings.Repeat(" ", tabGap))
	}
	if last < sectionCount-1 {
		b.WriteString(st.TabMore.Render(" ›"))
	}
	return b.String()
}

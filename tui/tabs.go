package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/tui/common"
)

// Section is one tab of the editor, in the order of PRODUCT.md §5; its name is its
// pane's title.
type Section int

// The sections, in tab order (see newPanes).
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

// Tabs is the tab bar: which section is shown, each with its alt+N number. All nine fit
// from 80 columns: where the full titles do not, the bar packs the labels closer, then
// gives the longest titles their short forms ("5 IDs", "7 Docs"), as few as the width
// needs. Below that it scrolls, keeping the active tab in sight, with ‹ and › where tabs
// are out of sight.
type Tabs struct {
	ctx    *common.Context
	titles [sectionCount]string
	shorts [sectionCount]string
	active Section
	width  int

	// The layout for the width, chosen by SetSize.
	short  [sectionCount]bool // the tab shows its short title
	tight  bool               // one space between labels rather than two
	scroll bool               // not all tabs fit: a window of them is shown
	first  Section            // the first tab drawn when scrolled
}

// NewTabs returns a tab bar on the first section, with the panes' titles.
func NewTabs(ctx *common.Context, panes [sectionCount]common.Pane) Tabs {
	t := Tabs{ctx: ctx}
	for i, p := range panes {
		t.titles[i], t.shorts[i] = p.Title(), p.ShortTitle()
	}
	return t
}

// Active is the section shown.
func (t Tabs) Active() Section { return t.active }

// SetSize tells the bar how wide it may be and picks the labels that fit.
func (t Tabs) SetSize(width int) Tabs {
	t.width = width
	t.layout()
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

// layout picks, for the width, the fullest labels with which every tab fits: the full
// titles first, wide then tight; then the short form of one title more at a time, the
// one that saves most first. When even the shortest do not fit, the bar scrolls.
func (t *Tabs) layout() {
	var order []Section // titles that have a shorter form, most saving first
	for s := range sectionCount {
		if ansi.StringWidth(t.shorts[s]) < ansi.StringWidth(t.titles[s]) {
			order = append(order, s)
		}
	}
	saving := func(s Section) int { return ansi.StringWidth(t.titles[s]) - ansi.StringWidth(t.shorts[s]) }
	for i := 1; i < len(order); i++ { // insertion sort: stable, and nine at most
		for j := i; j > 0 && saving(order[j]) > saving(order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	t.short = [sectionCount]bool{}
	t.scroll = false
	for n := 0; n <= len(order); n++ {
		if n > 0 {
			t.short[order[n-1]] = true
		}
		for _, tight := range []bool{false, true} {
			t.tight = tight
			if t.span(0, sectionCount-1) <= t.width {
				return
			}
		}
	}
	t.scroll = true
}

// title is the title tab s shows in the chosen layout.
func (t Tabs) title(s Section) string {
	if t.short[s] {
		return t.shorts[s]
	}
	return t.titles[s]
}

// label is a tab's text: its alt+N number and title. The active tab is bracketed so it
// reads without colour; the brackets take the place of spaces around it.
func (t Tabs) label(s Section) string {
	switch {
	case s == t.active:
		return fmt.Sprintf("[%d %s]", s+1, t.title(s))
	case t.tight:
		return fmt.Sprintf("%d %s", s+1, t.title(s))
	}
	return fmt.Sprintf(" %d %s ", s+1, t.title(s))
}

// span is the width of tabs first..last in a row, with the scroll marks they need.
// Wide, every label is padded to its bracketed width; tight, labels are one space apart
// and only the active one is bracketed (counted as if it were among them, so the width
// does not depend on which tab is active).
func (t Tabs) span(first, last Section) int {
	w := 0
	for s := first; s <= last; s++ {
		w += ansi.StringWidth(t.title(s)) + 2 // the number and its space
	}
	if t.tight {
		w += int(last-first) + 2 // the spaces between, and the brackets
	} else {
		w += 2 * int(last-first+1)
	}
	if first > 0 {
		w += 2 // "‹ "
	}
	if last < sectionCount-1 {
		w += 2 // " ›"
	}
	return w
}

// window returns the first tab to draw so that the active one fits: unchanged while the
// active tab is in sight, otherwise scrolled just enough.
func (t Tabs) window() Section {
	if !t.scroll {
		return 0
	}
	first := min(t.first, t.active)
	for first < t.active && t.span(first, t.active) > t.width {
		first++
	}
	return first
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
	for last+1 < sectionCount && t.span(t.first, last+1) <= t.width {
		last++
	}
	for s := t.first; s <= last; s++ {
		style := st.Tab
		if s == t.active {
			style = st.ActiveTab
		}
		if t.tight && s > t.first {
			b.WriteString(" ")
		}
		b.WriteString(style.Render(t.label(s)))
	}
	if last < sectionCount-1 {
		b.WriteString(st.TabMore.Render(" ›"))
	}
	return b.String()
}

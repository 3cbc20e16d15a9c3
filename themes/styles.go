package themes

import (
	"charm.land/bubbles/v2/help"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Styles is every style the editor draws with. Build it with New; components read it from
// the shared context at render time, so switching palettes restyles everything at once.
type Styles struct {
	Palette Palette

	// Header line.
	AppName lipgloss.Style // "idvset"
	Path    lipgloss.Style // the database path
	Rev     lipgloss.Style // "rev 12"
	Dirty   lipgloss.Style // "● 3 unsaved changes"
	Clean   lipgloss.Style // "no unsaved changes"
	Badge   lipgloss.Style // "READ-ONLY"

	// Tab bar.
	Tab       lipgloss.Style // an inactive tab
	ActiveTab lipgloss.Style // the section shown; also marked by brackets, not colour alone
	TabMore   lipgloss.Style // "‹" and "›" when tabs are scrolled out of sight
	Rule      lipgloss.Style // the line under the tab bar

	// Panes and dialogs.
	Title    lipgloss.Style // a pane or dialog title
	Label    lipgloss.Style // a field name
	Value    lipgloss.Style // a field value
	Hint     lipgloss.Style // limits, explanations, unset values
	Selected lipgloss.Style // the selected row: reverse video, visible without colour
	Marker   lipgloss.Style // "›" in front of the selected row
	Error    lipgloss.Style // a violation that refuses a save, a failure
	Warning  lipgloss.Style // a warning, a destructive consequence
	Success  lipgloss.Style // valid, saved, strong
	Key      lipgloss.Style // a key named in running text ("press d")
	Old      lipgloss.Style // the old value in a change
	New      lipgloss.Style // the new value in a change

	// Status line, by kind of message.
	StatusInfo    lipgloss.Style
	StatusSuccess lipgloss.Style
	StatusWarning lipgloss.Style
	StatusError   lipgloss.Style

	Spinner lipgloss.Style

	// Help styles the footer and the full help.
	Help help.Styles
	// Huh styles every embedded form.
	Huh *huh.Styles
}

// New builds every style from one palette. It is the only place styles get colours.
func New(p Palette) *Styles {
	base := lipgloss.NewStyle().Foreground(p.Text)
	s := &Styles{Palette: p}

	s.AppName = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Path = base
	s.Rev = lipgloss.NewStyle().Foreground(p.Muted)
	s.Dirty = lipgloss.NewStyle().Foreground(p.Warning).Bold(true)
	s.Clean = lipgloss.NewStyle().Foreground(p.Muted)
	s.Badge = lipgloss.NewStyle().Foreground(p.Warning).Bold(true).Reverse(true).Padding(0, 1)

	s.Tab = lipgloss.NewStyle().Foreground(p.Muted)
	s.ActiveTab = lipgloss.NewStyle().Foreground(p.Accent).Bold(true).Underline(true)
	s.TabMore = lipgloss.NewStyle().Foreground(p.Muted)
	s.Rule = lipgloss.NewStyle().Foreground(p.Border)

	s.Title = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Label = base.Bold(true)
	s.Value = base
	s.Hint = lipgloss.NewStyle().Foreground(p.Muted)
	s.Selected = lipgloss.NewStyle().Reverse(true)
	if p.Colour {
		// A tinted background reads better than reverse video where colour exists.
		s.Selected = lipgloss.NewStyle().Foreground(p.OnSelect).Background(p.Selection)
	}
	s.Marker = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Error = lipgloss.NewStyle().Foreground(p.Error)
	s.Warning = lipgloss.NewStyle().Foreground(p.Warning)
	s.Success = lipgloss.NewStyle().Foreground(p.Success)
	s.Key = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Old = lipgloss.NewStyle().Foreground(p.Error)
	s.New = lipgloss.NewStyle().Foreground(p.Success)

	s.StatusInfo = base
	s.StatusSuccess = lipgloss.NewStyle().Foreground(p.Success).Bold(true)
	s.StatusWarning = lipgloss.NewStyle().Foreground(p.Warning).Bold(true)
	s.StatusError = lipgloss.NewStyle().Foreground(p.Error).Bold(true)

	s.Spinner = lipgloss.NewStyle().Foreground(p.Accent)

	s.Help = help.Styles{
		Ellipsis:       lipgloss.NewStyle().Foreground(p.Muted),
		ShortKey:       lipgloss.NewStyle().Foreground(p.Accent).Bold(true),
		ShortDesc:      lipgloss.NewStyle().Foreground(p.Muted),
		ShortSeparator: lipgloss.NewStyle().Foreground(p.Border),
		FullKey:        lipgloss.NewStyle().Foreground(p.Accent).Bold(true),
		FullDesc:       base,
		FullSeparator:  lipgloss.NewStyle().Foreground(p.Border),
	}
	s.Huh = huhStyles(p, s.Help)
	return s
}

// HuhTheme returns the styles as a huh theme. huh asks for its theme at every render, so
// a form built once follows a later palette switch.
func (s *Styles) HuhTheme() huh.Theme {
	return huh.ThemeFunc(func(bool) *huh.Styles { return s.Huh })
}

// huhStyles styles the embedded forms from the palette, on top of huh's base theme
// (which supplies the layout: borders, padding, separators).
func huhStyles(p Palette, h help.Styles) *huh.Styles {
	t := huh.ThemeBase(true)
	button := lipgloss.NewStyle().Padding(0, 2).MarginRight(1)

	f := &t.Focused
	f.Base = f.Base.BorderForeground(p.Accent)
	f.Card = f.Base
	f.Title = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	f.NoteTitle = f.Title.MarginBottom(1)
	f.Description = lipgloss.NewStyle().Foreground(p.Muted)
	f.ErrorIndicator = lipgloss.NewStyle().Foreground(p.Error).SetString(" *")
	f.ErrorMessage = lipgloss.NewStyle().Foreground(p.Error)
	f.SelectSelector = lipgloss.NewStyle().Foreground(p.Accent).SetString("› ")
	f.NextIndicator = lipgloss.NewStyle().Foreground(p.Accent).MarginLeft(1).SetString("→")
	f.PrevIndicator = lipgloss.NewStyle().Foreground(p.Accent).MarginRight(1).SetString("←")
	f.Option = lipgloss.NewStyle().Foreground(p.Text)
	f.MultiSelectSelector = f.SelectSelector
	f.SelectedOption = lipgloss.NewStyle().Foreground(p.Success)
	f.SelectedPrefix = lipgloss.NewStyle().Foreground(p.Success).SetString("[x] ")
	f.UnselectedOption = f.Option
	f.UnselectedPrefix = lipgloss.NewStyle().Foreground(p.Muted).SetString("[ ] ")
	f.FocusedButton = button.Reverse(true).Bold(true)
	f.BlurredButton = button.Foreground(p.Muted)
	if p.Colour {
		f.FocusedButton = button.Foreground(p.OnSelect).Background(p.Accent).Bold(true)
		f.BlurredButton = button.Foreground(p.Text).Background(p.Selection)
	}
	f.Next = f.FocusedButton
	f.TextInput.Cursor = lipgloss.NewStyle().Foreground(p.Accent)
	f.TextInput.Placeholder = lipgloss.NewStyle().Foreground(p.Muted)
	f.TextInput.Prompt = lipgloss.NewStyle().Foreground(p.Accent)
	f.TextInput.Text = lipgloss.NewStyle().Foreground(p.Text)

	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = lipgloss.NewStyle().Foreground(p.Muted).Bold(true)
	t.Blurred.NextIndicator = lipgloss.NewStyle()
	t.Blurred.PrevIndicator = lipgloss.NewStyle()
	t.Blurred.TextInput.Prompt = lipgloss.NewStyle().Foreground(p.Muted)

	t.Group.Title = f.Title
	t.Group.Description = f.Description
	t.Help = h
	return t
}

package themes

import (
	"charm.land/bubbles/v2/help"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Styles is every style the editor draws with. Build it with New; components read it from
// the shared context at render time, so switching palettes restyles everything at once.
// Text styles are Inks (see Ink); the spinner, the help and the forms take lipgloss
// styles.
type Styles struct {
	Palette Palette

	// Header line.
	AppName Ink // "idvset"
	Path    Ink // the database path
	Rev     Ink // "rev 12"
	Dirty   Ink // "● 3 unsaved changes"
	Clean   Ink // "no unsaved changes"
	Badge   Ink // " READ-ONLY ", in reverse video

	// Tab bar.
	Tab       Ink // an inactive tab
	ActiveTab Ink // the section shown; also marked by brackets, not colour alone
	TabMore   Ink // "‹" and "›" when tabs are scrolled out of sight
	Rule      Ink // the line under the tab bar

	// Panes and dialogs.
	Title    Ink // a pane or dialog title
	Label    Ink // a field name
	Value    Ink // a field value
	Hint     Ink // limits, explanations, unset values
	Selected Ink // the selected row: reverse video, visible without colour
	Marker   Ink // "›" in front of the selected row
	Match    Ink // the characters a filter matched: underlined, so visible without colour
	Marked   Ink // a row marked for a bulk action (a "●" in front says so in words too)
	Error    Ink // a violation that refuses a save, a failure
	Warning  Ink // a warning, a destructive consequence
	Success  Ink // valid, saved, strong
	Key      Ink // a key named in running text ("press d")
	Disabled Ink // a key that does nothing right now, in the full help: dim, faint in mono
	Old      Ink // the old value in a change
	New      Ink // the new value in a change
	// QRCode draws a QR code whose light modules are blocks: white on black wherever
	// there is colour, whatever the terminal's own background; plain in mono.
	QRCode Ink

	// Status line, by kind of message.
	StatusInfo    Ink
	StatusSuccess Ink
	StatusWarning Ink
	StatusError   Ink

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

	s.AppName = inkOf(lipgloss.NewStyle().Foreground(p.Accent).Bold(true))
	s.Path = inkOf(base)
	s.Rev = inkOf(lipgloss.NewStyle().Foreground(p.Muted))
	s.Dirty = inkOf(lipgloss.NewStyle().Foreground(p.Warning).Bold(true))
	s.Clean = inkOf(lipgloss.NewStyle().Foreground(p.Muted))
	s.Badge = inkOf(lipgloss.NewStyle().Foreground(p.Warning).Bold(true).Reverse(true))

	s.Tab = inkOf(lipgloss.NewStyle().Foreground(p.Muted))
	s.ActiveTab = inkOf(lipgloss.NewStyle().Foreground(p.Accent).Bold(true).Underline(true))
	s.TabMore = inkOf(lipgloss.NewStyle().Foreground(p.Muted))
	s.Rule = inkOf(lipgloss.NewStyle().Foreground(p.Border))

	s.Title = inkOf(lipgloss.NewStyle().Foreground(p.Accent).Bold(true))
	s.Label = inkOf(base.Bold(true))
	s.Value = inkOf(base)
	s.Hint = inkOf(lipgloss.NewStyle().Foreground(p.Muted))
	s.Selected = inkOf(lipgloss.NewStyle().Reverse(true))
	if p.Colour {
		// A tinted background reads better than reverse video where colour exists.
		s.Selected = inkOf(lipgloss.NewStyle().Foreground(p.OnSelect).Background(p.Selection))
	}
	s.Marker = inkOf(lipgloss.NewStyle().Foreground(p.Accent).Bold(true))
	s.Match = inkOf(lipgloss.NewStyle().Foreground(p.Accent).Bold(true).Underline(true))
	s.Marked = inkOf(lipgloss.NewStyle().Foreground(p.Accent).Bold(true))
	s.Error = inkOf(lipgloss.NewStyle().Foreground(p.Error))
	s.Warning = inkOf(lipgloss.NewStyle().Foreground(p.Warning))
	s.Success = inkOf(lipgloss.NewStyle().Foreground(p.Success))
	s.Key = inkOf(lipgloss.NewStyle().Foreground(p.Accent).Bold(true))
	s.Disabled = inkOf(lipgloss.NewStyle().Foreground(p.Muted))
	if !p.Colour {
		// Without colour, muted is plain text: faint is the one way left to look dim.
		s.Disabled = inkOf(lipgloss.NewStyle().Faint(true))
	}
	s.Old = inkOf(lipgloss.NewStyle().Foreground(p.Error))
	s.New = inkOf(lipgloss.NewStyle().Foreground(p.Success))
	s.QRCode = inkOf(lipgloss.NewStyle())
	if p.Colour {
		// A scanner needs dark modules on a light ground, not the theme's colours.
		s.QRCode = inkOf(lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#000000")))
	}

	s.StatusInfo = inkOf(base)
	s.StatusSuccess = inkOf(lipgloss.NewStyle().Foreground(p.Success).Bold(true))
	s.StatusWarning = inkOf(lipgloss.NewStyle().Foreground(p.Warning).Bold(true))
	s.StatusError = inkOf(lipgloss.NewStyle().Foreground(p.Error).Bold(true))

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

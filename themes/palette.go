package themes

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
)

// Palette is a set of semantic colours: what a colour means, never where it is used.
// Styles builds every style of the editor from one Palette.
type Palette struct {
	// Name is what --theme accepts: "dark", "light", "high-contrast" or "mono".
	Name string
	// Colour says whether the palette uses colour at all; mono does not.
	Colour bool

	Text      color.Color // ordinary text
	Muted     color.Color // hints, limits, unset values, inactive tabs
	Accent    color.Color // titles, the active tab, keys in the help
	Error     color.Color // violations that refuse a save, failures
	Warning   color.Color // warnings, unsaved changes, destructive notes
	Success   color.Color // saved, valid, strong
	Border    color.Color // rules and frames
	Selection color.Color // background of the selected row and the active tab
	OnSelect  color.Color // text on Selection
}

// The theme names --theme accepts. Auto starts dark and follows the terminal's background.
const (
	NameDark         = "dark"
	NameLight        = "light"
	NameHighContrast = "high-contrast"
	NameMono         = "mono"
	NameAuto         = "auto"
)

// Names lists every name --theme accepts, for usage messages.
func Names() []string {
	return []string{NameDark, NameLight, NameHighContrast, NameMono, NameAuto}
}

// Dark is the default palette, for terminals with a dark background.
func Dark() Palette {
	return Palette{
		Name:      NameDark,
		Colour:    true,
		Text:      lipgloss.Color("#DDDDDD"),
		Muted:     lipgloss.Color("#8A8A8A"),
		Accent:    lipgloss.Color("#7AA2F7"),
		Error:     lipgloss.Color("#F7768E"),
		Warning:   lipgloss.Color("#E0AF68"),
		Success:   lipgloss.Color("#9ECE6A"),
		Border:    lipgloss.Color("#4A4F63"),
		Selection: lipgloss.Color("#3B4261"),
		OnSelect:  lipgloss.Color("#FFFFFF"),
	}
}

// Light is the palette for terminals with a light background.
func Light() Palette {
	return Palette{
		Name:      NameLight,
		Colour:    true,
		Text:      lipgloss.Color("#24292F"),
		Muted:     lipgloss.Color("#6E7781"),
		Accent:    lipgloss.Color("#0550AE"),
		Error:     lipgloss.Color("#CF222E"),
		Warning:   lipgloss.Color("#9A6700"),
		Success:   lipgloss.Color("#1A7F37"),
		Border:    lipgloss.Color("#AFB8C1"),
		Selection: lipgloss.Color("#DDF4FF"),
		OnSelect:  lipgloss.Color("#0A3069"),
	}
}

// HighContrast uses the bright ANSI colours only, which every terminal renders at full
// strength and which follow the user's own terminal colour scheme.
func HighContrast() Palette {
	return Palette{
		Name:      NameHighContrast,
		Colour:    true,
		Text:      lipgloss.BrightWhite,
		Muted:     lipgloss.White,
		Accent:    lipgloss.BrightCyan,
		Error:     lipgloss.BrightRed,
		Warning:   lipgloss.BrightYellow,
		Success:   lipgloss.BrightGreen,
		Border:    lipgloss.BrightWhite,
		Selection: lipgloss.BrightWhite,
		OnSelect:  lipgloss.Black,
	}
}

// Mono uses no colour at all: meaning is carried by bold, underline, reverse video and
// words. It is what NO_COLOR selects.
func Mono() Palette {
	none := lipgloss.NoColor{}
	return Palette{
		Name: NameMono,
		Text: none, Muted: none, Accent: none, Error: none, Warning: none,
		Success: none, Border: none, Selection: none, OnSelect: none,
	}
}

// Choice is the outcome of Resolve: the palette to start with and whether to follow the
// terminal's background colour once it is known.
type Choice struct {
	Palette Palette
	Auto    bool
}

// Resolve picks the palette for a --theme value ("" means auto). noColor is the value of
// the NO_COLOR environment variable: any non-empty value means mono, whatever the theme
// (no-color.org), because the user asked for no colour everywhere.
func Resolve(name, noColor string) (Choice, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		name = NameAuto
	}
	if !slices.Contains(Names(), name) {
		return Choice{}, fmt.Errorf("unknown theme %q (want %s)", name, strings.Join(Names(), ", "))
	}
	if noColor != "" {
		return Choice{Palette: Mono()}, nil
	}
	switch name {
	case NameLight:
		return Choice{Palette: Light()}, nil
	case NameHighContrast:
		return Choice{Palette: HighContrast()}, nil
	case NameMono:
		return Choice{Palette: Mono()}, nil
	case NameAuto:
		// Dark until the terminal answers: asking first would delay the first frame.
		return Choice{Palette: Dark(), Auto: true}, nil
	}
	return Choice{Palette: Dark()}, nil
}

package tui

import (
	"io"
	"os"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"idvset/themes"
)

// Run runs the editor on the terminal until the user quits. NO_COLOR and the home
// directory come from the environment unless opt sets them.
func Run(store Store, opt Options) error {
	return RunOpening(store.Path(), func() (Store, error) { return store, nil }, opt)
}

// RunOpening runs the editor on the store that open returns, opening it (and reading
// it) while Bubble Tea sets the terminal up and waits for its first frame tick, on the
// other core: the first frame drawn is the editor, and the open costs no time before
// it. path is the store's, for the header. When open fails, the editor shows why until
// the user quits, and RunOpening returns an *OpenError. It returns only once open has
// returned, so the caller may close the store open gave.
func RunOpening(path string, open func() (Store, error), opt Options) error {
	if opt.NoColor == "" {
		opt.NoColor = os.Getenv("NO_COLOR")
	}
	if opt.Home == "" {
		opt.Home, _ = os.UserHomeDir()
	}
	// A mistyped theme is refused before the terminal or the store is touched.
	if _, err := themes.Resolve(opt.Theme, opt.NoColor); err != nil {
		return err
	}
	done := make(chan error, 1)
	b := startBoot(path, open, opt, done)
	// 120 fps: measured, it halves the time from a key press to the screen compared
	// with the default 60.
	_, err := tea.NewProgram(b, tea.WithFPS(120), tea.WithColorProfile(colorProfile(os.Stdout, os.Environ()))).Run()
	openErr := <-done // the open is over: the caller may close the store
	switch {
	case err != nil:
		return err
	case openErr != nil:
		return &OpenError{Err: openErr}
	}
	return b.err
}

// colorProfile is the colour profile Bubble Tea would detect, without asking tmux:
// inside tmux, colorprofile runs `tmux info` to learn whether tmux passes true colour
// through, a fork and exec of 3–4 ms before the first frame (measured in an attached
// tmux). The palettes are 256 colours, so what TERM and terminfo say is enough: in tmux
// that is 256 colours.
func colorProfile(out io.Writer, environ []string) colorprofile.Profile {
	environ = slices.DeleteFunc(slices.Clone(environ), func(kv string) bool { return strings.HasPrefix(kv, "TMUX=") })
	return colorprofile.Detect(out, environ)
}

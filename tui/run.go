package tui

import (
	"io"
	"os"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run runs the editor on the terminal until the user quits. NO_COLOR and the home
// directory come from the environment unless opt sets them.
func Run(store Store, opt Options) error {
	if opt.NoColor == "" {
		opt.NoColor = os.Getenv("NO_COLOR")
	}
	if opt.Home == "" {
		opt.Home, _ = os.UserHomeDir()
	}
	m, err := build(store, opt)
	if err != nil {
		return err
	}
	m.readInBackground(store)
	// 120 fps: measured, it halves the time from a key press to the screen compared
	// with the default 60.
	_, err = tea.NewProgram(m, tea.WithFPS(120), tea.WithColorProfile(colorProfile(os.Stdout, os.Environ()))).Run()
	return err
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

// readInBackground reads the store (as New reads it) while Bubble Tea sets the terminal
// up and waits for its first frame tick, on the other core: the first frame drawn is the
// editor, without the two waits adding up. Until the read is done nothing is drawn, so
// no loading screen comes first; Init's command delivers the result.
func (m *Model) readInBackground(store Store) {
	read := make(chan tea.Msg, 1)
	go func() { read <- load(store) }()
	m.reading = true
	m.start = func() tea.Msg { return <-read }
}

package tui

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// TestColorProfileDoesNotAskTmux: inside tmux the editor's start does not run `tmux
// info` (a fork and exec before the first frame), and still finds what TERM, COLORTERM
// and NO_COLOR say. TTY_FORCE makes colorprofile take the test's output for a terminal.
func TestColorProfileDoesNotAskTmux(t *testing.T) {
	dir := t.TempDir()
	ran := filepath.Join(dir, "tmux-ran")
	script := "#!/bin/sh\ntouch " + ran + "\necho 'Tc: [present] true'\n"
	if err := os.WriteFile(filepath.Join(dir, "tmux"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir) // colorprofile runs tmux with the process's own environment
	base := []string{"TMUX=/tmp/tmux-0/default,1,0", "TTY_FORCE=1"}
	for _, c := range []struct {
		env  []string
		want colorprofile.Profile
	}{
		{[]string{"TERM=tmux-256color"}, colorprofile.ANSI256},
		{[]string{"TERM=xterm-256color", "COLORTERM=truecolor"}, colorprofile.TrueColor},
		{[]string{"TERM=tmux-256color", "NO_COLOR=1"}, colorprofile.ASCII},
	} {
		if got := colorProfile(io.Discard, append(base, c.env...)); got != c.want {
			t.Errorf("%q: profile %v, want %v", c.env, got, c.want)
		}
	}
	if _, err := os.Stat(ran); err == nil {
		t.Error("tmux was run to detect the colour profile")
	}
}

// Package termbytes counts the bytes Bubble Tea's renderer writes to go from one frame
// to the next, for tests: what a keystroke costs over SSH, without a terminal or a
// clock. It drives the renderer Bubble Tea v2 itself uses (ultraviolet's
// TerminalRenderer, full screen, 256 colours), as its cursed renderer sets it up.
package termbytes

import (
	"bytes"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
)

// Frames returns, for each frame after the first, the bytes written to turn the
// screen showing the frame before into it, on a width×height screen.
func Frames(width, height int, frames ...string) []int {
	var out bytes.Buffer
	scr := uv.NewTerminalRenderer(&out, []string{"TERM=xterm-256color"})
	scr.SetColorProfile(colorprofile.ANSI256)
	scr.SetFullscreen(true)
	scr.SetRelativeCursor(false)
	scr.SetTabStops(-1)
	scr.SetScrollOptim(true)
	scr.Resize(width, height)
	scr.Erase()
	buf := uv.NewScreenBuffer(width, height)
	var sizes []int
	for i, f := range frames {
		buf.Clear()
		uv.NewStyledString(f).Draw(buf, buf.Bounds())
		scr.Render(buf.RenderBuffer)
		_ = scr.Flush()
		if i > 0 {
			sizes = append(sizes, out.Len())
		}
		out.Reset()
	}
	return sizes
}

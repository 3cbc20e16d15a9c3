// Command ptyfloor is the floor of the stack in the pseudo-terminal benchmarks
// (ptybench_test.go): the smallest Bubble Tea v2 program shaped like an idvset pane, run
// with the editor's program options (alternate screen, 120 fps). What idvset costs above
// it is ours to explain; what it costs itself is Bubble Tea's, the terminal's and Go's.
//
// It shows 250 rows with a cursor and takes the keys of the Accepted IDs pane, so one
// list of steps drives both: up/down move, / filters (enter keeps the filter, esc clears it), *
// marks every row shown, - unmarks them all, i toggles a column on the marked rows, q or ctrl+c quits.
package main

import (
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
)

type row struct {
	name   string
	marked bool
	on     bool // the column i toggles
}

type floor struct {
	rows          []row
	shown         []int // indexes of the rows the filter keeps
	cursor        int   // index into shown
	filter        string
	filtering     bool
	width, height int
}

func newFloor() *floor {
	f := &floor{}
	for i := range 250 {
		name := fmt.Sprintf("Country %03d", i)
		if i == 80 {
			name = "Germany" // what the benchmark's filter looks for
		}
		f.rows = append(f.rows, row{name: name})
	}
	f.refilter()
	return f
}

func (f *floor) refilter() {
	f.shown = f.shown[:0]
	for i, r := range f.rows {
		if strings.Contains(strings.ToLower(r.name), f.filter) {
			f.shown = append(f.shown, i)
		}
	}
	f.cursor = min(f.cursor, max(len(f.shown)-1, 0))
}

func (f *floor) Init() tea.Cmd { return nil }

func (f *floor) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		k := msg.String()
		if f.filtering {
			switch k {
			case "enter":
				f.filtering = false
			case "esc":
				f.filtering, f.filter = false, ""
				f.refilter()
			case "backspace":
				if f.filter != "" {
					f.filter = f.filter[:len(f.filter)-1]
					f.refilter()
				}
			default:
				if msg.Text != "" {
					f.filter += strings.ToLower(msg.Text)
					f.refilter()
				}
			}
			return f, nil
		}
		switch k {
		case "q", "ctrl+c":
			return f, tea.Quit
		case "down", "j":
			f.cursor = min(f.cursor+1, max(len(f.shown)-1, 0))
		case "up", "k":
			f.cursor = max(f.cursor-1, 0)
		case "/":
			f.filtering = true
		case "esc":
			f.filter = ""
			f.refilter()
		case "*":
			for _, i := range f.shown {
				f.rows[i].marked = true
			}
		case "-":
			for i := range f.rows {
				f.rows[i].marked = false
			}
		case "i":
			for i := range f.rows {
				if f.rows[i].marked {
					f.rows[i].on = !f.rows[i].on
				}
			}
		}
	}
	return f, nil
}

func (f *floor) View() tea.View {
	var b strings.Builder
	marked := 0
	for _, r := range f.rows {
		if r.marked {
			marked++
		}
	}
	fmt.Fprintf(&b, "floor ready · %d rows · %d marked\n", len(f.shown), marked)
	if f.filtering || f.filter != "" {
		fmt.Fprintf(&b, "filter: %s\n", f.filter)
	} else {
		b.WriteString("\n")
	}
	visible := max(f.height-3, 1)
	top := max(0, min(f.cursor-visible/2, len(f.shown)-visible))
	for n, i := range f.shown[top:min(len(f.shown), top+visible)] {
		r := f.rows[i]
		cur, mark, on := "  ", "[ ]", "off"
		if top+n == f.cursor {
			cur = "> "
		}
		if r.marked {
			mark = "[x]"
		}
		if r.on {
			on = "on "
		}
		fmt.Fprintf(&b, "%s%s %s  ID_CARD %s\n", cur, mark, r.name, on)
	}
	b.WriteString("↑↓ move · / filter · * mark all · i toggle · q quit")
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}

func main() {
	// The editor's program options (tui.Run): 120 fps.
	if _, err := tea.NewProgram(newFloor(), tea.WithFPS(120)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

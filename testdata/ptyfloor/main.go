// Command ptyfloor is the floor of the stack in the pseudo-terminal benchmarks
// (ptybench_test.go): the smallest Bubble Tea v2 program shaped like an idvset pane, run
// with the editor's program options (alternate screen, 120 fps). What idvset costs above
// it is ours to explain; what it costs itself is Bubble Tea's, the terminal's and Go's.
//
// It shows the 250 countries the editor's Accepted IDs pane shows (countries.tsv: alpha-3,
// name, region, as model.Countries gives them; TestFloorCountries keeps them equal), with
// a cursor, and filters them as the pane does (the typed letters in order, anywhere in
// the code, the name or the region), so that a filter keystroke changes the same rows on
// both screens. It takes the keys of the Accepted IDs pane, so one list of steps drives
// both: up/down move, / filters (enter keeps the filter, esc clears it), *
// marks every row shown, - unmarks them all, i toggles a column on the marked rows, q or ctrl+c quits.
package main

import (
	_ "embed"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// countries is the editor's country list: alpha-3, name and region, tab-separated.
//
//go:embed countries.tsv
var countries string

type row struct {
	name   string // "DEU  Germany  Europe", as the pane's first columns
	key    string // what the filter matches: the same, in lower case
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
	for _, line := range strings.Split(strings.TrimSpace(countries), "\n") {
		c := strings.Split(line, "\t")
		name := fmt.Sprintf("%s  %-20.20s %-8s", c[0], c[1], c[2])
		f.rows = append(f.rows, row{name: name, key: strings.ToLower(line)})
	}
	f.refilter()
	return f
}

func (f *floor) refilter() {
	f.shown = f.shown[:0]
	for i, r := range f.rows {
		if subsequence(r.key, f.filter) {
			f.shown = append(f.shown, i)
		}
	}
	f.cursor = min(f.cursor, max(len(f.shown)-1, 0))
}

// subsequence reports whether the letters of filter appear in s in order, as the
// pane's fuzzy filter keeps a row.
func subsequence(s, filter string) bool {
	for _, r := range filter {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+len(string(r)):]
	}
	return true
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

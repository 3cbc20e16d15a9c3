// Package pathinput is a one-line field for a file's path with tab completion, as a
// shell completes: tab fills in the rest of the one name that fits, or as much as all
// the names that fit share, and lists them under the field; "~" is the home directory.
// It is how the Branding pane takes an image file.
//
// Why not huh's FilePicker: an admin over SSH usually knows where the file is (they just
// copied it there), and typing "~/br<tab>lo<tab>" reaches it in a few keys at any depth,
// where a picker walks one directory a screen at a time, cannot take a pasted path, and
// redraws a list on every move over a slow link. huh's FilePicker also reads the directory
// while it is built, in Update; here every directory is read in a tea.Cmd.
//
// Use it as a huh form or the picker: embed a Model, route messages to it while it is
// shown (its completion results come back as messages), and look at its State after
// each update. While shown it takes every printable key and tab: the pane's Capturing
// must say so. It knows nothing of the settings, nor of what the file is for: the pane
// reads the file when the state is StateSubmitted.
package pathinput

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"idvset/themes"
	"idvset/tui/components/internal/cells"
	"idvset/tui/components/internal/filterinput"
)

// State is where the field stands.
type State int

// The states of a field.
const (
	// StateEditing: the user is typing.
	StateEditing State = iota
	// StateSubmitted: the user pressed enter on a path; Path returns it.
	StateSubmitted
	// StateCancelled: the user pressed esc.
	StateCancelled
)

// KeyMap is the field's bindings besides typing.
type KeyMap struct {
	// Complete completes the name under the cursor (tab).
	Complete key.Binding
	// Submit takes the path (enter).
	Submit key.Binding
	// Cancel leaves without a path (esc).
	Cancel key.Binding
}

// DefaultKeyMap returns tab, enter and esc.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		Submit:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "use this file")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp is what the footer shows.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Complete, k.Submit, k.Cancel} }

// FullHelp is every binding, in one column.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// HelpReasons says why each key of FullHelp does nothing right now ("" for one that
// works), for the full help.
func (m Model) HelpReasons() [][]string {
	why := ""
	if !m.KeyMap.Submit.Enabled() {
		why = "type a path first"
	}
	return [][]string{{"", why, ""}}
}

// Limits that bound the work of one completion, whatever the directory holds.
const (
	// MaxEntries is the most directory entries one completion reads.
	MaxEntries = 5000
	// maxChecked is the most symbolic links followed to tell directories from files.
	maxChecked = 200
)

// Styles is how the field draws.
type Styles struct {
	Input textinput.Styles
	// Dir and File are the names listed under the field; Note is what completion says
	// when nothing fits.
	Dir, File, Note themes.Ink

	from *themes.Styles
}

// NewStyles builds the field's styles from the editor's.
func NewStyles(st *themes.Styles) Styles {
	return Styles{Input: filterinput.Styles(st), Dir: st.Label, File: st.Value, Note: st.Hint, from: st}
}

// Model is the path field. Build it with New.
type Model struct {
	// KeyMap is the field's bindings.
	KeyMap KeyMap

	input      textinput.Model
	home       string
	state      State
	candidates []string // the names that fit the last ambiguous tab
	more       int      // names that fit but are not listed
	note       string   // what the last tab found when nothing fit
	asked      int      // the number of the last completion asked for
	width      int
	height     int
	styles     Styles
}

// Prompt is written before the path.
const Prompt = "› "

// New returns an empty field with focus. home is what "~" stands for ("" leaves "~"
// as it is).
func New(st Styles, home string) Model {
	in := textinput.New()
	in.Prompt = Prompt
	in.Placeholder = "~/path/to/file (tab completes)"
	in.CharLimit = 4096 // PATH_MAX: no path is longer
	in.KeyMap.AcceptSuggestion.SetKeys()
	in.KeyMap.NextSuggestion.SetKeys()
	in.KeyMap.PrevSuggestion.SetKeys()
	in.SetStyles(st.Input)
	in.Focus()
	m := Model{KeyMap: DefaultKeyMap(), input: in, home: home, styles: st, height: 1}
	m.updateKeys()
	return m
}

// UseTheme restyles the field from the editor's styles when they are not the ones it was
// built from; cheap when nothing changed.
func (m *Model) UseTheme(st *themes.Styles) {
	if st != nil && st != m.styles.from {
		m.styles = NewStyles(st)
		m.input.SetStyles(m.styles.Input)
	}
}

// SetValue puts text in the field, the cursor at its end.
func (m *Model) SetValue(s string) {
	m.input.SetValue(s)
	m.input.CursorEnd()
	m.candidates, m.more, m.note = nil, 0, ""
	m.updateKeys()
}

// Value is the text as typed.
func (m Model) Value() string { return m.input.Value() }

// Path is the text as a path: "~" expanded, surrounding spaces dropped.
func (m Model) Path() string { return expand(strings.TrimSpace(m.input.Value()), m.home) }

// State says whether the user is typing, submitted or cancelled.
func (m Model) State() State { return m.state }

// Reset makes a submitted or cancelled field usable again, keeping its text: after a
// file was refused, the user corrects the path.
func (m *Model) Reset() {
	m.state = StateEditing
	m.input.Focus()
}

// SetSize gives the field its box: the field's line, then the names completion lists.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 1)
}

// Update handles keys, pastes and completion results while the state is StateEditing.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.state != StateEditing {
		return m, nil
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case completedMsg:
		m.completed(msg)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.KeyMap.Complete):
			m.asked++
			cmd = completeCmd(m.asked, m.input.Value(), m.home)
		case key.Matches(msg, m.KeyMap.Submit):
			if m.KeyMap.Submit.Enabled() {
				m.state = StateSubmitted
				m.input.Blur()
			}
		case key.Matches(msg, m.KeyMap.Cancel):
			m.state = StateCancelled
			m.input.Blur()
		default:
			before := m.input.Value()
			m.input, cmd = m.input.Update(msg)
			if m.input.Value() != before {
				m.candidates, m.more, m.note = nil, 0, ""
			}
		}
	case tea.PasteMsg:
		m.input, cmd = m.input.Update(msg)
		m.candidates, m.more, m.note = nil, 0, ""
	}
	m.updateKeys()
	return m, cmd
}

func (m *Model) updateKeys() {
	m.KeyMap.Submit.SetEnabled(strings.TrimSpace(m.input.Value()) != "")
}

// completed applies a completion's result, unless the text changed since it was asked
// for (the user typed on, or asked again): then it is about another path.
func (m *Model) completed(msg completedMsg) {
	if msg.id != m.asked || msg.value != m.input.Value() {
		return
	}
	m.candidates, m.more, m.note = nil, 0, ""
	switch {
	case msg.note != "":
		m.note = msg.note
	case len(msg.names) == 1:
		m.SetValue(msg.typedDir + msg.names[0])
	default:
		if common := commonPrefix(msg.names); len(common) > len(msg.base) {
			m.SetValue(msg.typedDir + common)
		}
		m.candidates, m.more = msg.names, msg.more
	}
}

// View draws the field and, under it, the names the last tab found (as many as the box
// holds, in columns) or what it found instead.
func (m Model) View() string {
	if m.width < 1 {
		return ""
	}
	m.input.SetWidth(max(m.width-len(Prompt)-1, 1))
	line := m.input.View()
	if cells.StyledWidth(line) > m.width {
		line = cells.CutStyled(line, m.width)
	}
	lines := []string{line}
	room := m.height - 1
	switch {
	case room < 1:
	case m.note != "":
		lines = append(lines, cells.From(m.styles.Note).Render(cells.Line(cells.Sanitize(m.note), m.width)))
	case len(m.candidates) > 0:
		lines = append(lines, m.columns(room)...)
	}
	return strings.Join(lines, "\n")
}

// columns lays the candidates out in columns, across then down, in rows lines at most;
// the last line says how many are not shown.
func (m Model) columns(rows int) []string {
	names := make([]string, len(m.candidates))
	colW := 0
	for i, n := range m.candidates {
		names[i] = cells.Sanitize(n)
		colW = max(colW, cells.Width(names[i]))
	}
	colW = min(colW+2, max(m.width, 1))
	perRow := max(m.width/colW, 1)
	hidden := m.more
	need := (len(names) + perRow - 1) / perRow
	if need > rows || hidden > 0 {
		keep := max((rows-1)*perRow, 0)
		hidden += len(names) - min(keep, len(names))
		names = names[:min(keep, len(names))]
	}
	dir, file := cells.From(m.styles.Dir), cells.From(m.styles.File)
	var out []string
	for i := 0; i < len(names); i += perRow {
		var b strings.Builder
		for j, n := range names[i:min(i+perRow, len(names))] {
			if j > 0 {
				cells.Pad(&b, colW-cells.Width(names[i+j-1]))
			}
			ink := file
			if strings.HasSuffix(n, "/") {
				ink = dir
			}
			b.WriteString(ink.Render(cells.Line(n, colW)))
		}
		out = append(out, b.String())
	}
	if hidden > 0 {
		out = append(out, cells.From(m.styles.Note).Render(cells.Line(
			"… and "+strconv.Itoa(hidden)+" more: type more of the name", m.width)))
	}
	return out
}

// completedMsg is what a completion found: the names that fit in the directory of
// value, directories ending in "/", or a note saying why none.
type completedMsg struct {
	id       int
	value    string // the text the completion is for
	typedDir string // the directory part of value, as typed ("~/brand/")
	base     string // the name being completed ("lo")
	names    []string
	more     int
	note     string
}

// completeCmd lists, in a command, the names in value's directory that start with the
// last part of value.
func completeCmd(id int, value, home string) tea.Cmd {
	return func() tea.Msg {
		msg := completedMsg{id: id, value: value}
		cut := strings.LastIndexByte(value, '/') + 1
		msg.typedDir, msg.base = value[:cut], value[cut:]
		if value == "~" && home != "" {
			// "~" alone completes to the home directory itself.
			msg.names = []string{"~/"}
			msg.typedDir = ""
			return msg
		}
		dir := expand(msg.typedDir, home)
		if dir == "" {
			dir = "."
		}
		shown := msg.typedDir
		if shown == "" {
			shown = "the current directory"
		}
		msg.names, msg.more, msg.note = match(dir, shown, msg.base)
		return msg
	}
}

// match lists the entries of dir whose names start with base (hidden ones only when
// base starts with "."), case-insensitively when nothing matches exactly. It reads at
// most MaxEntries entries. shown is dir as the user wrote it, for the note.
func match(dir, shown, base string) (names []string, more int, note string) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, 0, "cannot list " + shown + ": " + reason(err)
	}
	defer f.Close()
	entries, err := f.ReadDir(MaxEntries)
	if err != nil && !errors.Is(err, io.EOF) && len(entries) == 0 {
		return nil, 0, "cannot list " + shown + ": " + reason(err)
	}
	pick := func(fold bool) []fs.DirEntry {
		var out []fs.DirEntry
		for _, e := range entries {
			n := e.Name()
			if strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") {
				continue
			}
			if strings.HasPrefix(n, base) || fold && strings.HasPrefix(strings.ToLower(n), strings.ToLower(base)) {
				out = append(out, e)
			}
		}
		return out
	}
	found := pick(false)
	if len(found) == 0 {
		found = pick(true)
	}
	if len(found) == 0 {
		if base == "" {
			return nil, 0, "nothing in " + shown
		}
		return nil, 0, "no name starts with " + strconv.Quote(base) + " in " + shown
	}
	checked := 0
	for _, e := range found {
		n := e.Name()
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 && checked < maxChecked {
			checked++
			if fi, err := os.Stat(filepath.Join(dir, n)); err == nil && fi.IsDir() {
				isDir = true
			}
		}
		if isDir {
			n += "/"
		}
		names = append(names, n)
	}
	slices.Sort(names)
	const listed = 500 // more than any screen shows
	if len(names) > listed {
		more = len(names) - listed
		names = names[:listed]
	}
	return names, more, ""
}

func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// expand replaces a leading "~" with home.
func expand(p, home string) string {
	if home == "" {
		return p
	}
	if p == "~" {
		return home
	}
	if strings.HasPrefix(p, "~/") {
		return filepath.Join(home, p[2:]) + trailingSlash(p)
	}
	return p
}

func trailingSlash(p string) string {
	if strings.HasSuffix(p, "/") && len(p) > 2 {
		return "/"
	}
	return ""
}

// commonPrefix is the longest prefix all names share.
func commonPrefix(names []string) string {
	if len(names) == 0 {
		return ""
	}
	p := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, p) {
			p = p[:len(p)-1]
		}
	}
	// Never a part of a UTF-8 sequence.
	for !utf8.ValidString(p) {
		p = p[:len(p)-1]
	}
	return p
}

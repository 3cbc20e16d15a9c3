package pathinput

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/themes"
	"idvset/tui/components/internal/uitest"
)

// tree makes a directory with a few files, a directory, a hidden file and a link to a
// directory.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"logo.png", "logo-dark.png", "notes.txt", ".hidden.png", "Readme.md"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "logos"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "logos"), filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func newField(home string) Model {
	m := New(NewStyles(themes.New(themes.Mono())), home)
	m.SetSize(60, 5)
	return m
}

// press sends keys and runs the commands they return to completion, feeding their
// messages back, as the runtime would.
func press(t *testing.T, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = run(m, uitest.Press(k))
	}
	return m
}

func run(m Model, msg tea.Msg) Model {
	m, cmd := m.Update(msg)
	for cmd != nil {
		next := cmd()
		if _, ok := next.(completedMsg); !ok {
			return m // the cursor's own messages: not ours
		}
		m, cmd = m.Update(next)
	}
	return m
}

func typeText(m Model, s string) Model {
	for _, k := range uitest.Type(s) {
		m, _ = m.Update(k)
	}
	return m
}

func screen(m Model) string { return ansi.Strip(m.View()) }

func TestCompletes(t *testing.T) {
	dir := tree(t)
	tests := []struct {
		typed, want string
		listed      []string
	}{
		{dir + "/n", dir + "/notes.txt", nil},                                                       // the one name that fits
		{dir + "/logo", dir + "/logo", []string{"logo-dark.png", "logo.png", "logos/"}},             // ambiguous: listed
		{dir + "/logo.", dir + "/logo.png", nil},                                                    // narrowed down
		{dir + "/logos", dir + "/logos/", nil},                                                      // a directory gets its slash
		{dir + "/li", dir + "/linked/", nil},                                                        // so does a link to one
		{dir + "/read", dir + "/Readme.md", nil},                                                    // case only when nothing else fits
		{dir + "/.h", dir + "/.hidden.png", nil},                                                    // hidden names when asked for
		{dir + "/", dir + "/", []string{"Readme.md", "linked/", "logo.png", "logos/", "notes.txt"}}, // and not otherwise
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.typed, dir), func(t *testing.T) {
			m := newField("")
			m.SetSize(120, 6)
			m = press(t, typeText(m, tt.typed), "tab")
			if m.Value() != tt.want {
				t.Fatalf("tab on %q gave %q, want %q", tt.typed, m.Value(), tt.want)
			}
			s := screen(m)
			for _, l := range tt.listed {
				if !strings.Contains(s, l) {
					t.Fatalf("the list lacks %q:\n%s", l, s)
				}
			}
			if tt.listed == nil && strings.Count(s, "\n") > 0 {
				t.Fatalf("a list with one name or none:\n%s", s)
			}
			if strings.Contains(s, ".hidden") && !strings.HasPrefix(strings.TrimPrefix(tt.typed, dir+"/"), ".") {
				t.Fatalf("a hidden name is listed:\n%s", s)
			}
		})
	}
}

func TestHomeAndNotes(t *testing.T) {
	dir := tree(t)
	m := press(t, typeText(newField(dir), "~/no"), "tab")
	if m.Value() != "~/notes.txt" || m.Path() != filepath.Join(dir, "notes.txt") {
		t.Fatalf("value %q, path %q", m.Value(), m.Path())
	}
	m = press(t, typeText(newField(dir), "~"), "tab")
	if m.Value() != "~/" {
		t.Fatalf("~ completes to %q", m.Value())
	}
	m = press(t, typeText(newField(dir), "~/zz"), "tab")
	if !strings.Contains(screen(m), `no name starts with "zz" in ~/`) {
		t.Fatalf("no note when nothing fits:\n%s", screen(m))
	}
	m = press(t, typeText(newField(dir), "~/nowhere/x"), "tab")
	if !strings.Contains(screen(m), "cannot list") || !strings.Contains(screen(m), "no such file or directory") {
		t.Fatalf("no note for a missing directory:\n%s", screen(m))
	}
	// A change of the text clears the note.
	m = typeText(m, "y")
	if strings.Contains(screen(m), "cannot list") {
		t.Fatalf("the note outlived the text it was about:\n%s", screen(m))
	}
}

// A completion that comes back after the user typed on is about another text: dropped.
func TestStaleCompletionDropped(t *testing.T) {
	dir := tree(t)
	m := typeText(newField(""), dir+"/n")
	m, cmd := m.Update(uitest.Press("tab"))
	m = typeText(m, "o")
	m, _ = m.Update(cmd())
	if m.Value() != dir+"/no" {
		t.Fatalf("a stale completion changed the text to %q", m.Value())
	}
}

func TestSubmitAndCancel(t *testing.T) {
	m := newField("/home/admin")
	m = press(t, m, "enter")
	if m.State() != StateEditing || m.KeyMap.Submit.Enabled() {
		t.Fatal("enter on an empty field submitted it")
	}
	if m.HelpReasons()[0][1] == "" {
		t.Fatal("no reason for enter being off")
	}
	m = press(t, typeText(m, " ~/logo.png "), "enter")
	if m.State() != StateSubmitted || m.Path() != "/home/admin/logo.png" {
		t.Fatalf("state %v, path %q", m.State(), m.Path())
	}
	m = press(t, m, "x") // ignored once submitted
	m.Reset()
	m = press(t, typeText(m, "x"), "esc")
	if m.State() != StateCancelled || m.Value() != " ~/logo.png x" {
		t.Fatalf("state %v, value %q", m.State(), m.Value())
	}
}

// Many names: as many as fit, then how many more.
func TestManyNames(t *testing.T) {
	dir := t.TempDir()
	for i := range 700 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("img%03d.png", i)), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m := newField("")
	m.SetSize(80, 4)
	m = press(t, typeText(m, dir+"/i"), "tab")
	if m.Value() != dir+"/img" {
		t.Fatalf("value %q", m.Value())
	}
	s := screen(m)
	if !strings.Contains(s, "… and 688 more: type more of the name") {
		t.Fatalf("no count of the names not shown:\n%s", s)
	}
	uitest.CheckBox(t, "many", m.View(), 80, 4)
}

func TestEverySize(t *testing.T) {
	dir := tree(t)
	m := press(t, typeText(newField(""), dir+"/"), "tab")
	for w := 0; w <= 90; w++ {
		for h := 0; h <= 8; h++ {
			m.SetSize(w, h)
			uitest.CheckBox(t, fmt.Sprintf("%dx%d", w, h), m.View(), w, max(h, 1))
		}
	}
}

func TestCommonPrefix(t *testing.T) {
	for _, tt := range []struct {
		names []string
		want  string
	}{
		{[]string{"logo.png", "logo-dark.png"}, "logo"},
		{[]string{"café.png", "cafè.png"}, "caf"},
		{[]string{"a"}, "a"},
		{nil, ""},
	} {
		if got := commonPrefix(tt.names); got != tt.want {
			t.Errorf("commonPrefix(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}

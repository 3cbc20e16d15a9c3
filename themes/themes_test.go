package themes

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name, theme, noColor string
		want                 string
		auto                 bool
		err                  string
	}{
		{name: "default is auto, starting dark", theme: "", want: NameDark, auto: true},
		{name: "auto", theme: "auto", want: NameDark, auto: true},
		{name: "dark", theme: "dark", want: NameDark},
		{name: "light", theme: "light", want: NameLight},
		{name: "case and spaces", theme: " Light ", want: NameLight},
		{name: "high contrast", theme: "high-contrast", want: NameHighContrast},
		{name: "mono", theme: "mono", want: NameMono},
		{name: "NO_COLOR=1 wins over auto", theme: "", noColor: "1", want: NameMono},
		{name: "NO_COLOR=yes counts too", theme: "dark", noColor: "yes", want: NameMono},
		{name: "NO_COLOR with any value", theme: "high-contrast", noColor: "0", want: NameMono},
		{name: "unknown theme", theme: "solarized",
			err: `unknown theme "solarized" (want dark, light, high-contrast, mono, auto)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Resolve(tt.theme, tt.noColor)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Palette.Name != tt.want || c.Auto != tt.auto {
				t.Errorf("got %s auto=%v, want %s auto=%v", c.Palette.Name, c.Auto, tt.want, tt.auto)
			}
		})
	}
}

// colourSGR matches a foreground or background colour in an SGR sequence (basic, bright,
// 256 or true colour).
var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)

// allStyles returns a renderer for every Ink and lipgloss.Style of s, the help styles
// and the huh field styles, found by reflection so that a new field cannot escape the
// checks.
func allStyles(s *Styles) map[string]func(...string) string {
	out := map[string]func(...string) string{}
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		switch v.Type() {
		case reflect.TypeOf(lipgloss.Style{}):
			out[prefix] = v.Interface().(lipgloss.Style).Render
			return
		case reflect.TypeOf(Ink{}):
			out[prefix] = v.Interface().(Ink).Render
			return
		}
		if v.Kind() != reflect.Struct {
			return
		}
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			walk(prefix+"."+v.Type().Field(i).Name, v.Field(i))
		}
	}
	walk("Styles", reflect.ValueOf(s))
	return out
}

func TestMonoUsesNoColour(t *testing.T) {
	if out := New(Dark()).Error.Render("x"); !colourSGR.MatchString(out) {
		t.Fatalf("the colour pattern misses dark's error style %q", out)
	}
	s := New(Mono())
	for name, render := range allStyles(s) {
		if out := render("x"); colourSGR.MatchString(out) {
			t.Errorf("%s renders a colour: %q", name, out)
		}
	}
}

func TestEveryPaletteBuildsEveryStyle(t *testing.T) {
	for _, p := range []Palette{Dark(), Light(), HighContrast(), Mono()} {
		t.Run(p.Name, func(t *testing.T) {
			v := reflect.ValueOf(p)
			for i := range v.NumField() {
				if f := v.Field(i); f.Kind() == reflect.Interface && f.IsNil() {
					t.Errorf("%s.%s is not set", p.Name, v.Type().Field(i).Name)
				}
			}
			s := New(p)
			if n := len(allStyles(s)); n < 60 {
				t.Errorf("only %d styles found: the walk is broken", n)
			}
			if s.HuhTheme().Theme(false) != s.Huh {
				t.Error("the huh theme is not the palette's")
			}
		})
	}
}

// The selected row must stay visible without colour: mono marks it with reverse video.
func TestSelectionVisibleWithoutColour(t *testing.T) {
	s := New(Mono())
	out := s.Selected.Render("row")
	if !strings.Contains(out, "\x1b[7m") && !strings.Contains(out, ";7m") {
		t.Errorf("selected row in mono is not reversed: %q", out)
	}
	if !s.Huh.Focused.FocusedButton.GetReverse() {
		t.Error("the focused huh button in mono is not reversed")
	}
}

// An Ink renders as the lipgloss style it was made from, line by line. (lipgloss styles
// an underlined text one character at a time; an Ink styles it in one piece, which looks
// the same.)
func TestInkMatchesLipgloss(t *testing.T) {
	for _, st := range []lipgloss.Style{
		lipgloss.NewStyle().Foreground(Dark().Error).Bold(true),
		lipgloss.NewStyle().Reverse(true),
		lipgloss.NewStyle().Foreground(Light().Accent).Underline(true),
		lipgloss.NewStyle().Foreground(Mono().Text),
	} {
		if got, want := inkOf(st).Render("a"), st.Render("a"); got != want {
			t.Errorf("ink %q, lipgloss %q", got, want)
		}
		for _, text := range []string{"two words", "line one\nline two", ""} {
			got, want := inkOf(st).Render(text), st.Render(text)
			if ansi.Strip(got) != ansi.Strip(want) {
				t.Errorf("%q: ink %q, lipgloss %q", text, got, want)
			}
			if strings.Count(got, "\n") != strings.Count(want, "\n") {
				t.Errorf("%q: ink %q has other lines than lipgloss %q", text, got, want)
			}
			for _, l := range strings.Split(got, "\n") {
				if ink := inkOf(st); l != "" && !strings.HasPrefix(l, ink.pre) {
					t.Errorf("%q: line %q does not start with the style", text, l)
				}
			}
		}
	}
}

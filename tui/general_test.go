package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
)

func TestGeneralListsFields(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{})
	d.wantView(
		"› Callback URL", "255 characters max", "where the portal posts each verification result",
		"  Success URL", "2047 characters max",
		"  Error URL",
		"  Token lifetime", "5–86400 minutes", "30 minutes",
		"  Owned domains", "none: URLs may be on any domain",
	)
	if n := strings.Count(d.view(), "not set"); n != 3 {
		t.Errorf("%d URLs read \"not set\", want 3", n)
	}
}

func TestGeneralNavigation(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{})
	steps := []struct {
		key  string
		want string
	}{
		{"down", "Success URL"},
		{"j", "Error URL"},
		{"up", "Success URL"},
		{"k", "Callback URL"},
		{"up", "Callback URL"}, // stays at the top
		{"end", "Owned domains"},
		{"down", "Owned domains"}, // stays at the bottom
		{"home", "Callback URL"},
		{"pgdown", "Owned domains"},
		{"pgup", "Callback URL"},
	}
	for _, s := range steps {
		d.press(s.key)
		d.wantView("› " + s.want)
	}
}

// The rule check runs as the user types, before enter.
func TestGeneralChecksWhileTyping(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{})
	d.press("enter")
	d.wantView("empty: not set", "0 of 255 characters")
	d.typeText("https://example.com:8443/cb")
	d.wantView("› https://example.com:8443/cb", "✗ port not allowed", "27 of 255 characters")
	d.typeText("x")
	d.wantView("28 of 255 characters")
	d.erase(len(":8443/cbx"))
	d.wantView("✓ valid")
	d.notView("port not allowed")
}

// An invalid URL is kept in the draft, so nothing typed is lost; the violation shows
// under the field and saving is refused until it is fixed.
func TestGeneralKeepsInvalidValues(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{})
	setCallback(d, "https://example.com:8443/cb")
	d.wantView("https://example.com:8443/cb", "✗ port not allowed", "● 1 unsaved change")

	setCallback(d, "https://example.com/cb")
	d.notView("port not allowed")
	d.wantView("https://example.com/cb")
}

func TestGeneralEscCancels(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{})
	d.press("enter").typeText("https://example.com/cb").press("esc")
	if d.m.changes != 0 || d.m.capturing() {
		t.Fatalf("esc: %d changes, capturing %v", d.m.changes, d.m.capturing())
	}
	d.notView("https://example.com/cb")
}

func TestGeneralTokenLifetime(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{})
	d.press("down", "down", "down", "enter")
	d.erase(2)
	d.typeText("abc")
	d.wantView(`token lifetime: a whole number of minutes, not "abc"`)
	d.press("enter") // refused: not a number
	if !d.m.capturing() {
		t.Fatal("a token lifetime that is not a number was accepted")
	}
	d.erase(3)
	d.typeText("4")
	vs := model.Validate(withLifetime(4), model.Context{}).At("general.tokenLifetimeMinutes")
	if len(vs) == 0 {
		t.Fatal("the model accepts a token lifetime of 4 minutes: the test needs another value")
	}
	d.wantView(vs[0].Message)
	d.press("enter")
	d.wantView("4 minutes", vs[0].Message, "changed: token lifetime")

	d.press("enter")
	d.erase(1)
	d.typeText("90").press("enter")
	d.wantView("90 minutes")
	d.notView(vs[0].Message)
}

func withLifetime(n int) model.Settings {
	s := model.Default()
	s.General.TokenLifetimeMinutes = n
	return s
}

func TestGeneralOwnedDomains(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{})
	setCallback(d, "https://hooks.example.com/cb")
	d.press("end", "enter")
	d.wantView("one per line (alt+enter or ctrl+j), or separated by spaces")
	d.typeText("shop.example")
	// The callback URL would no longer be on an owned domain: said before saving.
	cand := model.Default()
	cand.General.CallbackURL = "https://hooks.example.com/cb"
	cand.General.OwnedDomains = []string{"shop.example"}
	vs := model.Validate(cand, model.Context{}).At("general.callbackUrl")
	if len(vs) == 0 {
		t.Fatal("the model accepts a callback URL outside the owned domains")
	}
	d.wantView("callback URL: " + vs[0].Message[:20])
	d.press("ctrl+j").typeText("example.com").press("enter")
	d.wantView("shop.example, example.com", "changed: owned domains")
	if got := d.m.draft.Current().General.OwnedDomains; strings.Join(got, " ") != "shop.example example.com" {
		t.Fatalf("owned domains %q", got)
	}
	d.notView("✗")
}

func TestGeneralLongValueTruncated(t *testing.T) {
	store := newMemStore(testPassword)
	long := "https://example.com/" + strings.Repeat("a", 200)
	store.saveAsOther(func(s *model.Settings) { s.General.CallbackURL = long })
	d := newDriver(t, store, Options{})
	d.wantView("https://example.com/aaaa", "a…")
	for _, l := range strings.Split(d.view(), "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Fatalf("a line is %d wide: %q", w, l)
		}
	}
}

// In a small terminal the list scrolls by whole fields and says what is out of sight.
func TestGeneralScrollsByField(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{})
	d.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	d.wantView("› Callback URL", "↓ more below")
	d.notView("↑ more above", "Owned domains")
	d.press("end")
	d.wantView("↑ more above", "› Owned domains", "  Token lifetime")
	d.notView("Callback URL", "https://")
	// A block is never shown without its label.
	lines := strings.Split(d.view(), "\n")
	if strings.HasPrefix(lines[5], "    ") {
		t.Fatalf("the first field shown starts without its label:\n%s", d.view())
	}
}

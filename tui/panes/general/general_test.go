package general

import (
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/internal/termbytes"
	"idvset/tui/panetest"
)

// newPane runs the General pane on s.
func newPane(t *testing.T, s model.Settings, opts ...panetest.Option) *panetest.Harness {
	return panetest.New(t, s, func(ctx *common.Context) common.Pane { return New(ctx) }, opts...)
}

// setCallback edits the callback URL (the first field) as a user would: select it, enter,
// clear what is there, type, enter.
func setCallback(h *panetest.Harness, url string) {
	h.T.Helper()
	h.Press("home", "enter")
	h.Erase(len(h.Draft.Current().General.CallbackURL))
	h.Type(url).Press("enter")
	if h.Pane.Capturing() {
		h.T.Fatalf("the field did not close:\n%s", h.View())
	}
}

func TestListsFields(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.WantView(
			"› Callback URL", "255 characters max", "where the portal posts each verification result",
			"  Success URL", "2047 characters max",
			"  Error URL",
			"  Token lifetime", "5–86400 minutes", "30 minutes",
			"  Owned domains", "none: URLs may be on any domain",
		)
		if n := strings.Count(h.View(), "not set"); n != 3 {
			t.Errorf("%d URLs read \"not set\", want 3", n)
		}
	})
}

func TestNavigation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
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
			h.Press(s.key)
			h.WantView("› " + s.want)
		}
	})
}

// The rule check runs as the user types, before enter.
func TestChecksWhileTyping(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("enter")
		h.WantView("empty: not set", "0 of 255 characters")
		h.Type("https://example.com:8443/cb")
		h.WantView("› https://example.com:8443/cb", "✗ port not allowed", "27 of 255 characters")
		h.Type("x")
		h.WantView("28 of 255 characters")
		h.Erase(len(":8443/cbx"))
		h.WantView("✓ valid")
		h.NotView("port not allowed")
	})
}

// An invalid URL is kept in the draft, so nothing typed is lost; the violation shows
// under the field (and the root refuses to save until it is fixed).
func TestKeepsInvalidValues(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		setCallback(h, "https://example.com:8443/cb")
		h.WantView("https://example.com:8443/cb", "✗ port not allowed")
		if got := h.Draft.Current().General.CallbackURL; got != "https://example.com:8443/cb" {
			t.Fatalf("draft holds %q", got)
		}
		setCallback(h, "https://example.com/cb")
		h.NotView("port not allowed")
		h.WantView("https://example.com/cb")
		if strings.Join(h.Edits, ",") != "callback URL,callback URL" {
			t.Fatalf("edits %q: one undo step per kept value", h.Edits)
		}
	})
}

func TestEscCancels(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("enter").Type("https://example.com/cb").Press("esc")
		if len(h.Edits) != 0 || h.Pane.Capturing() {
			t.Fatalf("esc: edits %q, capturing %v", h.Edits, h.Pane.Capturing())
		}
		h.NotView("https://example.com/cb")
	})
}

func TestTokenLifetime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("down", "down", "down", "enter")
		h.Erase(2)
		h.Type("abc")
		h.WantView(`token lifetime: a whole number of minutes, not "abc"`)
		h.Press("enter") // refused: not a number
		if !h.Pane.Capturing() {
			t.Fatal("a token lifetime that is not a number was accepted")
		}
		h.Erase(3)
		h.Type("4")
		vs := model.Validate(withLifetime(4), model.Context{}).At("general.tokenLifetimeMinutes")
		if len(vs) == 0 {
			t.Fatal("the model accepts a token lifetime of 4 minutes: the test needs another value")
		}
		h.WantView(vs[0].Message)
		h.Press("enter")
		h.WantView("4 minutes", vs[0].Message)
		if strings.Join(h.Edits, ",") != "token lifetime" {
			t.Fatalf("edits %q", h.Edits)
		}

		h.Press("enter")
		h.Erase(1)
		h.Type("90").Press("enter")
		h.WantView("90 minutes")
		h.NotView(vs[0].Message)
	})
}

func withLifetime(n int) model.Settings {
	s := model.Default()
	s.General.TokenLifetimeMinutes = n
	return s
}

func TestOwnedDomains(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		setCallback(h, "https://hooks.example.com/cb")
		h.Press("end", "enter")
		h.WantView("one per line (alt+enter or ctrl+j), or separated by spaces")
		h.Type("shop.example")
		// The callback URL would no longer be on an owned domain: said before saving.
		cand := model.Default()
		cand.General.CallbackURL = "https://hooks.example.com/cb"
		cand.General.OwnedDomains = []string{"shop.example"}
		vs := model.Validate(cand, model.Context{}).At("general.callbackUrl")
		if len(vs) == 0 {
			t.Fatal("the model accepts a callback URL outside the owned domains")
		}
		h.WantView("callback URL: " + vs[0].Message[:20])
		h.Press("ctrl+j").Type("example.com").Press("enter")
		h.WantView("shop.example, example.com")
		if got := h.Draft.Current().General.OwnedDomains; strings.Join(got, " ") != "shop.example example.com" {
			t.Fatalf("owned domains %q", got)
		}
		h.NotView("✗")
	})
}

func TestLongValueTruncated(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.General.CallbackURL = "https://example.com/" + strings.Repeat("a", 200)
		h := newPane(t, s)
		h.WantView("https://example.com/aaaa", "a…")
		for _, l := range strings.Split(h.View(), "\n") {
			if w := len([]rune(l)); w > 80 {
				t.Fatalf("a line is %d wide: %q", w, l)
			}
		}
	})
}

// In a small terminal the list scrolls by whole fields and says what is out of sight.
func TestScrollsByField(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default(), panetest.Size(common.MinPaneWidth, common.MinPaneHeight))
		h.WantView("› Callback URL", "↓ more below")
		h.NotView("↑ more above", "Owned domains")
		h.Press("end")
		h.WantView("↑ more above", "› Owned domains", "  Token lifetime")
		h.NotView("Callback URL", "https://")
		// A block is never shown without its label.
		if lines := strings.Split(h.View(), "\n"); strings.HasPrefix(lines[2], "    ") {
			t.Fatalf("the first field shown starts without its label:\n%s", h.View())
		}
	})
}

// Control characters in a value (typed, imported or stored) are shown escaped: they
// can neither clear the screen nor forge a line under the field.
func TestValuesAreEscaped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.General.CallbackURL = "https://x.example/\x1b[2J\nforged: fake line"
		s.General.OwnedDomains = []string{"shop.example\x1b]0;owned\x07"}
		h := newPane(t, s)
		raw := h.Pane.View()
		for _, bad := range []string{"\x1b[2J", "\x1b]0;", "\x07"} {
			if strings.Contains(raw, bad) {
				t.Fatalf("the view passes %q to the terminal:\n%q", bad, raw)
			}
		}
		h.WantView(`"https://x.example/\x1b[2J\nforged: fake line"`)
		h.Press("end")
		h.WantView(`"shop.example\x1b]0;owned\a"`)
		for _, l := range strings.Split(h.View(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "forged") {
				t.Fatalf("a value forged a line of its own:\n%s", h.View())
			}
		}
	})
}

// Under --readonly enter edits nothing: the footer leaves it out, the full help says why.
func TestReadOnlyExplainsEnter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default(), panetest.ReadOnly())
		h.WantView(common.ReadOnlyNotice)
		h.Press("enter")
		if h.Pane.Capturing() {
			t.Fatal("enter opened a field under --readonly")
		}
		for _, b := range h.Pane.KeyMap().ShortHelp() {
			if b.Enabled() && b.Help().Key == "enter" {
				t.Fatal("the footer offers enter under --readonly")
			}
		}
		found := false
		for _, col := range common.FullHelp(h.Pane.KeyMap()) {
			for _, k := range col {
				if k.Binding.Help().Key == "enter" {
					found = k.Reason == common.ReadOnlyReason && k.Shown()
				}
			}
		}
		if !found {
			t.Fatal("the full help does not say why enter is off")
		}
	})
}

// Browsing, and with each kind of field open, the pane fits every size it can be given.
func TestEverySize(t *testing.T) {
	for _, open := range [][]string{nil, {"enter"}, {"end", "enter"}} {
		t.Run(strings.Join(open, "+"), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := model.Default()
				s.General.SuccessURL = "https://shop.example/" + strings.Repeat("x", 300)
				s.General.CallbackURL = "https://example.com:8443/cb"
				h := newPane(t, s)
				h.Press(open...)
				h.EverySize(130, 40)
			})
		})
	}
}

// The IDNA form a violation suggests is never broken inside when wrapped, at any width
// the pane can have: it moves whole to the next line.
func TestSuggestionWrapsWhole(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.General.CallbackURL = "https://bücher.example/cb"
		h := newPane(t, s)
		h.WantView("xn--bcher-kva.example")
		for w := common.MinPaneWidth; w <= 130; w++ {
			h.Resize(w, 30)
			if !strings.Contains(h.View(), `"xn--bcher-kva.example"`) {
				t.Fatalf("width %d breaks the suggestion:\n%s", w, h.View())
			}
		}
	})
}

// A move changes two labels and the description line, which stays on its line under
// the fields: were it under the selected field, each move would shift the lines
// between and the renderer would redraw or scroll them (252 bytes a move before).
func TestMoveKeepsLinesInPlace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.General.SuccessURL = "https://www.example.com/verified?lang=de"
		h := newPane(t, s, panetest.Size(120, 35))
		value, about := h.LineOf("https://www.example.com/verified"), h.LineOf("where the portal posts each verification result")
		frames := []string{h.Pane.View()}
		for range 4 {
			h.Press("down")
			frames = append(frames, h.Pane.View())
		}
		if got := h.LineOf("https://www.example.com/verified"); got != value {
			t.Errorf("a value moved from line %d to %d", value, got)
		}
		if got := h.LineOf("when set, every URL must be on one"); got != about {
			t.Errorf("the description moved from line %d to %d", about, got)
		}
		for i, n := range termbytes.Frames(120, 35, frames...) {
			if n > 200 {
				t.Errorf("move %d wrote %d bytes, want ≤ 200", i+1, n)
			}
		}
	})
}

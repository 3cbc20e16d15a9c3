package redirect

import (
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// newPane runs the Redirect pane on s.
func newPane(t *testing.T, s model.Settings, opts ...panetest.Option) *panetest.Harness {
	return panetest.New(t, s, func(ctx *common.Context) common.Pane { return New(ctx) }, opts...)
}

func TestPreviews(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.General.SuccessURL = "https://shop.example/done?order=7"
		h := newPane(t, s)
		h.WantView("Redirect", "After success", "After an error",
			"Error URL not set: the end user stays on the portal's own error page, which",
			"vendor's default error image")

		// The whole URL is there, wrapped rather than cut.
		want := model.RedirectPreview("https://shop.example/done?order=7", "SUCCESS")
		if !strings.Contains(want, "transactionStatus=SUCCESS") {
			t.Fatalf("preview %q lacks the status", want)
		}
		if got := joinedURL(h.View(), "https://shop.example"); got != want {
			t.Fatalf("preview on screen\n%q\nwant\n%q", got, want)
		}
	})
}

func TestWrapsLongURLs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		long := "https://shop.example/" + strings.Repeat("x", 300)
		s.General.SuccessURL = long
		s.General.ErrorURL = "https://shop.example/failed"
		h := newPane(t, s)
		for _, l := range strings.Split(h.View(), "\n") {
			if w := len([]rune(l)); w > 80 {
				t.Fatalf("a line is %d wide: %q", w, l)
			}
		}
		if got, want := joinedURL(h.View(), "https://shop.example/x"), model.RedirectPreview(long, "SUCCESS"); got != want {
			t.Fatalf("long preview on screen\n%q\nwant\n%q", got, want)
		}
		// In the least room the error preview is below: scrolling reaches it.
		h.Resize(common.MinPaneWidth, common.MinPaneHeight)
		h.NotView("https://shop.example/failed")
		h.WantView("↓ more below")
		h.Press("end")
		h.WantView("https://shop.example/failed?transactionStatus=ERROR")
	})
}

// The scrolling keys are offered only while there is something to scroll to; the full
// help says why they are off.
func TestScrollKeysOnlyWhenNeeded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		for _, b := range h.Pane.KeyMap().ShortHelp() {
			if b.Enabled() {
				t.Fatalf("the footer offers %q with the whole preview in sight", b.Help().Key)
			}
		}
		for _, col := range common.FullHelp(h.Pane.KeyMap()) {
			for _, k := range col {
				if !k.Shown() || k.Binding.Enabled() || k.Reason == "" {
					t.Fatalf("the full help lists %q without a reason (%+v)", k.Binding.Help().Key, k)
				}
			}
		}
		s := model.Default()
		s.General.SuccessURL = "https://shop.example/" + strings.Repeat("x", 900)
		h = newPane(t, s)
		if b := h.Pane.KeyMap().ShortHelp()[0]; !b.Enabled() || b.Help().Desc != "scroll" {
			t.Fatalf("a long preview does not offer scrolling: %+v", b.Help())
		}
	})
}

func TestShowsViolations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Apply("error URL", func(s *model.Settings) { s.General.ErrorURL = "http://shop.example/failed" })
		vs := h.Ctx.Violations.At("general.errorUrl")
		if len(vs) == 0 {
			t.Fatal("the model accepts an http error URL")
		}
		h.WantView("✗ " + vs[0].Message)
	})
}

// A URL with control characters is shown escaped, whole.
func TestEscapesURLs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.General.SuccessURL = "https://shop.example/\x1b[2J\nforged"
		h := newPane(t, s)
		if raw := h.Pane.View(); strings.Contains(raw, "\x1b[2J") {
			t.Fatalf("the preview passes ESC [2J to the terminal:\n%q", raw)
		}
		h.WantView(`"https://shop.example/\x1b[2J\nforged?transactionStatus=SUCCESS`)
	})
}

func TestEverySize(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.General.SuccessURL = "https://shop.example/" + strings.Repeat("x", 400)
		s.General.ErrorURL = "http://shop.example/failed"
		h := newPane(t, s)
		h.EverySize(130, 40)
		h.Press("end")
		h.EverySize(130, 40)
	})
}

// joinedURL finds the wrapped URL starting with prefix on the screen and joins its lines.
func joinedURL(screen, prefix string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, prefix) {
			continue
		}
		url := l
		for _, next := range lines[i+1:] {
			next = strings.TrimSpace(next)
			if next == "" || strings.HasPrefix(next, "✗") || strings.HasPrefix(next, "After") {
				break
			}
			url += next
		}
		return url
	}
	return ""
}

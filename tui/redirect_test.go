package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
)

func TestRedirectPreviews(t *testing.T) {
	store := newMemStore(testPassword)
	store.saveAsOther(func(s *model.Settings) { s.General.SuccessURL = "https://shop.example/done?order=7" })
	d := newDriver(t, store, Options{})
	d.press("alt+2")
	d.wantView("Redirect", "After success", "After an error",
		"Error URL not set: the end user stays on the portal's own error page, which",
		"vendor's default error image")

	// The whole URL is there, wrapped rather than cut.
	want := model.RedirectPreview("https://shop.example/done?order=7", "SUCCESS")
	if !strings.Contains(want, "transactionStatus=SUCCESS") {
		t.Fatalf("preview %q lacks the status", want)
	}
	if got := joinedURL(d.view(), "https://shop.example"); got != want {
		t.Fatalf("preview on screen\n%q\nwant\n%q", got, want)
	}
}

func TestRedirectWrapsLongURLs(t *testing.T) {
	store := newMemStore(testPassword)
	long := "https://shop.example/" + strings.Repeat("x", 300)
	store.saveAsOther(func(s *model.Settings) {
		s.General.SuccessURL = long
		s.General.ErrorURL = "https://shop.example/failed"
	})
	d := newDriver(t, store, Options{})
	d.press("alt+2")
	for _, l := range strings.Split(d.view(), "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Fatalf("a line is %d wide: %q", w, l)
		}
	}
	if got, want := joinedURL(d.view(), "https://shop.example/x"), model.RedirectPreview(long, "SUCCESS"); got != want {
		t.Fatalf("long preview on screen\n%q\nwant\n%q", got, want)
	}
	// At 80x24 the error preview is below: scrolling reaches it.
	d.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	d.notView("https://shop.example/failed")
	d.wantView("↓ more below")
	d.press("end")
	d.wantView("https://shop.example/failed?transactionStatus=ERROR")
}

func TestRedirectShowsViolations(t *testing.T) {
	store := newMemStore(testPassword)
	d := newDriver(t, store, Options{})
	d.send(editMsg{edit: model.Edit{Label: "error URL", Apply: func(s *model.Settings) {
		s.General.ErrorURL = "http://shop.example/failed"
	}}})
	d.press("alt+2")
	vs := d.m.ctx.Violations.At("general.errorUrl")
	if len(vs) == 0 {
		t.Fatal("the model accepts an http error URL")
	}
	d.wantView("✗ " + vs[0].Message)
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

package tui

// End-to-end for issue 8: the Client and Branding panes driven in tmux at 80x24 without
// colour, saved with the password, read back with `idvset export`.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The story of issue 8: German as default language by typing `germ`; the primary colour
// of en, which en-GB then shows `from en`; a header image for de; saved with the
// password; and the export holds all three.
func TestEndToEndBranding(t *testing.T) {
	const pw = "quiet river stone"
	db := initDB(t, pw)
	logo, err := filepath.Abs(filepath.Join("..", "testdata", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "--db", db)
	term.waitFor("rev 1", "› Callback URL")

	// Client: the default language, found by typing part of its English name.
	term.send("M-3")
	term.waitFor("[3 Client]", "English (US), the vendor default")
	term.send("End", "Enter")
	term.waitFor("Default language", "40 languages")
	term.typeText("germ")
	term.waitFor("1 of 40", "› German")
	term.send("Enter")
	term.waitFor("changed: default language", "German (de) · Deutsch")

	// Branding: the primary colour of en, checked as it is typed.
	term.send("M-4")
	term.waitFor("[4 Brand]", "40 scopes", "Default (all)")
	term.send("/").typeText("en")
	term.waitFor("/ en")
	term.send("Enter")
	term.waitFor("/en ")
	term.send("Enter")
	term.waitFor("› Primary")
	term.send("Enter")
	term.waitFor("Primary colour of en")
	term.typeText("#1a73e")
	term.waitFor(`"#1a73e" is not a colour`)
	term.typeText("8")
	term.waitFor("✓ stored as #1A73E8")
	term.send("Enter")
	term.waitFor("changed: primary colour of en")

	// en-GB inherits it from en.
	term.send("Escape")
	term.waitFor("enter edit") // back on the scopes: the footer says so
	term.send("Down")
	s := term.waitFor("en-GB English (United Kingdom)", "then en → default → vendor")
	if !strings.Contains(lineWith(s, "Primary"), "#1A73E8") || !strings.Contains(lineWith(s, "Primary"), "from en") {
		t.Fatalf("en-GB does not show en's colour from en:\n%s", s)
	}

	// A header image for de, from a file path.
	term.send("Escape") // the kept filter goes
	term.waitFor("40 scopes")
	term.send("/").typeText("de")
	term.waitFor("/ de")
	term.send("Enter", "Enter", "Down", "Down")
	term.waitFor("› Header")
	term.send("Enter")
	term.waitFor("Header image of de")
	term.typeText(logo)
	term.send("Enter")
	term.waitFor("changed: header image of de", "PNG 6×2", "PNG · 77 bytes · 6×2")

	// Reviewed, then saved with the password.
	term.send("C-s")
	term.waitFor("Review: 3 changes against revision 1", "client.defaultLanguage")
	term.send("Enter")
	term.waitFor("Portal password")
	term.typeText(pw).send("Enter")
	term.waitFor("✓ saved revision 2", "no unsaved changes")
	term.wantNoColour()
	term.send("q")
	term.exited()

	out := runIdvset(t, "export", "--db", db)
	var doc struct {
		Client struct {
			DefaultLanguage string `json:"defaultLanguage"`
		} `json:"client"`
		Branding struct {
			Locales map[string]struct {
				PrimaryColor string `json:"primaryColor"`
				HeaderImage  *struct {
					MediaType string `json:"mediaType"`
					SHA256    string `json:"sha256"`
				} `json:"headerImage"`
			} `json:"locales"`
		} `json:"branding"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, out)
	}
	data, err := os.ReadFile(logo)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	img := doc.Branding.Locales["de"].HeaderImage
	switch {
	case doc.Client.DefaultLanguage != "de":
		t.Errorf("default language %q, want de", doc.Client.DefaultLanguage)
	case doc.Branding.Locales["en"].PrimaryColor != "#1A73E8":
		t.Errorf("en primary colour %q, want #1A73E8", doc.Branding.Locales["en"].PrimaryColor)
	case img == nil || img.MediaType != "image/png" || img.SHA256 != hex.EncodeToString(sum[:]):
		t.Errorf("de header image %+v, want logo.png's", img)
	}
	if t.Failed() {
		t.Logf("export:\n%s", out)
	}
}

// lineWith is the first line of screen that holds s.
func lineWith(screen, s string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

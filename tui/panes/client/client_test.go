package client

import (
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// newPane runs the Client pane on s.
func newPane(t *testing.T, s model.Settings, opts ...panetest.Option) *panetest.Harness {
	return panetest.New(t, s, func(ctx *common.Context) common.Pane { return New(ctx) }, opts...)
}

func TestListsSettings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.WantView(
			"› Capture method", "3 ways", "Webcam and image upload (webcam_and_upload, the default)",
			"how the end user may submit images of their ID",
			"  Skip intro", "off: the end user sees the introductory screen first",
			"  Domain prefix", "a-z 0-9 -, 63 max", "not set: the vendor's own address",
			"  Default language", "39 languages", "English (US), the vendor default",
		)
	})
}

func TestCaptureMethod(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("enter")
		h.WantView("› Webcam and image upload", "Webcam only", "Image upload only")
		if !h.Pane.Capturing() {
			t.Fatal("the open select does not capture keys")
		}
		h.Press("down", "esc")
		if len(h.Edits) != 0 || h.Pane.Capturing() {
			t.Fatalf("esc: edits %q, capturing %v", h.Edits, h.Pane.Capturing())
		}
		h.Press("enter", "down", "down", "enter")
		if got := h.Draft.Current().Client.CaptureMethod; got != model.CaptureUploadOnly {
			t.Fatalf("capture method %q", got)
		}
		h.WantView("Image upload only (upload_only)")
		// x puts it back to the default, as one more undo step.
		h.Press("x")
		h.WantView("Webcam and image upload (webcam_and_upload, the default)")
		if strings.Join(h.Edits, ",") != "capture method,capture method" {
			t.Fatalf("edits %q", h.Edits)
		}
	})
}

func TestSkipIntro(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("space") // on Capture method: nothing to switch
		if len(h.Edits) != 0 {
			t.Fatalf("space on the capture method: %q", h.Edits)
		}
		h.Press("down", "space")
		h.WantView("on: the introductory screen is skipped")
		if !h.Draft.Current().Client.SkipIntro {
			t.Fatal("space did not switch skip intro on")
		}
		h.Press("enter")
		h.WantView("off: the end user sees the introductory screen first")
		if h.Draft.Current().Client.SkipIntro || len(h.Edits) != 2 || h.Pane.Capturing() {
			t.Fatalf("enter: skip intro %v, edits %q", h.Draft.Current().Client.SkipIntro, h.Edits)
		}
	})
}

// The prefix is checked with the model's rule as it is typed, and the address it makes
// is shown; enter keeps even a wrong one (nothing typed is lost) and it shows under it.
func TestDomainPrefix(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("down", "down", "enter")
		h.WantView("empty: not set, the vendor's own address")
		h.Type("Acme_eu")
		for _, m := range model.DomainPrefixProblems("Acme_eu") {
			h.WantView("✗ " + m)
		}
		h.WantView("→ https://Acme_eu.netverify.com", "7 of 63 characters")
		h.Erase(7).Type("acme-eu")
		h.WantView("→ https://acme-eu.netverify.com", "✓ valid")
		h.NotView("✗")
		h.Press("enter")
		h.WantView("acme-eu → https://acme-eu.netverify.com")
		if got := h.Draft.Current().Client.DomainPrefix; got != "acme-eu" {
			t.Fatalf("prefix %q", got)
		}
		h.Press("enter").Type("-").Press("enter")
		h.WantView("acme-eu- → https://acme-eu-.netverify.com", `✗ must not start or end with "-"`)
		h.Press("x")
		h.WantView("not set: the vendor's own address")
		h.NotView("✗")
	})
}

// openLanguages opens the picker on the default language.
func openLanguages(h *panetest.Harness) {
	h.T.Helper()
	h.Press("end", "enter")
	if !h.Pane.Capturing() {
		h.T.Fatalf("the picker did not open:\n%s", h.View())
	}
}

// cursorRow is the picker's row under the cursor.
func cursorRow(h *panetest.Harness) string {
	h.T.Helper()
	for _, l := range strings.Split(h.View(), "\n") {
		if strings.HasPrefix(l, "› ") {
			return l
		}
	}
	h.T.Fatalf("no cursor row:\n%s", h.View())
	return ""
}

// The picker finds a language by English name, by its own name, by code and by part of a
// word, best match first.
func TestLanguageRanking(t *testing.T) {
	tests := []struct {
		typed string
		first string // the cursor row starts with it
		count string
		then  []string // shown below, in this order
	}{
		{"germ", "German", "1 of 40", nil},                                                // start of the English name
		{"deutsch", "German", "1 of 40", nil},                                             // the name in the language itself
		{"de", "German", "", nil},                                                         // the code, before names with "de" in them
		{"pt-BR", "Portuguese (Brazil)", "", nil},                                         // a code with a region
		{"pt_br", "Portuguese (Brazil)", "", nil},                                         // as people type it
		{"portu", "Portuguese ", "2 of 40", []string{"Portuguese (Brazil)"}},              // the shorter name first
		{"brasil", "Portuguese (Brazil)", "1 of 40", nil},                                 // a word of the native name
		{"mex", "Spanish (Mexico)", "", nil},                                              // a later word of the name
		{"kingdom", "English (United Kingdom)", "1 of 40", nil},                           // ditto
		{"francais", "French", "1 of 40", nil},                                            // accents folded
		{"español", "Spanish ", "", []string{"Spanish (Mexico)"}},                         // typed with them
		{"日本", "Japanese", "1 of 40", nil},                                                // any script
		{"english", "English ", "", []string{"English (US)", "English (United Kingdom)"}}, // exact, then the shorter
		{"unset", "English (US)", "1 of 40", nil},                                         // back to the vendor's
		{"xyzzy", "", "0 of 40", nil},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newPane(t, model.Default(), panetest.Size(80, 30))
				openLanguages(h)
				h.Type(tt.typed)
				if tt.count != "" {
					h.WantView(tt.count)
				}
				if tt.first == "" {
					h.WantView(`no language matches "xyzzy"`)
					return
				}
				if row := cursorRow(h); !strings.HasPrefix(row, "› "+tt.first) {
					t.Fatalf("typed %q: the first row is %q, want %q\n%s", tt.typed, row, tt.first, h.View())
				}
				at := strings.Index(h.View(), cursorRow(h))
				for _, next := range tt.then {
					i := strings.Index(h.View()[at:], next)
					if i < 0 {
						t.Fatalf("typed %q: %q is not below the first row\n%s", tt.typed, next, h.View())
					}
					at += i
				}
			})
		})
	}
}

// Typing `germ` and enter sets German; x, or picking English (US), sets it back.
func TestPickLanguage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		openLanguages(h)
		h.WantView("Default language", "now: English (US), the vendor default", "40 languages")
		h.Type("germ").Press("enter")
		if got := h.Draft.Current().Client.DefaultLanguage; got != "de" || h.Pane.Capturing() {
			t.Fatalf("default language %q, capturing %v", got, h.Pane.Capturing())
		}
		h.WantView("German (de) · Deutsch")

		// The picker opens on the current language.
		h.Press("enter")
		if row := cursorRow(h); !strings.HasPrefix(row, "› German") || !strings.Contains(row, "current") {
			t.Fatalf("the picker opened on %q", row)
		}
		h.Press("esc")
		if got := h.Draft.Current().Client.DefaultLanguage; got != "de" || len(h.Edits) != 1 {
			t.Fatalf("esc changed the language to %q (%q)", got, h.Edits)
		}

		h.Press("x")
		h.WantView("English (US), the vendor default")
		if got := h.Draft.Current().Client.DefaultLanguage; got != "" {
			t.Fatalf("x left %q", got)
		}

		h.Press("enter").Type("pt-BR").Press("enter")
		h.WantView("Portuguese (Brazil) (pt-BR) · português (Brasil)")
		h.Press("enter").Type("english (us").Press("enter")
		if got := h.Draft.Current().Client.DefaultLanguage; got != "" {
			t.Fatalf("picking English (US) left %q", got)
		}
		if strings.Join(h.Edits, ",") != "default language,default language,default language,default language" {
			t.Fatalf("edits %q", h.Edits)
		}
	})
}

// x does nothing on a setting at its default, and the full help says why; under
// --readonly nothing edits, and the help says so.
func TestKeysExplained(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		reason := func(desc string) (string, bool) {
			for _, col := range common.FullHelp(h.Pane.KeyMap()) {
				for _, k := range col {
					if k.Binding.Help().Desc == desc {
						return k.Reason, k.Binding.Enabled()
					}
				}
			}
			t.Fatalf("no %q in the full help", desc)
			return "", false
		}
		if why, on := reason("back to the default"); on || why != "already the default" {
			t.Fatalf("x: on %v, reason %q", on, why)
		}
		if why, on := reason("switch skip intro"); on || why != "only on Skip intro" {
			t.Fatalf("space: on %v, reason %q", on, why)
		}
		for _, b := range h.Pane.KeyMap().ShortHelp() {
			if b.Enabled() && b.Help().Key == "x" {
				t.Fatal("the footer offers x on a setting at its default")
			}
		}
		h.Press("down")
		if _, on := reason("switch skip intro"); !on {
			t.Fatal("space is off on Skip intro")
		}

		r := newPane(t, model.Default(), panetest.ReadOnly())
		r.WantView(common.ReadOnlyNotice)
		r.Press("enter", "down", "space", "end", "enter")
		if len(r.Edits) != 0 || r.Pane.Capturing() {
			t.Fatalf("read-only: edits %q, capturing %v", r.Edits, r.Pane.Capturing())
		}
		h = r
		if why, _ := reason("edit"); why != common.ReadOnlyReason {
			t.Fatalf("enter under --readonly: %q", why)
		}
	})
}

// Values from a document (imported, stored) are printed escaped, and a wrong one shows
// its violation.
func TestStoredValuesEscaped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.Client.DomainPrefix = "acme\x1b[2J"
		s.Client.DefaultLanguage = "xx\nforged"
		h := newPane(t, s)
		if strings.Contains(h.Pane.View(), "\x1b[2J") {
			t.Fatal("a control sequence reached the terminal")
		}
		h.WantView(`"acme\x1b[2J"`, `"xx\nforged"`, "unknown locale")
	})
}

// Every state fits every size the pane can be given.
func TestEverySize(t *testing.T) {
	for _, open := range [][]string{nil, {"enter"}, {"down", "down", "enter"}, {"end", "enter"}} {
		t.Run(strings.Join(open, "+"), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := model.Default()
				s.Client.DomainPrefix = strings.Repeat("x-", 40)
				h := newPane(t, s)
				h.Press(open...)
				h.EverySize(130, 40)
			})
		})
	}
}

package branding

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// newPane runs the Branding pane on s, at 80x19 (an 80x24 terminal) unless told.
func newPane(t *testing.T, s model.Settings, opts ...panetest.Option) *panetest.Harness {
	return panetest.New(t, s, func(ctx *common.Context) common.Pane { return New(ctx) }, opts...)
}

// pngBytes is a w×h PNG of one colour.
func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(4 * x), G: 0x73, B: 0xE8, A: 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// paddedPNG is a valid PNG of exactly size bytes: a private chunk before IEND.
func paddedPNG(t testing.TB, size int) []byte {
	p := pngBytes(t, 8, 8)
	iend := len(p) - 12
	pad := size - len(p) - 12
	var chunk bytes.Buffer
	binary.Write(&chunk, binary.BigEndian, uint32(pad))
	chunk.WriteString("zzZz")
	body := make([]byte, pad)
	chunk.Write(body)
	binary.Write(&chunk, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("zzZz"), body...)))
	out := append(bytes.Clone(p[:iend]), chunk.Bytes()...)
	return append(out, p[iend:]...)
}

func gifBytes(t testing.TB) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black, color.White}), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// choose puts the list's cursor on a scope by filtering for its code, and keeps the
// filter.
func choose(h *panetest.Harness, code string) {
	h.T.Helper()
	h.Press("/").Type(code).Press("enter")
	if !strings.Contains(h.View(), "› ") {
		h.T.Fatalf("no cursor after filtering %q:\n%s", code, h.View())
	}
}

// detailText is the right side of the pane as running text: its lines joined with single
// spaces, so that a test does not depend on where a sentence wraps.
func detailText(h *panetest.Harness) string {
	var parts []string
	for _, l := range strings.Split(h.View(), "\n") {
		if _, right, ok := strings.Cut(l, "│ "); ok {
			parts = append(parts, strings.TrimSpace(right))
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// wantText fails unless the right side of the pane says every string.
func wantText(h *panetest.Harness, want ...string) {
	h.T.Helper()
	panetest.Want(h.T, detailText(h), want...)
}

// flagsOf is the set column of a scope's row in the list.
func flagsOf(h *panetest.Harness, code string) string {
	h.T.Helper()
	for _, l := range strings.Split(h.View(), "\n") {
		left, _, _ := strings.Cut(l, "│")
		f := strings.Fields(strings.TrimPrefix(left, "›"))
		if len(f) >= 4 && f[0] == code {
			return f[len(f)-2] + " " + f[len(f)-1]
		}
	}
	h.T.Fatalf("no row for %s:\n%s", code, h.View())
	return ""
}

// fieldLine is the line of the view that shows field name ("Primary", "Header").
func fieldLine(h *panetest.Harness, name string) string {
	h.T.Helper()
	for _, l := range strings.Split(h.View(), "\n") {
		if _, right, ok := strings.Cut(l, "│ "); ok {
			r := strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(right), "›"), " ")
			if strings.HasPrefix(r, name+" ") {
				return right
			}
		}
	}
	h.T.Fatalf("no %s line:\n%s", name, h.View())
	return ""
}

func TestListsScopes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.Branding.Locales["de"] = model.BrandScope{PrimaryColor: "#111111", ErrorImage: &model.Image{}}
		h := newPane(t, s, panetest.Size(80, 50))
		h.WantView("40 scopes", "code  language", "›        Default (all)  ·· ···", "   ar    Arabic         ·· ···",
			"   de    German         ●· ··●", "   vi    Vietnamese", "Default  shown where a locale sets nothing")
		// The filter finds a locale by code, English name or its own name.
		for _, q := range []string{"de", "germ", "deutsch"} {
			h.Press("/").Type(q).Press("enter")
			h.WantView("de German · Deutsch")
			h.Press("esc")
		}
		h.WantView("› ", "Default (all)")
	})
}

// Every level of the fallback shows where the value comes from: this locale, its root
// language, the default scope, the vendor.
func TestSourcesShown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.Branding.Default = model.BrandScope{SecondaryColor: "#00AA00"}
		s.Branding.Locales["en"] = model.BrandScope{PrimaryColor: "#1A73E8"}
		s.Branding.Locales["en-GB"] = model.BrandScope{ErrorImage: model.NewImage(pngBytes(t, 6, 2))}
		s.Branding.Locales["pt"] = model.BrandScope{PrimaryColor: "#222222"}
		h := newPane(t, s)
		choose(h, "en-GB")
		h.WantView("en-GB English (United Kingdom)", "set here: 1 of 5 · then en → default → vendor")
		for name, want := range map[string][]string{
			"Primary":   {"#1A73E8", "from en"},
			"Secondary": {"#00AA00", "from default"},
			"Header":    {"the vendor's own", "vendor default"},
			"Error":     {"PNG 6×2", "this locale"},
		} {
			l := fieldLine(h, name)
			for _, w := range want {
				if !strings.Contains(l, w) {
					t.Errorf("en-GB %s: %q lacks %q", name, l, w)
				}
			}
		}
		h.Press("esc", "esc")
		choose(h, "pt-BR")
		if l := fieldLine(h, "Primary"); !strings.Contains(l, "from pt") {
			t.Errorf("pt-BR primary: %q", l)
		}
		h.Press("esc", "esc")
		choose(h, "default")
		if l := fieldLine(h, "Secondary"); !strings.Contains(l, "this scope") {
			t.Errorf("default secondary: %q", l)
		}
		if l := fieldLine(h, "Primary"); !strings.Contains(l, model.VendorPrimaryColor) || !strings.Contains(l, "vendor default") {
			t.Errorf("default primary: %q", l)
		}
	})
}

// A colour is checked with the model's rule as it is typed; enter keeps only a colour,
// stored upper-case, and the locales that inherit it show it at once.
func TestSetColour(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		choose(h, "en")
		h.Press("enter", "enter")
		if !h.Pane.Capturing() {
			t.Fatal("the colour form does not capture keys")
		}
		h.WantView("Primary colour of en", "#RRGGBB")
		h.Type("#1a73e")
		h.WantView("✗ " + model.ColorProblems("#1a73e")[0][:30])
		h.Press("enter")
		if !h.Pane.Capturing() || len(h.Edits) != 0 {
			t.Fatalf("enter kept a text that is no colour: %q", h.Edits)
		}
		h.Type("8")
		h.WantView("✓ stored as #1A73E8", "#1a73e8     #1A73E8")
		h.Press("enter")
		if got := h.Draft.Current().Branding.Locales["en"].PrimaryColor; got != "#1A73E8" {
			t.Fatalf("stored %q", got)
		}
		if strings.Join(h.Edits, ",") != "primary colour of en" {
			t.Fatalf("edits %q", h.Edits)
		}
		if l := fieldLine(h, "Primary"); !strings.Contains(l, "#1A73E8") || !strings.Contains(l, "this locale") {
			t.Fatalf("en primary: %q", l)
		}
		if got := flagsOf(h, "en"); got != "●· ···" {
			t.Fatalf("en's flags: %q", got)
		}
		h.Press("esc", "esc")
		choose(h, "en-GB")
		if l := fieldLine(h, "Primary"); !strings.Contains(l, "#1A73E8") || !strings.Contains(l, "from en") {
			t.Fatalf("en-GB primary: %q", l)
		}
	})
}

// An empty colour clears the field, after saying what it will inherit; x does the same
// from the list of fields, and is off (with its reason) on a field set elsewhere.
func TestClearColour(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.Branding.Default.PrimaryColor = "#ABCDEF"
		s.Branding.Locales["de"] = model.BrandScope{PrimaryColor: "#111111", SecondaryColor: "#222222"}
		h := newPane(t, s)
		choose(h, "de")
		h.Press("enter", "enter").Erase(7)
		wantText(h, "empty: not set here, de then shows #ABCDEF (from default)")
		h.Press("enter")
		if l := fieldLine(h, "Primary"); !strings.Contains(l, "#ABCDEF") || !strings.Contains(l, "from default") {
			t.Fatalf("after clearing: %q", l)
		}
		why := func() (string, bool) {
			for _, col := range common.FullHelp(h.Pane.KeyMap()) {
				for _, k := range col {
					if k.Binding.Help().Key == "x/delete" {
						return k.Reason, k.Binding.Enabled()
					}
				}
			}
			t.Fatal("no x in the full help")
			return "", false
		}
		if reason, on := why(); on || reason != "inherited, nothing set here" {
			t.Fatalf("x on an inherited field: on %v, %q", on, reason)
		}
		h.Press("x")
		if len(h.Edits) != 1 {
			t.Fatalf("x cleared an inherited field: %q", h.Edits)
		}
		h.Press("down")
		if _, on := why(); !on {
			t.Fatal("x is off on a field set here")
		}
		h.Press("delete")
		if _, ok := h.Draft.Current().Branding.Locales["de"]; ok {
			t.Fatalf("de still sets %+v", h.Draft.Current().Branding.Locales["de"])
		}
		if strings.Join(h.Edits, ",") != "primary colour of de,secondary colour of de cleared" {
			t.Fatalf("edits %q", h.Edits)
		}
	})
}

// openImage opens the image form on field (2 header, 3 success, 4 error) of scope.
func openImage(h *panetest.Harness, scope string, field int) {
	h.T.Helper()
	choose(h, scope)
	h.Press("enter")
	for range field {
		h.Press("down")
	}
	h.Press("enter")
	h.WantView("PNG or JPEG, 5 MiB max")
}

// Files the model refuses are refused with its reason, the form stays open with the path
// to correct, and nothing changes.
func TestImageRefusals(t *testing.T) {
	dir := t.TempDir()
	good := pngBytes(t, 48, 16)
	tests := []struct {
		name, path, want string
	}{
		{"a GIF renamed .png", writeFile(t, dir, "logo.png", gifBytes(t)), `not a PNG or JPEG image (starts with "GIF89a"): it is a GIF`},
		{"a truncated PNG", writeFile(t, dir, "cut.png", good[:len(good)/2]), "PNG is damaged"},
		{"5 MiB + 1 byte", writeFile(t, dir, "big.png", paddedPNG(t, model.MaxImageBytes+1)), "larger than the 5 MiB limit (5,242,881 bytes)"},
		{"a directory", dir, "a directory, not an image file"},
		{"nothing there", filepath.Join(dir, "none.png"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newPane(t, model.Default(), panetest.Size(120, 30))
				openImage(h, "de", 2)
				h.Type(tt.path).Press("enter")
				wantText(h, "✗ refused: "+tt.path+": ", tt.want)
				if len(h.Edits) != 0 || !h.Pane.Capturing() {
					t.Fatalf("edits %q, capturing %v", h.Edits, h.Pane.Capturing())
				}
				// Typing again forgets the refusal; esc leaves.
				h.Type("x")
				h.NotView("refused")
				h.Press("esc")
				if h.Pane.Capturing() || h.Draft.Current().Branding.Locales["de"].HeaderImage != nil {
					t.Fatal("esc did not leave, or something was set")
				}
			})
		})
	}
}

// A PNG is set with its type, size and dimensions, and previewed in half blocks (░▒▓█
// without colour).
func TestSetImage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		path := writeFile(t, dir, "logo.png", pngBytes(t, 48, 16))
		h := newPane(t, model.Default())
		openImage(h, "de", 2)
		h.Type(dir + "/lo").Press("tab")
		h.WantView("› " + path)
		h.Press("enter")
		img := h.Draft.Current().Branding.Locales["de"].HeaderImage
		if img == nil || img.Width != 48 || img.MediaType != "image/png" {
			t.Fatalf("header image %+v", img)
		}
		if l := fieldLine(h, "Header"); !strings.Contains(l, "PNG 48×16") || !strings.Contains(l, "this locale") {
			t.Fatalf("header line %q", l)
		}
		h.WantView("Header image · this locale", "PNG · "+sizeText(len(img.Data))+" · 48×16")
		if got := flagsOf(h, "de"); got != "·· ●··" {
			t.Fatalf("de's flags: %q", got)
		}
		if !strings.ContainsAny(h.View(), "░▒▓█") {
			t.Fatalf("no picture:\n%s", h.View())
		}
		// The next image starts in the same directory.
		h.Press("down", "enter")
		h.WantView("› " + dir + "/")
	})
}

// R asks first, saying how many colours in how many scopes it clears; n keeps them, y
// clears them all as one undo step, and R is then off with its reason.
func TestResetAllColours(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.Branding.Default = model.BrandScope{PrimaryColor: "#111111", SecondaryColor: "#222222"}
		s.Branding.Locales["de"] = model.BrandScope{PrimaryColor: "#333333", HeaderImage: model.NewImage(pngBytes(t, 4, 4))}
		s.Branding.Locales["fr"] = model.BrandScope{SecondaryColor: "#444444"}
		s.Branding.Locales["it"] = model.BrandScope{PrimaryColor: "#555555"}
		h := newPane(t, s, panetest.Size(100, 30))
		h.Press("R")
		wantText(h, "Reset all colours (5)?", "This clears 5 colours in 4 scopes", "Images stay")
		if !h.Pane.Capturing() {
			t.Fatal("the question does not take the keys")
		}
		h.Press("n")
		h.NotView("Reset all colours")
		if len(h.Edits) != 0 {
			t.Fatalf("n reset: %q", h.Edits)
		}
		h.Press("R", "y")
		if strings.Join(h.Edits, ",") != "all colours reset (5 values cleared)" {
			t.Fatalf("edits %q", h.Edits)
		}
		b := h.Draft.Current().Branding
		if c, _ := b.ColorCount(); c != 0 || b.Locales["de"].HeaderImage == nil {
			t.Fatalf("after reset: %d colours, de %+v", c, b.Locales["de"])
		}
		h.Press("R")
		h.NotView("Reset all colours")
		for _, col := range common.FullHelp(h.Pane.KeyMap()) {
			for _, k := range col {
				if k.Binding.Help().Key == "R" && (k.Binding.Enabled() || k.Reason != "no colour is set in any scope") {
					t.Fatalf("R after the reset: on %v, %q", k.Binding.Enabled(), k.Reason)
				}
			}
		}
	})
}

// Printable keys belong to the filter while it is typed: R and x are text there.
func TestFilterCaptures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.Branding.Default.PrimaryColor = "#111111"
		h := newPane(t, s)
		h.Press("/")
		if !h.Pane.Capturing() {
			t.Fatal("the filter does not capture keys")
		}
		h.Type("Rx")
		h.NotView("Reset all colours")
		h.WantView("/ Rx")
		h.Press("esc")
		if h.Pane.Capturing() {
			t.Fatal("esc left the filter capturing")
		}
	})
}

func TestReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := model.Default()
		s.Branding.Default.PrimaryColor = "#111111"
		h := newPane(t, s, panetest.ReadOnly())
		h.WantView(common.ReadOnlyNotice)
		h.Press("enter", "enter", "x", "R")
		if len(h.Edits) != 0 || h.Pane.Capturing() {
			t.Fatalf("read-only: edits %q, capturing %v", h.Edits, h.Pane.Capturing())
		}
	})
}

// Every state fits every size the pane can be given.
func TestEverySize(t *testing.T) {
	full := func(t *testing.T) model.Settings {
		s := model.Default()
		img := model.NewImage(pngBytes(t, 64, 20))
		for _, code := range model.BrandScopes() {
			s.Branding.SetColor(code, model.PrimaryColor, "#1A73E8")
			s.Branding.SetImage(code, model.HeaderImage, img)
		}
		return s
	}
	for name, keys := range map[string][]string{
		"list": nil, "filter": {"/", "e"}, "fields": {"enter"}, "colour": {"enter", "enter", "#", "1"},
		"image": {"enter", "down", "down", "enter"}, "reset": {"R"}, "preview": {"enter", "down", "down"},
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newPane(t, full(t))
				h.Press(keys...)
				h.EverySize(130, 40)
			})
		})
	}
}

// pgup and pgdn move to the scope above or below while staying on the field: one colour
// set in three locales is a few keys each.
func TestNextScopeKeepsField(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		choose(h, "de") // the list now holds de and the scopes matching "de"
		h.Press("esc")  // every scope again, the cursor still on de
		h.Press("enter", "down")
		for range 3 {
			h.Press("enter").Type("#00AA00").Press("enter", "pgdown")
		}
		b := h.Draft.Current().Branding
		for _, code := range []string{"de", "el", "he"} { // German, Greek, Hebrew
			if b.Scope(code).SecondaryColor != "#00AA00" {
				t.Errorf("%s: %+v", code, b.Scope(code))
			}
		}
		h.WantView("hu Hungarian", "› Secondary")
		h.Press("pgup")
		h.WantView("he Hebrew", "› Secondary")
		h.Press("home", "esc")
		if h.Pane.Capturing() {
			t.Fatal("esc left something open")
		}
	})
}

// While the text is no colour, enter is off: the footer leaves it out, the full help says
// why.
func TestColourFormKeys(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Press("enter", "enter").Type("#12")
		for _, b := range h.Pane.KeyMap().ShortHelp() {
			if b.Enabled() && b.Help().Key == "enter" {
				t.Fatal("the footer offers enter for a text that is no colour")
			}
		}
		found := false
		for _, col := range common.FullHelp(h.Pane.KeyMap()) {
			for _, k := range col {
				found = found || k.Binding.Help().Key == "enter" && k.Reason == "not a colour yet: #RRGGBB" && k.Shown()
			}
		}
		if !found {
			t.Fatal("the full help does not say why enter is off")
		}
		h.Type("3456")
		on := false
		for _, b := range h.Pane.KeyMap().ShortHelp() {
			on = on || b.Enabled() && b.Help().Key == "enter"
		}
		if !on {
			t.Fatal("enter is off for a colour")
		}
	})
}

// Over idvset serve the user is elsewhere: enter on an image opens no path field (it
// would list and read the server's files) and says why; colours work as ever.
func TestRemoteReadsNoFiles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, model.Default())
		h.Ctx.Remote = true
		h.Press("enter", "down", "down").WantSaid(panetest.Key("enter"), common.StatusMsg{Kind: common.StatusWarning,
			Text: "over idvset serve the editor cannot read your files (only the server's): set images with idvset import"})
		if h.Pane.Capturing() {
			t.Fatalf("a path field opened over idvset serve:\n%s", h.View())
		}
		found := false
		for _, col := range common.FullHelp(h.Pane.KeyMap()) {
			for _, k := range col {
				found = found || k.Binding.Help().Key == "enter" && strings.Contains(k.Reason, "idvset import")
			}
		}
		if !found {
			t.Fatal("the full help does not say why enter is off on an image")
		}
		h.Press("home", "enter").Type("#123456").Press("enter")
		if h.Draft.Current().Branding.Default.PrimaryColor != "#123456" {
			t.Fatal("colours are off over idvset serve too")
		}
	})
}

// An image of a stored revision (its bytes in the store, read when first needed) shows
// in the preview as one read from a file does: its caption, and its picture once the
// bytes are read, off the UI.
func TestStoredImagePreview(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		data := pngBytes(t, 48, 16)
		fresh := model.NewImage(data)
		reads := 0
		img := model.StoredImage(fresh.MediaType, fresh.SHA256, 48, 16, len(data), func(sha string) ([]byte, error) {
			reads++
			return data, nil
		})
		s := model.Default()
		s.Branding.Locales = map[string]model.BrandScope{"de": {HeaderImage: img}}
		s.Branding.Default.HeaderImage = img

		// While the editor starts on another pane, a new head decodes no picture.
		ctx := &common.Context{Width: 80, Height: 19, Styles: themes.New(themes.Mono()), Keys: common.NewKeyMap(), Draft: model.NewDraft(s), Head: 1}
		hidden := New(ctx)
		if _, cmd := hidden.Update(common.HeadMsg{Rev: 1}); cmd != nil {
			cmd()
		}
		if reads != 0 {
			t.Fatalf("a pane never shown read its image %d times", reads)
		}

		h := newPane(t, s) // shown: the default scope's header image is previewed
		choose(h, "de")
		h.WantView("PNG · " + sizeText(len(data)) + " · 48×16")
		if !strings.ContainsAny(h.View(), "░▒▓█") {
			t.Fatalf("no picture:\n%s", h.View())
		}
		if reads != 1 {
			t.Fatalf("the image's bytes were read %d times, want once (one image in two scopes)", reads)
		}
	})
}

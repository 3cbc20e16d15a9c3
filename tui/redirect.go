package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
)

// redirectPane previews where the end user's browser goes after a verification: the
// success and error URLs with the parameters the portal appends, wrapped whole, since
// an admin must be able to read every character of them.
type redirectPane struct {
	ctx           *Context
	keys          ListKeys
	scroll        scroller
	width, height int
}

// newRedirectPane returns the Redirect pane.
func newRedirectPane(ctx *Context) *redirectPane {
	k := NewListKeys()
	// A preview: it scrolls, and there is nothing to pick, edit or mark.
	for _, b := range []*key.Binding{&k.Edit, &k.Back, &k.Filter, &k.Toggle, &k.MarkAll} {
		b.SetEnabled(false)
	}
	k.Move.SetHelp("↑↓", "scroll")
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
	return &redirectPane{ctx: ctx, keys: k}
}

func (p *redirectPane) Title() string { return SectionRedirect.String() }

func (p *redirectPane) Capturing() bool { return false }

func (p *redirectPane) KeyMap() help.KeyMap { return p.keys }

// SetSize takes the new size; the scroll offset is clamped when drawn, so a resize
// costs nothing.
func (p *redirectPane) SetSize(width, height int) {
	p.width, p.height = width, height
}

// bodyHeight is what is left under the title.
func (p *redirectPane) bodyHeight() int { return max(p.height-2, 0) }

func (p *redirectPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		p.scroll.update(k, p.keys, len(p.lines()), p.bodyHeight())
	}
	return p, nil
}

func (p *redirectPane) View() string {
	st := p.ctx.Styles
	title := st.Title.Render("Redirect") + st.Hint.Render("  where the end user's browser is sent after a verification")
	return title + "\n\n" + p.scroll.show(p.lines(), p.bodyHeight(), st.Hint)
}

// lines is the whole preview, wrapped to the pane's width.
func (p *redirectPane) lines() []string {
	s := p.ctx.Draft.Current()
	var out []string
	out = append(out, p.preview("After success", "general.successUrl", s.General.SuccessURL, "SUCCESS",
		s.Branding, model.SuccessImage, "success")...)
	out = append(out, "")
	out = append(out, p.preview("After an error", "general.errorUrl", s.General.ErrorURL, "ERROR",
		s.Branding, model.ErrorImage, "error")...)
	return out
}

// preview is one redirect: the final URL, or where the end user stays when none is set,
// then the URL's violations.
func (p *redirectPane) preview(title, path, url, status string, b model.Branding,
	image model.BrandField, word string) []string {
	st := p.ctx.Styles
	w := max(p.width-valueIndent, 1)
	indent := strings.Repeat(" ", valueIndent)
	out := []string{st.Label.Render(title)}
	var body []string
	if url == "" {
		note := fmt.Sprintf("%s URL not set: the end user stays on the portal's own %s page, which shows %s.",
			capitalize(word), word, brandingImage(b, image, word))
		body = append(body, strings.Split(st.Hint.Render(wrapText(note, w)), "\n")...)
	} else {
		final := model.RedirectPreview(url, status)
		for _, l := range strings.Split(hardWrap(final, w), "\n") {
			body = append(body, st.Value.Render(l))
		}
	}
	body = append(body, violationLines(st, p.ctx.Violations.At(path), w)...)
	for _, l := range body {
		out = append(out, indent+l)
	}
	return out
}

// brandingImage names the image the portal's own result page shows: the default scope's
// when set, else the vendor's; locales may have their own.
func brandingImage(b model.Branding, f model.BrandField, word string) string {
	img := b.Default.SuccessImage
	if f == model.ErrorImage {
		img = b.Default.ErrorImage
	}
	what := fmt.Sprintf("the vendor's default %s image", word)
	if img != nil {
		what = fmt.Sprintf("your %s image (%d×%d, Branding, default scope)", word, img.Width, img.Height)
	}
	n := 0
	for _, sc := range b.Locales {
		if (f == model.ErrorImage && sc.ErrorImage != nil) || (f == model.SuccessImage && sc.SuccessImage != nil) {
			n++
		}
	}
	switch n {
	case 0:
		return what
	case 1:
		return what + "; 1 locale has its own"
	}
	return fmt.Sprintf("%s; %d locales have their own", what, n)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

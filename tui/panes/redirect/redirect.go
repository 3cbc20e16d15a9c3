// Package redirect is the Redirect section (PRODUCT.md §1.1): a preview of where the end
// user's browser goes after a verification, with the parameters the portal appends.
package redirect

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
)

// Pane previews the success and error redirects, wrapped whole, since an admin must be
// able to read every character of them.
type Pane struct {
	ctx           *common.Context
	keys          common.ListKeys
	scroll        common.Scroller
	width, height int
}

// New returns the Redirect pane.
func New(ctx *common.Context) *Pane {
	return &Pane{ctx: ctx, keys: common.Scrolling()}
}

// Title names the section.
func (p *Pane) Title() string { return "Redirect" }

// ShortTitle is the title: it is short already.
func (p *Pane) ShortTitle() string { return "Redirect" }

// Capturing is always false: nothing here takes text.
func (p *Pane) Capturing() bool { return false }

// KeyMap offers scrolling while the preview does not fit, and says why not when it does.
func (p *Pane) KeyMap() help.KeyMap {
	k := p.keys
	k.SetScrollEnabled(len(p.lines()) > p.bodyHeight())
	return keyMap{k}
}

// keyMap is the scrolling keys, with why they are off.
type keyMap struct{ common.ListKeys }

// ExplainedHelp is the full help: the scrolling keys, or one line saying why they are off.
func (k keyMap) ExplainedHelp() [][]common.KeyHelp {
	if !k.Up.Enabled() {
		// One line for all of them: they are off together, for one reason.
		all := key.NewBinding(key.WithKeys("up"), key.WithHelp("↑↓ pgup pgdn home end", "scroll"))
		all.SetEnabled(false)
		return [][]common.KeyHelp{{common.Explain(all, "the whole preview is in sight")}}
	}
	var col []common.KeyHelp
	for _, b := range []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End} {
		col = append(col, common.Explain(b, ""))
	}
	return [][]common.KeyHelp{col}
}

// SetSize takes the new size; the scroll offset is clamped when drawn, so a resize
// costs nothing.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
}

// valueIndent is where a preview starts, under its heading.
const valueIndent = 4

// bodyHeight is what is left under the title.
func (p *Pane) bodyHeight() int { return max(p.height-2, 0) }

// Update scrolls.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		p.scroll.Update(k, p.keys, len(p.lines()), p.bodyHeight())
	}
	return p, nil
}

// View draws the title and the window of the preview.
func (p *Pane) View() string {
	st := p.ctx.Styles
	title := st.Title.Render("Redirect") + st.Hint.Render("  where the end user is sent after a verification")
	return common.Truncate(title, p.width) + "\n\n" + p.scroll.Show(p.lines(), p.bodyHeight(), st.Hint)
}

// lines is the whole preview, wrapped to the pane's width.
func (p *Pane) lines() []string {
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
func (p *Pane) preview(title, path, url, status string, b model.Branding,
	image model.BrandField, word string) []string {
	st := p.ctx.Styles
	w := max(p.width-valueIndent, 1)
	indent := strings.Repeat(" ", valueIndent)
	out := []string{st.Label.Render(title)}
	var body []string
	if url == "" {
		note := fmt.Sprintf("%s URL not set: the end user stays on the portal's own %s page, which shows %s.",
			capitalize(word), word, brandingImage(b, image, word))
		body = append(body, strings.Split(st.Hint.Render(common.Wrap(note, w)), "\n")...)
	} else {
		// Escaped, then wrapped as one unit: broken inside only because it is wider
		// than the line.
		final := common.Safe(model.RedirectPreview(url, status))
		for _, l := range strings.Split(common.Wrap(final, w), "\n") {
			body = append(body, st.Value.Render(l))
		}
	}
	body = append(body, common.ViolationLines(st, p.ctx.Violations.At(path), w)...)
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

package client

import (
	"fmt"
	"strings"

	"idvset/model"
	"idvset/tui/common"
)

// valueIndent is where values, forms and violations start, under the label.
const valueIndent = 4

// pickerChrome is the lines above the language picker: its title and how to search.
const pickerChrome = 2

// fieldInfo is what the list says of a setting besides its value.
type fieldInfo struct {
	label, limit, hint, path string
}

var infos = [fieldCount]fieldInfo{
	fieldCapture: {"Capture method", "3 ways", "how the end user may submit images of their ID", "client.captureMethod"},
	fieldSkipIntro: {"Skip intro", "on or off", "bypass the introductory screen of the verification client",
		"client.skipIntro"},
	fieldPrefix: {"Domain prefix", fmt.Sprintf("a-z 0-9 -, %d max", model.MaxDomainPrefixLen),
		"your own address for the verification page: https://<prefix>." + model.ClientHost, "client.domainPrefix"},
	fieldLanguage: {"Default language", fmt.Sprintf("%d languages", len(model.Locales())),
		"the language the verification client is shown in", "client.defaultLanguage"},
}

// View draws the settings as blocks under the title, scrolled by whole blocks so that
// the selected one is in sight; or the language picker.
func (p *Pane) View() string {
	if p.languages != nil {
		return p.pickerView()
	}
	st := p.ctx.Styles
	// Past 100 columns a limit at the far right is too far from its label to read.
	w := min(p.width, 100)
	head := [2]string{common.Truncate(st.Title.Render("Client")+st.Hint.Render("  what the end user's verification client does"), p.width), ""}
	if p.ctx.ReadOnly {
		head[1] = st.Warning.Render(common.Truncate(common.ReadOnlyNotice, p.width))
	}
	blocks := make([][]string, fieldCount)
	for f := range fieldCount {
		blocks[f] = p.block(f, w)
	}
	info := infos[p.cursor]
	return common.Blocks(st, head, blocks, common.Truncate(info.hint, w), int(p.cursor), p.height)
}

// block draws one setting: its label and limit (the selected one marked with › and
// reverse video), then its value or its open form, its violations, and what it is for.
func (p *Pane) block(f field, w int) []string {
	st := p.ctx.Styles
	info := infos[f]
	selected := f == p.cursor
	row := common.BlockLabel(st, info.label, info.limit, selected, w)
	vw := w - valueIndent
	var body []string
	if selected && p.form != nil {
		body = p.form.view(vw)
	} else {
		text, unset := p.value(f)
		style := st.Value
		if unset {
			style = st.Hint
		}
		body = append(body, style.Render(common.Truncate(text, vw)))
		body = append(body, common.ViolationLines(st, p.ctx.Violations.At(info.path), vw)...)
	}
	out := []string{row}
	indent := strings.Repeat(" ", valueIndent)
	for _, l := range body {
		out = append(out, indent+l)
	}
	return out
}

// value is a setting's value in one line, escaped, and whether it is unset.
func (p *Pane) value(f field) (string, bool) {
	c := p.client()
	switch f {
	case fieldCapture:
		return captureText(c.CaptureMethod), false
	case fieldSkipIntro:
		if c.SkipIntro {
			return "on: the introductory screen is skipped", false
		}
		return "off: the end user sees the introductory screen first", false
	case fieldPrefix:
		if c.DomainPrefix == "" {
			return "not set: the vendor's own address", true
		}
		return common.Safe(c.DomainPrefix) + " → " + common.Safe(model.ClientURL(c.DomainPrefix)), false
	}
	text, unset := languageText(c.DefaultLanguage)
	return common.Safe(text), unset
}

// pickerView is the language picker under its title.
func (p *Pane) pickerView() string {
	st := p.ctx.Styles
	p.languages.UseTheme(st)
	cur, _ := languageText(p.client().DefaultLanguage)
	title := st.Title.Render("Default language") + st.Hint.Render("  now: "+common.Safe(cur))
	how := st.Hint.Render("type a name, its own name or its code (germ, deutsch, de, pt-BR)")
	head := []string{common.Truncate(title, p.width), common.Truncate(how, p.width)}
	if p.height <= pickerChrome {
		return strings.Join(head[:max(p.height, 0)], "\n")
	}
	return strings.Join(head, "\n") + "\n" + p.languages.View()
}

package security

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/components/qrcode"
)

// The enrolment's second step draws the secret as a QR code beside what to do with it: at
// 80x24 the code (37x19) and a 41-column text fit side by side. A narrower or lower pane
// puts the code above the text when it is tall enough, else shows the secret and the URI
// alone and says why there is no QR code.

// minTextBeside and maxText bound the width of the text column beside the QR code.
const (
	minTextBeside = 34
	maxText       = 72
)

// qr is the QR code of the secret offered, as the dialog draws it (drawn once each way).
func (d *dialog) qr() []string {
	i := 0
	if d.invert {
		i = 1
	}
	if d.qrLines[i] == nil {
		d.qrLines[i] = qrcode.Lines(d.key.URI, d.invert)
	}
	return d.qrLines[i]
}

// qrSize is the QR code's width and height in cells.
func (d *dialog) qrSize() (int, int) {
	lines := d.qr()
	if len(lines) == 0 {
		return 0, 0
	}
	return lipgloss.Width(lines[0]), len(lines)
}

// qrSide returns the width of the text column beside the QR code, when both fit.
func (d *dialog) qrSide() (int, bool) {
	qw, qh := d.qrSize()
	tw := d.width - qw - 2
	return tw, qw > 0 && tw >= minTextBeside && d.height >= qh
}

// groupedSecret is the Base32 secret in groups of four, as apps accept it typed.
func groupedSecret(s string) string {
	var groups []string
	for len(s) > 4 {
		groups = append(groups, s[:4])
		s = s[4:]
	}
	return strings.Join(append(groups, s), " ")
}

// confirmText is the column of instructions, the secret, the code's form and the URI,
// one line a string, none wider than w.
func (d *dialog) confirmText(w int) []string {
	st := d.ctx.Styles
	block := func(ink themes.Ink, s string) []string { return strings.Split(ink.Render(common.Wrap(s, w)), "\n") }
	lines := []string{st.Title.Render(common.Truncate(d.title(), w))}
	lines = append(lines, block(st.Hint, "Scan the QR code with your authenticator app, or add this key by hand:")...)
	lines = append(lines, block(st.Value, groupedSecret(d.key.Secret))...)
	lines = append(lines, block(st.Hint, common.Safe(d.key.Issuer+" ("+d.key.Account+")")+" · time-based · 6 digits")...)
	lines = append(lines, strings.Split(d.form.View(), "\n")...)
	lines = append(lines, d.status(w)...)
	lines = append(lines, st.Label.Render("otpauth URI:"))
	lines = append(lines, block(st.Value, d.key.URI)...)
	lines = append(lines, block(st.Hint, "esc cancels: nothing is stored until a code is confirmed")...)
	return lines
}

// confirmView lays the QR code and the text out for the pane's size.
func (d *dialog) confirmView() string {
	st := d.ctx.Styles
	qr := make([]string, len(d.qr()))
	for i, l := range d.qr() {
		qr[i] = st.QRCode.Render(l)
	}
	qw, qh := d.qrSize()
	if tw, ok := d.qrSide(); ok {
		text := d.confirmText(min(tw, maxText))
		var out []string
		for i := range max(qh, len(text)) {
			left := strings.Repeat(" ", qw)
			if i < len(qr) {
				left = qr[i]
			}
			right := ""
			if i < len(text) {
				right = text[i]
			}
			out = append(out, left+"  "+right)
		}
		return fit(out, d.height)
	}
	text := d.confirmText(max(d.width, 1))
	if qw > 0 && qw <= d.width && qh+len(text) <= d.height {
		return fit(append(qr, text...), d.height)
	}
	note := st.Warning.Render(common.Truncate("no room for the QR code: enlarge the terminal to 80x24", d.width))
	return fit(append([]string{text[0], note}, text[1:]...), d.height)
}

// reveal shows secrets once: the recovery codes of an enrolment, a credential's new
// secret. Leaving it forgets them.
type reveal struct {
	title string
	note  string   // what to do with them, said plainly
	rows  []string // the secrets, and what they belong to
	codes []string // recovery codes, drawn in columns
}

var doneKey = key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "done: I have copied it"))

func (r *reveal) view(ctx *common.Context, width, height int) string {
	st := ctx.Styles
	w := max(width, 1)
	lines := []string{st.Title.Render(common.Truncate(r.title, w)), ""}
	lines = append(lines, strings.Split(st.Warning.Render(common.Wrap(r.note, w)), "\n")...)
	lines = append(lines, "")
	for _, row := range r.rows {
		lines = append(lines, st.Value.Render(common.Truncate(row, w)))
	}
	// Two columns of codes where they fit, so eight need four lines.
	const codeW = 19
	perLine := max(1, min(2, (w+3)/(codeW+3)))
	for i := 0; i < len(r.codes); i += perLine {
		end := min(i+perLine, len(r.codes))
		lines = append(lines, st.Value.Render(common.Truncate("  "+strings.Join(r.codes[i:end], "   "), w)))
	}
	done := "press enter once it is stored somewhere safe"
	if len(r.codes) > 0 {
		done = "press enter once they are stored somewhere safe"
	}
	lines = append(lines, "", st.Hint.Render(common.Truncate(done, w)))
	return fit(lines, height)
}

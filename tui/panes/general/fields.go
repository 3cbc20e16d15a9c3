package general

import (
	"fmt"
	"strconv"
	"strings"

	"idvset/model"
	"idvset/tui/common"
)

// fieldKind says how a General field is typed and checked.
type fieldKind int

const (
	kindURL     fieldKind = iota // one line, checked by model.CheckURL
	kindMinutes                  // a whole number of minutes
	kindDomains                  // a list, one per line
)

// field describes one field of the General pane: where it lives in the document,
// what it is called, and how its text becomes an edit.
type field struct {
	path  string // the violation path, e.g. "general.callbackUrl"
	label string // as listed, e.g. "Callback URL"
	name  string // in running text and undo messages, e.g. "callback URL"
	hint  string // what the field is for
	kind  fieldKind
	limit int // URL length limit; 0 for other kinds
	// text is the field's value as the form edits it.
	text func(model.General) string
	// set stores a value that parse accepted.
	set func(*model.General, string)
}

// fields lists the fields in the portal's order.
func fields() []field {
	return []field{
		urlField("callbackUrl", "Callback URL", "callback URL",
			"where the portal posts each verification result",
			model.MaxCallbackURLLen,
			func(g model.General) string { return g.CallbackURL },
			func(g *model.General, v string) { g.CallbackURL = v }),
		urlField("successUrl", "Success URL", "success URL",
			"where the end user is sent after a successful verification",
			model.MaxSuccessURLLen,
			func(g model.General) string { return g.SuccessURL },
			func(g *model.General, v string) { g.SuccessURL = v }),
		urlField("errorUrl", "Error URL", "error URL",
			"where the end user is sent when the verification fails",
			model.MaxErrorURLLen,
			func(g model.General) string { return g.ErrorURL },
			func(g *model.General, v string) { g.ErrorURL = v }),
		{
			path: "general.tokenLifetimeMinutes", label: "Token lifetime", name: "token lifetime",
			hint: "how long a verification link stays valid, in minutes",
			kind: kindMinutes,
			text: func(g model.General) string { return strconv.Itoa(g.TokenLifetimeMinutes) },
			set: func(g *model.General, v string) {
				n, _ := parseMinutes(v)
				g.TokenLifetimeMinutes = n
			},
		},
		{
			path: "general.ownedDomains", label: "Owned domains", name: "owned domains",
			hint: "when set, every URL must be on one of these domains or a subdomain",
			kind: kindDomains,
			text: func(g model.General) string { return strings.Join(g.OwnedDomains, "\n") },
			set:  func(g *model.General, v string) { g.OwnedDomains = splitDomains(v) },
		},
	}
}

func urlField(key, label, name, hint string, limit int,
	text func(model.General) string, set func(*model.General, string)) field {
	return field{
		path: "general." + key, label: label, name: name, hint: hint,
		kind: kindURL, limit: limit, text: text, set: set,
	}
}

// parse turns the form's text into a value the document can hold. Only a token lifetime
// that is not a number is refused here: every other value goes into the draft, valid or
// not, so nothing typed is lost, and validation says what is wrong with it.
func (f field) parse(v string) error {
	if f.kind == kindMinutes {
		_, err := parseMinutes(v)
		return err
	}
	return nil
}

// edit is the draft edit that stores v, which parse accepted.
func (f field) edit(v string) model.Edit {
	return model.Edit{
		Label: f.name,
		Apply: func(s *model.Settings) { f.set(&s.General, v) },
	}
}

// limitHint is the field's limit as the list shows it.
func (f field) limitHint() string {
	switch f.kind {
	case kindURL:
		return fmt.Sprintf("%d characters max", f.limit)
	case kindMinutes:
		return fmt.Sprintf("%d–%d minutes", model.MinTokenLifetimeMinutes, model.MaxTokenLifetimeMinutes)
	}
	return "one per line"
}

// display is the value as the list shows it, in one line, escaped: a value may hold
// control characters (typed, imported or stored) that must not reach the terminal.
func (f field) display(g model.General) (text string, unset bool) {
	switch f.kind {
	case kindMinutes:
		return fmt.Sprintf("%d minutes", g.TokenLifetimeMinutes), false
	case kindDomains:
		if len(g.OwnedDomains) == 0 {
			return "none: URLs may be on any domain", true
		}
		shown := make([]string, len(g.OwnedDomains))
		for i, d := range g.OwnedDomains {
			shown[i] = common.Safe(d)
		}
		return strings.Join(shown, ", "), false
	}
	if v := f.text(g); v != "" {
		return common.Safe(v), false
	}
	return "not set", true
}

// parseMinutes reads a whole number of minutes; the range is model.Validate's to judge.
func parseMinutes(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("token lifetime: a whole number of minutes, not %q", strings.TrimSpace(v))
	}
	return n, nil
}

// splitDomains reads one domain per line; spaces and commas separate too, since no
// domain contains them and pasted lists often use them.
func splitDomains(v string) []string {
	return append([]string{}, strings.FieldsFunc(v, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})...)
}

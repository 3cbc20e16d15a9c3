package common

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// Bindings adapts a flat list of bindings to help.KeyMap: one column in the full help.
type Bindings []key.Binding

// ShortHelp is the list.
func (b Bindings) ShortHelp() []key.Binding { return b }

// FullHelp is the list as one column.
func (b Bindings) FullHelp() [][]key.Binding {
	if len(b) == 0 {
		return nil
	}
	return [][]key.Binding{b}
}

// KeyHelp is a key as the full help lists it: the binding, and when it is off, why
// ("nothing changed yet"). The full help draws a disabled key with a reason dim, after
// its description, so that a new user learns what a key is for before it works; a
// disabled key without a reason is one that means nothing here, and is left out.
type KeyHelp struct {
	Binding key.Binding
	Reason  string
}

// Explain pairs b with why it is off; the reason is dropped while b is enabled, so a
// key map can state its reasons once, whatever its state.
func Explain(b key.Binding, reason string) KeyHelp {
	if b.Enabled() {
		reason = ""
	}
	return KeyHelp{Binding: b, Reason: reason}
}

// Explainer is a key map that says why its disabled keys do nothing right now. The full
// help uses ExplainedHelp in place of FullHelp when a key map implements it.
type Explainer interface {
	ExplainedHelp() [][]KeyHelp
}

// FullHelp returns km's keys for the full help, in columns: ExplainedHelp when km is an
// Explainer, else FullHelp without reasons.
func FullHelp(km help.KeyMap) [][]KeyHelp {
	if e, ok := km.(Explainer); ok {
		return e.ExplainedHelp()
	}
	var out [][]KeyHelp
	for _, col := range km.FullHelp() {
		var c []KeyHelp
		for _, b := range col {
			c = append(c, KeyHelp{Binding: b})
		}
		out = append(out, c)
	}
	return out
}

// Shown reports whether the full help lists k: enabled, or off with a reason.
func (k KeyHelp) Shown() bool {
	h := k.Binding.Help()
	return h.Key != "" && (k.Binding.Enabled() || k.Reason != "")
}

// Reasoned pairs a component's full-help columns with the reasons it gives for its keys
// that are off (picker and table HelpReasons: the same columns, "" for a key that works).
func Reasoned(cols [][]key.Binding, why [][]string) [][]KeyHelp {
	out := make([][]KeyHelp, len(cols))
	for i, col := range cols {
		for j, b := range col {
			reason := ""
			if i < len(why) && j < len(why[i]) {
				reason = why[i][j]
			}
			out[i] = append(out[i], Explain(b, reason))
		}
	}
	return out
}

// ReasonedKeys is a help.KeyMap (and an Explainer) made of a component's bindings and its
// reasons, for a pane that shows the component on its own (a picker over the pane).
type ReasonedKeys struct {
	Short []key.Binding
	Full  [][]key.Binding
	Why   [][]string
}

// ShortHelp is Short.
func (r ReasonedKeys) ShortHelp() []key.Binding { return r.Short }

// FullHelp is Full.
func (r ReasonedKeys) FullHelp() [][]key.Binding { return r.Full }

// ExplainedHelp is Full with Why.
func (r ReasonedKeys) ExplainedHelp() [][]KeyHelp { return Reasoned(r.Full, r.Why) }

package branding

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"idvset/model"
	"idvset/tui/components/table"
)

// The scope list's columns.
const (
	colCode = iota
	colName
	colSet
)

// defaultName is the default scope as the list names it.
const defaultName = "Default (all)"

// scope is one row of the list: "default" or a locale.
type scope struct {
	key    string // "default" or the locale code
	name   string // English name
	native []string
}

// allScopes are the default scope and the 39 locales, in the list's order.
func allScopes() []scope {
	var out []scope
	for _, key := range model.BrandScopes() {
		if key == model.ScopeDefault {
			out = append(out, scope{key: key, name: defaultName})
			continue
		}
		l, _ := model.LocaleByCode(key)
		out = append(out, scope{key: key, name: l.Name, native: model.NativeNames(key)})
	}
	return out
}

// newScopeTable is the list of scopes: code, English name, and which fields the scope
// sets itself ("●" set here, "·" inherited), colours then images. The filter matches the
// name, the code and the name in the language itself.
func newScopeTable(st table.Styles) table.Model {
	t := table.New([]table.Column{
		{Title: "code", Width: 5},
		{Title: "language", Width: 8, Flex: 1, Max: 26, Drop: 1},
		{Title: "set", Width: flagsWidth},
	}, st)
	t.SetNoun("scope", "scopes")
	t.SetFilterFields(table.FilterFields{Title: colName, Code: colCode})
	// A scope is edited, not marked for a bulk action.
	for _, b := range []*key.Binding{&t.KeyMap.Mark, &t.KeyMap.MarkAll, &t.KeyMap.ClearMarks, &t.KeyMap.Invert} {
		b.Unbind()
	}
	return t
}

// flagsWidth is the width of the set column: "●· ●··".
const flagsWidth = 6

// flags says which fields a scope sets itself: the two colours, a space, the three
// images.
func flags(sc model.BrandScope) string {
	var b strings.Builder
	for i, f := range model.BrandFields() {
		if i == 2 {
			b.WriteByte(' ')
		}
		if sc.IsSet(f) {
			b.WriteString("●")
		} else {
			b.WriteString("·")
		}
	}
	return b.String()
}

// scopeRows are the table's rows for the branding in b.
func scopeRows(scopes []scope, b model.Branding) []table.Row {
	rows := make([]table.Row, len(scopes))
	for i, s := range scopes {
		code := s.key
		if s.key == model.ScopeDefault {
			code = ""
		}
		rows[i] = table.Row{Key: s.key, Cells: []string{code, s.name, flags(b.Scope(s.key))}, Keywords: s.native}
	}
	return rows
}

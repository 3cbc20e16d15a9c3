package table

import (
	"charm.land/bubbles/v2/textinput"

	"idvset/themes"
	"idvset/tui/components/internal/cells"
	"idvset/tui/components/internal/filterinput"
)

// Kind is what a cell means, for its style: a pane says "warning", the palette says
// which colour. Colour is never the only sign: the cell's words must say it too
// ("✓ unsupported", not a yellow "✓").
type Kind int

// The kinds of cell.
const (
	KindNormal  Kind = iota // ordinary text
	KindMuted               // not applicable, inherited, unset
	KindAccent              // something to notice
	KindSuccess             // on, accepted, valid
	KindWarning             // allowed but worth a second look ("accepted, unsupported")
	KindError               // wrong
	kinds
)

// CellKindFunc tells the kind of the cell of the row with key in column col. The table
// calls it only for the cells it draws, so it may look things up.
type CellKindFunc func(key string, col int) Kind

// Styles is how the table draws. NewStyles builds it from the editor's styles.
type Styles struct {
	Header themes.Ink // column titles
	// Selected is the cursor row's gutter ("›") and cursor cell: reverse video in mono.
	Selected themes.Ink
	Marked   themes.Ink // the "●" in front of a marked row
	Match    themes.Ink // the characters the filter matched (underlined)
	Info     themes.Ink // the counts, the empty-result line, the kept filter
	// Cells styles cells by kind.
	Cells [kinds]themes.Ink
	Input textinput.Styles

	from *themes.Styles
}

// NewStyles builds the table's styles from the editor's.
func NewStyles(st *themes.Styles) Styles {
	s := Styles{
		Header: st.Label, Selected: st.Selected, Marked: st.Marked,
		Match: st.Match, Info: st.Hint, Input: filterinput.Styles(st), from: st,
	}
	s.Cells[KindNormal] = st.Value
	s.Cells[KindMuted] = st.Hint
	s.Cells[KindAccent] = st.Title
	s.Cells[KindSuccess] = st.Success
	s.Cells[KindWarning] = st.Warning
	s.Cells[KindError] = st.Error
	return s
}

// inks are the styles split for nesting, computed once per SetStyles.
type inks struct {
	header, selected, marked, match, info cells.Ink
	cells                                 [kinds]cells.Ink
}

func (s Styles) inks() inks {
	k := inks{
		header: cells.From(s.Header), selected: cells.From(s.Selected),
		marked: cells.From(s.Marked), match: cells.From(s.Match), info: cells.From(s.Info),
	}
	for i, c := range s.Cells {
		k.cells[i] = cells.From(c)
	}
	return k
}

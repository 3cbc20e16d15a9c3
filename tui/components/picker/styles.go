package picker

import (
	"charm.land/bubbles/v2/textinput"

	"idvset/themes"
	"idvset/tui/components/internal/cells"
	"idvset/tui/components/internal/filterinput"
)

// Styles is how the picker draws. NewStyles builds it from the editor's styles.
type Styles struct {
	Title    themes.Ink // item titles
	Code     themes.Ink // item codes
	Hint     themes.Ink // hints, the count, the empty-result line
	Selected themes.Ink // the row under the cursor (reverse video in mono; "›" marks it too)
	Marker   themes.Ink // the "›" in front of the cursor row
	Match    themes.Ink // the characters the filter matched (underlined)
	Current  themes.Ink // the word "current" on the item holding the current value
	Input    textinput.Styles

	from *themes.Styles
}

// NewStyles builds the picker's styles from the editor's.
func NewStyles(st *themes.Styles) Styles {
	return Styles{
		Title: st.Value, Code: st.Value, Hint: st.Hint, Selected: st.Selected,
		Marker: st.Marker, Match: st.Match, Current: st.Success,
		Input: filterinput.Styles(st), from: st,
	}
}

// inks are the styles split for nesting, computed once per SetStyles.
type inks struct {
	title, code, hint, selected, marker, match, current cells.Ink
}

func (s Styles) inks() inks {
	return inks{
		title: cells.From(s.Title), code: cells.From(s.Code), hint: cells.From(s.Hint),
		selected: cells.From(s.Selected), marker: cells.From(s.Marker),
		match: cells.From(s.Match), current: cells.From(s.Current),
	}
}

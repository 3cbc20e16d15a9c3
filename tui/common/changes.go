package common

import (
	"idvset/model"
	"idvset/themes"
)

// ChangeLines draws one change as "path: old → new" when it fits in w cells, else over
// three lines, each value wrapped as units (a URL is broken only where it is wider than
// the line), so long URLs are read whole. The review before a save and the History
// pane's diffs draw changes alike with it. Paths and values are printed through Safe.
func ChangeLines(st *themes.Styles, c model.Change, w int) []string {
	path, old, new := Safe(c.Path), changeValue(c.Old), changeValue(c.New)
	one := "  " + path + ": " + old + " → " + new
	if CellWidth(one) <= w {
		return []string{"  " + st.Label.Render(path+":") + " " + st.Old.Render(old) + " → " + st.New.Render(new)}
	}
	out := []string{"  " + st.Label.Render(Truncate(path+":", w-2))}
	for _, l := range Hang("- "+old, w-4, 2) {
		out = append(out, "    "+st.Old.Render(l))
	}
	for _, l := range Hang("+ "+new, w-4, 2) {
		out = append(out, "    "+st.New.Render(l))
	}
	return out
}

// changeValue is a value as a change prints it: empty reads "(not set)"; anything that is
// not printable is escaped (the model quotes strings already; this holds for every kind
// of value).
func changeValue(v string) string {
	if v == "" {
		return model.NotSet
	}
	return Safe(v)
}

package common

import (
	"idvset/model"
	"idvset/themes"
)

// ViolationLines renders violations one per line, wrapped to width with a hanging
// indent: "✗" for errors and "! warning:" for warnings, so they read without colour.
// Messages are printed through Safe.
func ViolationLines(st *themes.Styles, vs model.Violations, width int) []string {
	var out []string
	for _, v := range vs {
		text, style := "✗ "+Safe(v.Message), st.Error
		if v.Severity == model.Warning {
			text, style = "! warning: "+Safe(v.Message), st.Warning
		}
		for _, l := range Hang(text, width, 2) {
			out = append(out, style.Render(l))
		}
	}
	return out
}

package common

import "charm.land/bubbles/v2/key"

// ExplainColumns pairs a component's FullHelp with its HelpReasons (same columns, ""
// for a key that works), for a pane's ExplainedHelp: the picker, the table and the path
// field each say why their keys are off, and the pane passes it on.
func ExplainColumns(cols [][]key.Binding, why [][]string) [][]KeyHelp {
	out := make([][]KeyHelp, len(cols))
	for i, col := range cols {
		out[i] = make([]KeyHelp, len(col))
		for j, b := range col {
			reason := ""
			if i < len(why) && j < len(why[i]) {
				reason = why[i][j]
			}
			out[i][j] = Explain(b, reason)
		}
	}
	return out
}

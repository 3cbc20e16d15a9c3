package model

// Notes are the notes of the edits applied now (an undone edit's note goes with it),
// oldest first, each once: what a save of the draft says in its revision's summary.
func (d *Draft) Notes() []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range d.edits[:d.pos] {
		if e.Note != "" && !seen[e.Note] {
			seen[e.Note] = true
			out = append(out, e.Note)
		}
	}
	return out
}

package model

import (
	"maps"
	"slices"
)

// Edit is one change to a draft: a label for undo/redo and the function that applies it.
//
// Apply must depend only on the settings it is given and on values it captured: Rebase
// calls it again, on another base, after a save conflict.
type Edit struct {
	Label string
	Apply func(*Settings)
	// Note, when set, is said in the summary of the revision a save writes while the
	// edit is applied ("rollback to revision 2"): what the changes alone do not tell.
	Note string
}

// MaxUndo is how many edits can be undone. Older edits stay applied (and are replayed by
// Rebase) but can no longer be undone one by one; Reset or a fresh base discards them.
// A snapshot per step keeps Current cheap; 1000 bounds the memory those take.
const MaxUndo = 1000

// Draft is the settings being edited, with undo and redo, on top of a base revision.
//
// It keeps one snapshot of the settings per undo step, so Current, Undo and Redo cost
// nothing; Do clones the current settings once. Snapshots share image bytes. A Draft is
// for one goroutine (the editor's update loop).
type Draft struct {
	base  Settings
	edits []Edit      // every recorded edit: edits[:pos] applied, edits[pos:] the redo tail
	snaps []draftSnap // snaps[i] is the state after the first first+i edits
	first int         // edits before this one cannot be undone any more (MaxUndo)
	pos   int
}

// draftSnap is the settings after some edits, with their diff from the base once asked.
type draftSnap struct {
	s       Settings
	changes []Change
	diffed  bool
}

// NewDraft starts a draft from base. The draft keeps its own copy.
func NewDraft(base Settings) *Draft {
	d := &Draft{}
	d.Reset(base)
	return d
}

// Base returns the settings the draft started from. Callers must not modify it.
func (d *Draft) Base() Settings { return d.base }

// Current returns the settings as edited. Callers must not modify it; use Do.
func (d *Draft) Current() Settings { return d.snap().s }

func (d *Draft) snap() *draftSnap { return &d.snaps[d.pos-d.first] }

// Do applies an edit to a copy of the current settings. It returns false and records
// nothing when the edit changes nothing (compared as Diff compares); otherwise it drops
// anything that could have been redone.
func (d *Draft) Do(e Edit) bool {
	next, changed := apply(d.Current(), e)
	if !changed {
		return false
	}
	d.edits = append(d.edits[:d.pos], e)
	d.snaps = append(d.snaps[:d.pos-d.first+1], draftSnap{s: next})
	d.pos++
	d.trim()
	return true
}

// apply runs an edit on a clone of s and reports whether it changed anything.
func apply(s Settings, e Edit) (Settings, bool) {
	next := s.Clone()
	e.Apply(&next)
	if sameSettings(s, next) {
		return next, false
	}
	share(s, &next)
	return next, true
}

// share makes next reuse prev's maps and slices wherever the edit left them equal, so
// that MaxUndo snapshots of a large document cost little more than one (an edit touches
// one corner of it). Sharing is safe because snapshots are never modified: Do always
// edits a fresh clone. Nil is only shared for nil, so an empty list stays empty.
func share(prev Settings, next *Settings) {
	g, pg := &next.General, prev.General
	if (g.OwnedDomains == nil) == (pg.OwnedDomains == nil) && slices.Equal(g.OwnedDomains, pg.OwnedDomains) {
		g.OwnedDomains = pg.OwnedDomains
	}
	b, pb := &next.Branding, prev.Branding
	if (b.Locales == nil) == (pb.Locales == nil) && maps.Equal(b.Locales, pb.Locales) {
		b.Locales = pb.Locales
	}
	a, pa := &next.AcceptedIDs, prev.AcceptedIDs
	if (a.Regions == nil) == (pa.Regions == nil) && maps.Equal(a.Regions, pa.Regions) {
		a.Regions = pa.Regions
	}
	same := len(a.Countries) == len(pa.Countries) && (a.Countries == nil) == (pa.Countries == nil)
	for code, ts := range a.Countries {
		if old, ok := pa.Countries[code]; ok && (old == nil) == (ts == nil) && slices.Equal(old, ts) {
			a.Countries[code] = old
		} else {
			same = false
		}
	}
	if same {
		a.Countries = pa.Countries
	}
	same = len(next.Documents) == len(prev.Documents) && (next.Documents == nil) == (prev.Documents == nil)
	for i := range next.Documents {
		d := &next.Documents[i]
		if i >= len(prev.Documents) {
			same = false
			continue
		}
		p := prev.Documents[i]
		if (d.Translations == nil) == (p.Translations == nil) && maps.Equal(d.Translations, p.Translations) {
			d.Translations = p.Translations
		} else {
			same = false
		}
		if d.Code != p.Code || d.Name != p.Name || d.Label != p.Label || d.Enabled != p.Enabled {
			same = false
		}
	}
	if same {
		next.Documents = prev.Documents
	}
}

// trim forgets the oldest snapshots beyond MaxUndo steps, never the current one.
func (d *Draft) trim() {
	if over := min(len(d.snaps)-1-MaxUndo, d.pos-d.first); over > 0 {
		clear(d.snaps[:over]) // let the old settings be collected
		d.snaps = d.snaps[over:]
		d.first += over
	}
}

// Undo reverts the last edit and returns its label; false when there is nothing (left)
// to undo.
func (d *Draft) Undo() (string, bool) {
	if d.pos == d.first {
		return "", false
	}
	d.pos--
	return d.edits[d.pos].Label, true
}

// Redo re-applies the last undone edit and returns its label; false when there is none.
func (d *Draft) Redo() (string, bool) {
	if d.pos == len(d.edits) {
		return "", false
	}
	d.pos++
	return d.edits[d.pos-1].Label, true
}

// CanUndo reports whether Undo would do something.
func (d *Draft) CanUndo() bool { return d.pos > d.first }

// CanRedo reports whether Redo would do something.
func (d *Draft) CanRedo() bool { return d.pos < len(d.edits) }

// Changes lists what differs from the base (Diff(Base(), Current())). It is computed
// once per state, so calling it on every render is cheap.
func (d *Draft) Changes() []Change {
	sn := d.snap()
	if !sn.diffed {
		sn.changes, sn.diffed = Diff(d.base, sn.s), true
	}
	return slices.Clone(sn.changes)
}

// Dirty reports whether the draft differs from its base. Undoing every edit, or edits
// that cancel out, make it clean again.
func (d *Draft) Dirty() bool {
	sn := d.snap()
	if sn.diffed {
		return len(sn.changes) > 0
	}
	return !sameSettings(d.base, sn.s)
}

// Rebase re-applies the draft's edits on top of a new base (after a save conflict: "re-
// apply my changes on top of the new head") and keeps undo and redo working. Every
// recorded edit is replayed in order, the redo tail too so that it can still be redone;
// an edit that changes nothing on the new base (someone else made the same change) is
// dropped, as Do would have dropped it.
func (d *Draft) Rebase(newBase Settings) {
	edits, pos := d.edits, d.pos
	d.Reset(newBase)
	cur := d.base
	for i, e := range edits {
		next, changed := apply(cur, e)
		if !changed {
			continue
		}
		cur = next
		d.edits = append(d.edits, e)
		d.snaps = append(d.snaps, draftSnap{s: next})
		if i < pos {
			d.pos = len(d.edits)
		}
		d.trim()
	}
}

// Reset discards every edit and starts over from a new base.
func (d *Draft) Reset(newBase Settings) {
	d.base = newBase.Clone()
	d.edits = nil
	d.snaps = []draftSnap{{s: d.base}}
	d.first, d.pos = 0, 0
}

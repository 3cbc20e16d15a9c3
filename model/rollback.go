package model

import (
	"maps"
	"strings"
)

// Rollback returns what a rollback to the settings old saves on top of cur: old's
// content, except that
//   - every custom document of cur that old lacks is kept, disabled, after old's own:
//     a document can be disabled but never deleted (its code stays used for ever);
//   - security.twoFactor is cur's: only enrolment turns two-factor authentication on,
//     and only a confirmed disable turns it off, never a rollback.
//
// The store's rollback and the editor's both use it; the editor replays it on a new head
// after a save conflict, so it depends only on its arguments. Neither is modified.
func Rollback(old, cur Settings) Settings {
	out := old.Clone()
	for _, d := range cur.Documents {
		found := false
		for _, o := range out.Documents {
			if strings.EqualFold(o.Code, d.Code) {
				found = true
				break
			}
		}
		if !found {
			d.Enabled = false
			d.Translations = maps.Clone(d.Translations)
			out.Documents = append(out.Documents, d)
		}
	}
	out.Security.TwoFactor = cur.Security.TwoFactor
	return out
}

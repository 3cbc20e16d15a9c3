package security

import (
	"strings"
	"time"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/table"
)

// The credentials table's columns. At 80 columns the label, kind, scopes, id and revoked
// date fit; created and rotated are in the line under the table, and in their own
// columns from about 100.
const (
	colLabel = iota
	colKind
	colScopes
	colID
	colCreated
	colRotated
	colRevoked
)

var columns = []table.Column{
	colLabel:   {Title: "Label", Width: 12, Flex: 1, Max: 40},
	colKind:    {Title: "Kind", Width: 13},
	colScopes:  {Title: "Scopes", Width: 17, Drop: 2},
	colID:      {Title: "ID", Width: 16},
	colCreated: {Title: "Created", Width: 10, Drop: 3},
	colRotated: {Title: "Rotated", Width: 10, Drop: 4},
	colRevoked: {Title: "Revoked", Width: 10, Drop: 1},
}

// rows are the credentials as the table shows them, keyed by id.
func rows(creds []model.Credential) []table.Row {
	out := make([]table.Row, len(creds))
	for i, c := range creds {
		scopes := strings.Join(c.Scopes, " ")
		if scopes == "" {
			scopes = "-"
		}
		out[i] = table.Row{Key: c.ID, Cells: []string{
			common.Safe(c.Label), string(c.Kind), scopes, common.Safe(c.ID),
			day(c.Created), day(c.Rotated), day(c.Revoked),
		}}
	}
	return out
}

// day is a date as the table shows it (UTC), "-" for none.
func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02")
}

// cellKind dims revoked credentials (their REVOKED date says it in words).
func (p *Pane) cellKind(key string, col int) table.Kind {
	if c, ok := p.credential(key); ok && c.IsRevoked() {
		return table.KindMuted
	}
	return table.KindNormal
}

package data

import (
	"fmt"

	"idvset/model"
)

// rowKind says what a row of the Data pane is and what its keys do.
type rowKind int

const (
	rowField   rowKind = iota // an extraction field: space or enter switches it
	rowMRZList                // the MRZ ID-card countries: enter looks one up
	rowDays                   // retention: enter types the days, space switches to forever and back
	rowFraud                  // deleteFraud: space or enter switches it
)

// row is one selectable line of the pane.
type row struct {
	kind  rowKind
	field model.DataField // rowField only
}

// paneRows lists the rows in the portal's order: the eight fields (the MRZ countries
// right under the MRZ check), then retention.
func paneRows() []row {
	var out []row
	for _, f := range model.DataFieldList() {
		out = append(out, row{kind: rowField, field: f})
		if f == model.FieldMRZCheck {
			out = append(out, row{kind: rowMRZList})
		}
	}
	return append(out, row{kind: rowDays}, row{kind: rowFraud})
}

// section is the heading a row starts, or "".
func (r row) section() string {
	switch {
	case r.kind == rowField && r.field == model.FieldDateOfBirth:
		return "Extracted fields"
	case r.kind == rowDays:
		return "Retention"
	}
	return ""
}

// name is what the row is called in the list and in undo messages.
func (r row) name() string {
	switch r.kind {
	case rowMRZList:
		return "MRZ countries"
	case rowDays:
		return "Keep records"
	case rowFraud:
		return "Delete fraud too"
	}
	return r.field.Name()
}

// mrzCountries is the number of countries whose ID cards the MRZ check reads.
var mrzCountries = len(model.MRZCountries())

// box is the row's switch as text, so it reads without colour: "[x]", "[ ]", or blank
// for rows that are not switches.
func box(on bool) string {
	if on {
		return "[x]"
	}
	return "[ ]"
}

// cells are the row's switch, its value and its note, for the list.
func (r row) cells(s model.DataSettings) (sw, value, note string, implied bool) {
	switch r.kind {
	case rowField:
		on := s.Fields.Get(r.field)
		kind := "optional"
		if r.field.Mandatory() {
			kind = "mandatory"
		}
		_, implied = s.Fields.Processed(r.field)
		switch {
		case implied:
			note = "processed anyway: the MRZ check reads it"
		case r.field == model.FieldMRZCheck:
			note = fmt.Sprintf("passports, and ID cards of %d countries", mrzCountries)
		}
		return box(on), kind, note, implied
	case rowMRZList:
		return "   ", fmt.Sprintf("%d ID-card countries", mrzCountries), "enter or /: look one up", false
	case rowDays:
		return "   ", daysValue(s.Retention.PurgeAfterDays), "", false
	case rowFraud:
		on := s.Retention.DeleteFraud
		note := "fraud transactions are kept"
		if on {
			note = "purged with the other records"
		}
		if s.Retention.PurgeAfterDays == nil {
			note = "nothing is purged while records are kept forever"
		}
		return box(on), "", note, false
	}
	return "", "", "", false
}

// daysValue is a retention as the list shows it.
func daysValue(days *int) string {
	switch {
	case days == nil:
		return "forever"
	case *days == 1:
		return "1 day, then deleted"
	}
	return fmt.Sprintf("%d days, then deleted", *days)
}

// hint explains the selected row: what it is for, what its keys do, and for an implied
// field why it is processed anyway.
func (r row) hint(s model.DataSettings) string {
	switch r.kind {
	case rowField:
		if _, implied := s.Fields.Processed(r.field); implied {
			return "Off, yet processed: the MRZ check compares the date of birth, expiry date and personal " +
				"number in the machine-readable zone with the printed ones, so it reads all three."
		}
		if r.field == model.FieldMRZCheck {
			return "Checks the machine-readable zone of every passport and of the ID cards of the countries below; " +
				"when on, date of birth, expiry date and personal number are processed too."
		}
		return "When on, the " + lowerFirst(r.field.Name()) + " is extracted from each verified document."
	case rowMRZList:
		return fmt.Sprintf("The ID cards of these %d countries get the MRZ check (passports of every country do): "+
			"press enter or / and type a name or code to look one up.", mrzCountries)
	case rowDays:
		return fmt.Sprintf("Records are deleted this long after they are created: %d–%d days, or forever. "+
			"enter types the days; space switches to forever and back.", model.MinPurgeAfterDays, model.MaxPurgeAfterDays)
	case rowFraud:
		return "When on, fraud transactions are purged after the retention period like the others; when off, they are kept."
	}
	return ""
}

// path is where the row's violations are reported.
func (r row) path() string {
	switch r.kind {
	case rowDays:
		return "dataSettings.retention.purgeAfterDays"
	case rowFraud:
		return "dataSettings.retention.deleteFraud"
	case rowField:
		return "dataSettings.fields." + string(r.field)
	}
	return ""
}

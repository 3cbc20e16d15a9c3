package model

import (
	"fmt"
	"time"
)

// DataField names one extraction field of the data settings, as the document spells it.
type DataField string

// The extraction fields, mandatory first (PRODUCT.md §1.5).
const (
	FieldDateOfBirth    DataField = "dateOfBirth"
	FieldIDNumber       DataField = "idNumber"
	FieldFirstName      DataField = "firstName"
	FieldLastName       DataField = "lastName"
	FieldExpiryDate     DataField = "expiryDate"
	FieldUSState        DataField = "usState"
	FieldPersonalNumber DataField = "personalNumber"
	FieldMRZCheck       DataField = "mrzCheck"
)

// DataFieldList lists the extraction fields in the portal's order: the four mandatory
// ones, then the optional ones.
func DataFieldList() []DataField {
	return []DataField{FieldDateOfBirth, FieldIDNumber, FieldFirstName, FieldLastName,
		FieldExpiryDate, FieldUSState, FieldPersonalNumber, FieldMRZCheck}
}

// Mandatory reports a field the portal calls mandatory (on by default); the others are
// optional (off by default).
func (f DataField) Mandatory() bool {
	switch f {
	case FieldDateOfBirth, FieldIDNumber, FieldFirstName, FieldLastName:
		return true
	}
	return false
}

// Name is the field's English name, as the portal labels it.
func (f DataField) Name() string {
	switch f {
	case FieldDateOfBirth:
		return "Date of birth"
	case FieldIDNumber:
		return "ID number"
	case FieldFirstName:
		return "First name"
	case FieldLastName:
		return "Last name"
	case FieldExpiryDate:
		return "Expiry date"
	case FieldUSState:
		return "US state"
	case FieldPersonalNumber:
		return "Personal number"
	case FieldMRZCheck:
		return "MRZ check"
	}
	return string(f)
}

// field returns the switch of f in d, nil for an unknown name.
func (d *DataFields) field(f DataField) *bool {
	switch f {
	case FieldDateOfBirth:
		return &d.DateOfBirth
	case FieldIDNumber:
		return &d.IDNumber
	case FieldFirstName:
		return &d.FirstName
	case FieldLastName:
		return &d.LastName
	case FieldExpiryDate:
		return &d.ExpiryDate
	case FieldUSState:
		return &d.USState
	case FieldPersonalNumber:
		return &d.PersonalNumber
	case FieldMRZCheck:
		return &d.MRZCheck
	}
	return nil
}

// Get reports whether field f is switched on.
func (d DataFields) Get(f DataField) bool {
	p := d.field(f)
	return p != nil && *p
}

// Set switches field f on or off; an unknown name changes nothing.
func (d *DataFields) Set(f DataField, on bool) {
	if p := d.field(f); p != nil {
		*p = on
	}
}

// MRZImplied reports whether the MRZ check, when on, processes field f whatever its own
// switch says: the check compares the date of birth, the expiry date and the personal
// number encoded in the machine-readable zone with those printed on the document, so it
// reads all three.
func MRZImplied(f DataField) bool {
	return f == FieldDateOfBirth || f == FieldExpiryDate || f == FieldPersonalNumber
}

// Processed reports whether field f is processed during a verification: switched on, or
// switched off but implied by the MRZ check (implied is then true).
func (d DataFields) Processed(f DataField) (processed, implied bool) {
	if d.Get(f) {
		return true, false
	}
	if d.MRZCheck && MRZImplied(f) {
		return true, true
	}
	return false, false
}

// PurgeAfterDaysProblem is the rule of a retention in days: 1 to 3650. forever is how
// the caller writes "keep forever" ("null" in a document, "forever" in the editor), for
// the message. It returns "" for a retention within the rule.
func PurgeAfterDaysProblem(days int, forever string) string {
	if days >= MinPurgeAfterDays && days <= MaxPurgeAfterDays {
		return ""
	}
	return fmt.Sprintf("must be between %d and %d days, or %s to keep data forever (%d)",
		MinPurgeAfterDays, MaxPurgeAfterDays, forever, days)
}

// Consequence is one effect of a change of retention, in words.
type Consequence struct {
	Text string
	// Loss is true when records will be deleted permanently: the review asks for an
	// explicit confirmation before saving.
	Loss bool
}

// RetentionConsequences says in words what going from retention old (the saved head) to
// new does, as of now: which records a shorter retention deletes (RetentionShortening),
// which fraud transactions a new deleteFraud deletes (FraudPurge), and that a longer
// retention or keeping forever deletes nothing. It is empty when nothing changes.
func RetentionConsequences(old, new Retention, now time.Time) []Consequence {
	var out []Consequence
	od, nd := old.PurgeAfterDays, new.PurgeAfterDays
	switch {
	case od == nil && nd == nil, od != nil && nd != nil && *od == *nd:
	case nd == nil:
		out = append(out, Consequence{Text: fmt.Sprintf("records are kept forever instead of %s: nothing is deleted from now on (records older than %s were deleted already)",
			daysText(*od), daysText(*od))})
	default:
		if loss, ok := RetentionShortening(old, new, now); ok {
			out = append(out, Consequence{Text: loss.Sentence(), Loss: true})
		} else {
			out = append(out, Consequence{Text: fmt.Sprintf("records are kept %s instead of %s: nothing is deleted (records older than %s were deleted already)",
				daysText(*nd), daysText(*od), daysText(*od))})
		}
	}
	switch {
	case old.DeleteFraud == new.DeleteFraud:
	case !new.DeleteFraud:
		out = append(out, Consequence{Text: "fraud transactions are kept forever from now on"})
	default:
		if loss, ok := FraudPurge(old, new, now); ok {
			out = append(out, Consequence{Text: "fraud " + loss.Sentence(), Loss: true})
		} else {
			out = append(out, Consequence{Text: "fraud transactions will be deleted with the other records once retention is not forever"})
		}
	}
	return out
}

// FraudPurge reports whether going from old to new retention deletes fraud transactions
// that were kept until now, and which: turning deleteFraud on with a retention of N days
// deletes the fraud transactions created before today−N, which the purge spared so far.
func FraudPurge(old, new Retention, now time.Time) (RetentionLoss, bool) {
	if old.DeleteFraud || !new.DeleteFraud || new.PurgeAfterDays == nil {
		return RetentionLoss{}, false
	}
	return RetentionLoss{To: retentionCutoff(now, *new.PurgeAfterDays)}, true
}

func daysText(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

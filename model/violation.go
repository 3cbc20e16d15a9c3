package model

import (
	"cmp"
	"sort"
	"strings"
)

// Severity says whether a violation blocks a save.
type Severity int

// Severities: an Error refuses the document; a Warning is shown before saving but allowed.
const (
	Error Severity = iota
	Warning
)

// Violation is one broken rule: where (a field path such as "general.callbackUrl",
// "documents[2].code" or "acceptedIds.countries.DEU[1]") and a sentence a person
// understands, naming the rule and the offending part.
type Violation struct {
	Path     string
	Message  string
	Severity Severity
}

// String formats the violation as the command line prints it: "path: message".
func (v Violation) String() string {
	if v.Severity == Warning {
		return v.Path + ": warning: " + v.Message
	}
	return v.Path + ": " + v.Message
}

// Violations is a list of broken rules. As an error it reads one violation per line.
type Violations []Violation

// Error joins the violations, one "path: message" per line.
func (vs Violations) Error() string {
	lines := make([]string, len(vs))
	for i, v := range vs {
		lines[i] = v.String()
	}
	return strings.Join(lines, "\n")
}

// Errors returns only the violations that refuse a save.
func (vs Violations) Errors() Violations { return vs.filter(Error) }

// Warnings returns only the violations that are shown but allowed.
func (vs Violations) Warnings() Violations { return vs.filter(Warning) }

// HasErrors reports whether any violation refuses a save.
func (vs Violations) HasErrors() bool { return len(vs.Errors()) > 0 }

// At returns the violations whose path is path or lies under it ("general" matches
// "general.callbackUrl"; "documents[1]" matches "documents[1].code").
func (vs Violations) At(path string) Violations {
	var out Violations
	for _, v := range vs {
		if v.Path == path || strings.HasPrefix(v.Path, path+".") || strings.HasPrefix(v.Path, path+"[") {
			out = append(out, v)
		}
	}
	return out
}

func (vs Violations) filter(s Severity) Violations {
	var out Violations
	for _, v := range vs {
		if v.Severity == s {
			out = append(out, v)
		}
	}
	return out
}

// Sort orders violations by path, indexes numerically (documents[2] before
// documents[10]), keeping the order of violations on one path, so output is stable.
func (vs Violations) Sort() {
	sort.SliceStable(vs, func(i, j int) bool { return ComparePaths(vs[i].Path, vs[j].Path) < 0 })
}

// ComparePaths orders field paths as a person reads them: text by bytes, runs of digits
// by value, so "documents[9]" comes before "documents[10]".
func ComparePaths(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

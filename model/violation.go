package model

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
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
	// Omitted is 0 except on the last entry of a list cut at MaxViolations, which stands
	// for this many violations that were found but not kept (path "document"; Severity
	// Error when any of them is an error, so HasErrors stays true).
	Omitted int
}

// String formats the violation as the command line prints it: "path: message", each
// part through Escape, so nothing a document holds can start a line or reach the
// terminal as a control sequence.
func (v Violation) String() string {
	if v.Severity == Warning {
		return Escape(v.Path) + ": warning: " + Escape(v.Message)
	}
	return Escape(v.Path) + ": " + Escape(v.Message)
}

// MaxViolations is the most violations Decode and Validate return. Past it they keep
// the first in path order and end the list with one entry counting the rest (see
// Violation.Omitted): a hostile document can make millions, and no person reads them.
const MaxViolations = 1000

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

// Lines formats the violations as the command line prints them, one String per line,
// at most max of them (max <= 0: all), then one line counting the rest: those past max
// and those the list stands for (Omitted), as "… and 4,999,800 more".
func (vs Violations) Lines(max int) []string {
	out := make([]string, 0, min(len(vs), max)+1)
	more := 0
	for _, v := range vs {
		switch {
		case v.Omitted > 0:
			more += v.Omitted
		case max > 0 && len(out) >= max:
			more++
		default:
			out = append(out, v.String())
		}
	}
	if more > 0 {
		out = append(out, "… and "+groupThousands(more)+" more")
	}
	return out
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

// collector gathers violations, keeping at most MaxViolations: those first in path order
// (so the result does not depend on the order maps are walked in), counting the rest.
type collector struct {
	kept    []keptViolation // a heap with the last in path order on top, once full
	seq     int
	omitted int
	errors  bool // whether an omitted violation is an error
}

type keptViolation struct {
	v   Violation
	seq int // order of arrival, to keep the order of violations on one path
}

func (a keptViolation) after(b keptViolation) bool {
	c := ComparePaths(a.v.Path, b.v.Path)
	return c > 0 || c == 0 && a.seq > b.seq
}

// wants reports whether a violation at path would be kept; when not, it counts it, so
// the caller can skip building a message nobody will see.
func (c *collector) wants(path string, sev Severity) bool {
	if len(c.kept) < MaxViolations || ComparePaths(path, c.kept[0].v.Path) < 0 {
		return true
	}
	c.omit(sev)
	return false
}

func (c *collector) omit(sev Severity) {
	c.omitted++
	c.errors = c.errors || sev == Error
}

func (c *collector) add(v Violation) {
	c.seq++
	e := keptViolation{v, c.seq}
	if len(c.kept) < MaxViolations {
		c.kept = append(c.kept, e)
		if len(c.kept) == MaxViolations {
			for i := len(c.kept)/2 - 1; i >= 0; i-- {
				c.down(i)
			}
		}
		return
	}
	if e.after(c.kept[0]) {
		c.omit(v.Severity)
		return
	}
	c.omit(c.kept[0].v.Severity)
	c.kept[0] = e
	c.down(0)
}

// down restores the heap below i.
func (c *collector) down(i int) {
	h := c.kept
	for {
		top, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && h[l].after(h[top]) {
			top = l
		}
		if r < len(h) && h[r].after(h[top]) {
			top = r
		}
		if top == i {
			return
		}
		h[i], h[top] = h[top], h[i]
		i = top
	}
}

func (c *collector) len() int { return len(c.kept) + c.omitted }

// result returns the kept violations in path order, then the entry counting the rest.
func (c *collector) result() Violations {
	slices.SortFunc(c.kept, func(a, b keptViolation) int {
		if a.after(b) {
			return 1
		}
		return -1
	})
	out := make(Violations, 0, len(c.kept)+1)
	for _, e := range c.kept {
		out = append(out, e.v)
	}
	if c.omitted > 0 {
		sev := Warning
		if c.errors {
			sev = Error
		}
		out = append(out, Violation{Path: rootPath, Severity: sev, Omitted: c.omitted,
			Message: fmt.Sprintf("… and %s more (only the first %s are listed)", groupThousands(c.omitted), groupThousands(MaxViolations))})
	}
	return out
}

// groupThousands writes n with commas between groups of three digits: 4,999,800.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

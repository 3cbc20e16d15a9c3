//go:build race

package model

// raceEnabled: the tests run under the race detector, which slows and changes
// allocation; measurements of allocation run without it (see the Makefile).
const raceEnabled = true

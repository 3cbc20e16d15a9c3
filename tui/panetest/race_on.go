//go:build race

package panetest

// raceEnabled: built with the race detector, which multiplies the time of a frame and
// adds nothing to a layout check; EverySize then samples the sizes.
const raceEnabled = true

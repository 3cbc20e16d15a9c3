// Package themes holds the palettes of idvset and builds every style (and the huh theme)
// from one palette. No colour literal lives outside this package.
package themes

package common

import "idvset/model"

// Safe is s as it may be printed on the terminal: unchanged when every character of it
// is printable, else quoted as Go quotes strings ("a\x1b[2J\nb"), so that control
// characters (escape sequences, line breaks, bidi overrides) in a value someone typed,
// imported or stored can neither drive the terminal nor forge a line of the screen.
// Print every user-supplied string through it: values, paths, keys, error texts.
//
// It is model.Escape, the rule the command line prints by, so the editor and the CLI
// show a hostile value alike.
func Safe(s string) string { return model.Escape(s) }

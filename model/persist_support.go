package model

import "errors"

// ErrNothingToSave refuses a save whose document equals the head revision: a revision
// with no changes would only clutter the history. It lives in model, with the other save
// refusals, so the editor can recognise it without importing the store.
var ErrNothingToSave = errors.New("nothing to save: the document equals the head revision")

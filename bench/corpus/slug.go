package main

import urlslug "katalog/internal/slug"

// slug turns a Danish title into the URL form the catalogue uses, with the
// catalogue's own rule, so the corpus and the generator cannot disagree.
func slug(s string) string { return urlslug.Make(s) }

// Package search writes the catalogue's search index: static files under
// /soeg/data/ that assets/js/search.js reads in the browser. There is no
// server and no wasm; the script fetches only the parts of the index a
// query needs.
//
// # Language
//
// Text and queries go through the same analysis here and in search.js:
// NFC, lower case, æ→ae, ø→o, å→aa and other diacritics dropped (Fold), so
// "stotte" finds "støtte" and "Aarhus" finds "Århus". (ø becomes o, not
// oe as in URLs, because that is what people without the key type;
// "forloebsprogram" is then one edit from "forløbsprogram".) The Snowball Danish
// stop words are left out; words are reduced with the Snowball Danish
// stemmer plus fixes (Stem). Compound words of up to 64 letters are also
// indexed under their head ("hjemløshedsindsatsen" under "indsats") when
// the head occurs on its own in the catalogue; a longer word, such as text
// pasted without spaces, is indexed only whole.
//
// # Files
//
//	meta.<hash>.json      entry: shard map, document buckets, facet values
//	s/<i>.<hash>.json     shard i: stem entries in stem order (see shard.go)
//	d/<i>.<hash>.bin      documents 64i to 64i+63, one fixed-size slot each
//	                      (one hash for all packs):
//	                      URL, title, kind, date, summary, text (see pack.go)
//	f.<hash>.json         facet memberships, when too many for the entry
//
// Each stem entry holds the words of the stem with their postings (document
// and a BM25F impact from 1 to 63 over title, summary, headings and body)
// and the documents where the stem is the head of a compound. Documents are
// numbered newest first, so a search by facets alone lists the newest first.
//
// # Ranking
//
// Per query word a document scores tier×64 + impact for its best match:
// tier 3 for the exact word, 2 for another word of the same stem, 1 for a
// compound with that head. Only when the word's stem is not in the index at
// all does the script look further, in the shards around the word: words
// that start with it (the last word while typing, from three letters), and
// if there are none, words one edit away (from four letters; two edits from
// eight), both tier 1. Scores of the query words are added.
//
// A one-word query therefore loads one shard, or three at most, and then
// the documents of the results shown, each with a Range request for its
// slot, in parallel: at most three round trips.
package search

package search

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// build returns the files and the entry file of docs.
func build(t *testing.T, docs []Document) (map[string][]byte, meta) {
	t.Helper()
	files, entry, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	var m meta
	if err := json.Unmarshal(files[entry], &m); err != nil {
		t.Fatal(err)
	}
	return files, m
}

// TestPacks reads every record back from its slot: the packs hold each
// document in id order, 64 to a file, every slot the same size.
func TestPacks(t *testing.T) {
	docs := synthetic(t, 150)
	files, m := build(t, docs)
	if m.Bucket != docBucket || len(m.Packs) != hashLen {
		t.Fatalf("packs of %d, version %q; want %d and a %d-character hash", m.Bucket, m.Packs, docBucket, hashLen)
	}
	if m.Slot > slotMax {
		t.Errorf("slot = %d bytes, more than %d", m.Slot, slotMax)
	}
	packs := 0
	for name, b := range files {
		if strings.HasPrefix(name, "d/") {
			packs++
			if len(b)%m.Slot != 0 {
				t.Errorf("%s: %d bytes is not a whole number of %d-byte slots", name, len(b), m.Slot)
			}
		}
	}
	if packs != 3 {
		t.Errorf("%d files under d/, want 3", packs)
	}
	urls := map[string]bool{}
	for id := range m.Docs {
		f, err := readDoc(files, &m, id)
		if err != nil {
			t.Fatal(err)
		}
		if urls[f.URL] {
			t.Errorf("document %d: %s twice", id, f.URL)
		}
		urls[f.URL] = true
	}
	for _, d := range docs {
		if !urls[d.URL] {
			t.Errorf("%s has no record", d.URL)
		}
	}
	if _, err := readDoc(files, &m, m.Docs+64); err == nil {
		t.Errorf("readDoc past the last pack: no error")
	}
}

// TestRecordFits checks what a record keeps: the start of the body as
// before, clipped shorter only when its slot would pass slotMax, and a
// record with an absurd title or address whole or clipped, never lost.
func TestRecordFits(t *testing.T) {
	words := strings.Fields(loadDocs(t)[0].Body)
	prose := func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			// Numbered words compress about as badly as real text at its worst.
			fmt.Fprintf(&b, "%s%d ", words[i%len(words)], i)
		}
		return strings.TrimSpace(b.String())
	}
	docs := []Document{
		{URL: "/almindelig/", Title: "Almindelig", Kind: "case", Summary: "Et resumé.", Body: loadDocs(t)[0].Body},
		{URL: "/kort/", Title: "Kort", Kind: "side", Body: "Kun én sætning."},
		{URL: "/tung/", Title: "Tung tekst", Kind: "case", Summary: prose(600), Body: prose(5000)},
		{URL: "/lang-titel/", Title: prose(4000), Kind: "case", Body: prose(100)},
		{URL: "/" + strings.ReplaceAll(prose(6000), " ", "-") + "/", Title: "Lang adresse", Kind: "case", Body: prose(2000)},
	}
	files, m := build(t, docs)
	got := map[string]docFile{}
	for id := range m.Docs {
		f, err := readDoc(files, &m, id)
		if err != nil {
			t.Fatal(err)
		}
		got[f.URL] = f
	}
	if f := got["/kort/"]; f.Body != "Kun én sætning." || f.Cut {
		t.Errorf("short body = %q, cut %v", f.Body, f.Cut)
	}
	whole, _ := clip(docs[0].Body, excerptBytes)
	if f := got["/almindelig/"]; f.Body != whole || f.Summary != "Et resumé." {
		t.Errorf("an ordinary record lost text: body %d bytes, want %d", len(f.Body), len(whole))
	}
	heavy := got["/tung/"]
	if !heavy.Cut || len(heavy.Body) >= excerptBytes || !strings.HasPrefix(docs[2].Body, heavy.Body) || heavy.Summary != docs[2].Summary {
		t.Errorf("heavy record: body %d bytes (cut %v), summary kept %v; want the body clipped shorter and the summary kept",
			len(heavy.Body), heavy.Cut, heavy.Summary == docs[2].Summary)
	}
	if f := got["/lang-titel/"]; f.Title == "" || !strings.HasPrefix(docs[3].Title, f.Title) {
		t.Errorf("long title became %q", f.Title)
	}
	if _, ok := got[docs[4].URL]; !ok {
		t.Errorf("the record with a long address is missing")
	}
	if m.Slot <= slotMax {
		t.Errorf("slot = %d: the long address should have made it grow past %d", m.Slot, slotMax)
	}
}

// readDoc returns the record of document id from the files of a build,
// as search.js reads it with a Range request.
func readDoc(files map[string][]byte, m *meta, id int) (docFile, error) {
	var f docFile
	if id < 0 {
		return f, fmt.Errorf("no record for document %d", id)
	}
	pack, ok := files[fmt.Sprintf("d/%d.%s.bin", id/m.Bucket, m.Packs)]
	if !ok || (id%m.Bucket+1)*m.Slot > len(pack) {
		return f, fmt.Errorf("no record for document %d", id)
	}
	at := pack[(id%m.Bucket)*m.Slot:]
	n := int(binary.LittleEndian.Uint16(at))
	if slotHeader+n > m.Slot {
		return f, fmt.Errorf("record %d: length %d is more than its slot", id, n)
	}
	r := flate.NewReader(bytes.NewReader(at[slotHeader : slotHeader+n]))
	defer r.Close()
	err := json.NewDecoder(r).Decode(&f)
	return f, err
}

// TestSlotQuantile checks the slot's size: most records whole, the few
// beyond the slot with their body clipped from the end by a few words,
// never more than a slot.
func TestSlotQuantile(t *testing.T) {
	docs := synthetic(t, 300)
	for i := range docs {
		// Bodies of different lengths give records of different sizes.
		docs[i].Body = docs[i].Body[:len(docs[i].Body)*(60+i%41)/100]
	}
	files, m := build(t, docs)
	whole := map[string]string{}
	for _, d := range docs {
		whole[d.URL], _ = clip(d.Body, excerptBytes)
	}
	clipped := 0
	for id := range m.Docs {
		f, err := readDoc(files, &m, id)
		if err != nil {
			t.Fatal(err)
		}
		w := whole[f.URL]
		if f.Body == w {
			continue
		}
		clipped++
		if !f.Cut || !strings.HasPrefix(w, f.Body) || len(f.Body) < len(w)*4/5 {
			t.Errorf("%s: body %d of %d bytes (cut %v): want a prefix that keeps most of it", f.URL, len(f.Body), len(w), f.Cut)
		}
	}
	if want := m.Docs * (100 - slotQuantile) / 100; clipped == 0 || clipped > want+1 {
		t.Errorf("%d of %d records clipped, want 1 to %d", clipped, m.Docs, want+1)
	}
	// The same records with no clipping to the quantile need a larger slot.
	z := newCompressor()
	largest := 0
	for _, d := range docs {
		body, cut := clip(d.Body, excerptBytes)
		b, _, err := z.compress(docFile{d.URL, d.Title, d.Kind, d.Date, d.Summary, body, cut})
		if err != nil {
			t.Fatal(err)
		}
		largest = max(largest, slotHeader+len(b))
	}
	if m.Slot >= largest {
		t.Errorf("slot %d bytes, the largest whole record %d: the slot should be smaller", m.Slot, largest)
	}
}

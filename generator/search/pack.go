package search

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// Document records are packed docBucket to a file, d/<i>.<version>.bin,
// so that a site of 10,000 pages writes 157 files for them instead of
// 10,000. Every record takes a slot of the same size (meta.Slot bytes): a
// 2-byte little-endian length, the record's JSON compressed with raw
// DEFLATE, and zeros. Document id sits at byte (id mod docBucket) × Slot of
// pack id / docBucket, so search.js fetches one record with an HTTP Range
// request and no table of offsets, and inflates it with the browser's
// DecompressionStream("deflate-raw"). A server that ignores Range sends
// the whole pack (about 64 records); the script then takes every record
// of that pack from it.
//
// All packs share one version, the hash of them all (meta.Packs): a hash
// per pack would cost the entry file, which every query loads, 5 bytes a
// pack, and a pack's records are fetched a slot at a time anyway.
//
// A result costs its whole slot, so the slot is sized for most records,
// not the largest: a record beyond the slotQuantile-th percentile of the
// site's record sizes gets its body clipped, from the end, until it fits
// (about 10 % of the records lose up to a tenth of the text their excerpts
// are taken from).
const (
	// slotMax is the most bytes a record may take when its body can be
	// clipped shorter to fit: records are about 1 KB compressed, and a slot
	// is what every result costs to fetch.
	slotMax = 1280
	// slotQuantile is the percentile of record sizes the slot is sized for.
	slotQuantile = 90
	// slotHeader is the length prefix.
	slotHeader = 2
)

// docFile is what a result needs: fetched only for the results shown.
type docFile struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Kind    string `json:"k"`
	Date    string `json:"d,omitempty"`
	Summary string `json:"s,omitempty"`
	Body    string `json:"x,omitempty"` // the start of the body, for excerpts
	Cut     bool   `json:"c,omitempty"` // the body goes on
}

// encodedDoc is a document record with its compressed encoding, clipped
// to fit slotMax, and, for a record larger than the site's slot, the
// encoding clipped to fit that slot.
type encodedDoc struct {
	f       docFile
	data    []byte
	slot    int
	clipped []byte
}

// writeDocs packs the document records. A document that is as in the
// cache's last build keeps its compressed encodings.
func (c *Cache) writeDocs(docs []Document, files map[string][]byte, m *meta) error {
	encoded := make([]encodedDoc, len(docs))
	var todo []int
	for i, d := range docs {
		body, cut := clip(d.Body, excerptBytes)
		f := docFile{d.URL, d.Title, d.Kind, d.Date, d.Summary, body, cut}
		if e, ok := c.docs[d.URL]; ok && e.f == f {
			encoded[i] = e
			continue
		}
		encoded[i] = encodedDoc{f: f}
		todo = append(todo, i)
	}
	err := compressAll(encoded, todo, func(z *compressor, e *encodedDoc) (err error) {
		e.data, err = z.fit(e.f, slotMax)
		return err
	})
	if err != nil {
		return err
	}
	target := slotFor(encoded)
	todo = todo[:0]
	for i, e := range encoded {
		if slotHeader+len(e.data) > target && e.slot != target {
			todo = append(todo, i)
		}
	}
	err = compressAll(encoded, todo, func(z *compressor, e *encodedDoc) (err error) {
		e.slot = target
		e.clipped, err = z.fit(e.f, target)
		return err
	})
	if err != nil {
		return err
	}
	records := make([][]byte, len(encoded))
	slot := slotHeader
	for i, e := range encoded {
		records[i] = e.data
		if slotHeader+len(e.data) > target {
			records[i] = e.clipped
		}
		if len(records[i]) > 0xffff {
			return fmt.Errorf("%s: the search record is %d bytes, more than a slot can hold", e.f.URL, len(records[i]))
		}
		slot = max(slot, slotHeader+len(records[i]))
	}
	m.Slot = slot
	var packs [][]byte
	for start := 0; start < len(records); start += docBucket {
		group := records[start:min(start+docBucket, len(records))]
		pack := make([]byte, slot*len(group))
		for i, r := range group {
			at := pack[i*slot:]
			binary.LittleEndian.PutUint16(at, uint16(len(r)))
			copy(at[slotHeader:], r)
		}
		packs = append(packs, pack)
	}
	m.Packs = hash(packs...)
	for i, pack := range packs {
		files[fmt.Sprintf("d/%d.%s.bin", i, m.Packs)] = pack
	}
	if c.keep {
		c.docs = make(map[string]encodedDoc, len(encoded))
		for _, e := range encoded {
			c.docs[e.f.URL] = e
		}
	}
	return nil
}

// slotFor returns the slot size for the records: the slotQuantile-th
// percentile of their sizes with the length prefix.
func slotFor(encoded []encodedDoc) int {
	if len(encoded) == 0 {
		return slotHeader
	}
	sizes := make([]int, len(encoded))
	for i, e := range encoded {
		sizes[i] = len(e.data)
	}
	slices.Sort(sizes)
	return slotHeader + sizes[(len(sizes)-1)*slotQuantile/100]
}

// compressAll runs encode on the records at the indexes todo, in
// parallel: at 10,000 pages compressing is most of the time spent on the
// records.
func compressAll(encoded []encodedDoc, todo []int, encode func(*compressor, *encodedDoc) error) error {
	workers := min(runtime.GOMAXPROCS(0), 1+len(todo)/64)
	next := make(chan int)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			z := newCompressor()
			for i := range next {
				if errs[w] != nil {
					continue
				}
				errs[w] = encode(z, &encoded[i])
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// A compressor compresses records with one reusable DEFLATE writer.
type compressor struct {
	buf bytes.Buffer
	w   *flate.Writer
}

func newCompressor() *compressor {
	z := &compressor{}
	z.w, _ = flate.NewWriter(&z.buf, flate.BestCompression) // the level is valid
	return z
}

// fit returns f compressed into at most limit-slotHeader bytes, with its
// body clipped shorter until it fits, then (only for absurd input) its
// summary and its title; a record that does not fit even without them (a
// very long address) is returned whole, and the slot grows to hold it.
// Each step clips by the excess in compressed bytes, scaled by how well
// the record compressed, so a record a few bytes over loses a few words.
func (z *compressor) fit(f docFile, limit int) ([]byte, error) {
	budget := limit - slotHeader
	for _, field := range []*string{&f.Body, &f.Summary, &f.Title} {
		for {
			b, raw, err := z.compress(f)
			if err != nil || len(b) <= budget {
				return b, err
			}
			if *field == "" {
				break
			}
			over := (len(b)-budget)*raw/len(b) + 8
			*field, _ = clip(*field, max(0, len(*field)-over))
			f.Cut = f.Cut || field == &f.Body
		}
	}
	b, _, err := z.compress(f)
	return b, err
}

// compress returns f's JSON compressed, and the length of the JSON.
func (z *compressor) compress(f docFile) ([]byte, int, error) {
	j, err := json.Marshal(f)
	if err != nil {
		return nil, 0, err
	}
	z.buf.Reset()
	z.w.Reset(&z.buf)
	if _, err := z.w.Write(j); err != nil {
		return nil, 0, err
	}
	if err := z.w.Close(); err != nil {
		return nil, 0, err
	}
	return bytes.Clone(z.buf.Bytes()), len(j), nil
}

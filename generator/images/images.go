// Package images makes the resized versions of a photo that a page shows
// with srcset: JPEG and PNG originals are decoded, scaled with
// golang.org/x/image/draw's Catmull-Rom filter to Widths (never wider than
// the original, which is itself the largest version when it is narrower
// than the widest of Widths) and encoded again in the original's format.
// Photos that their EXIF orientation says to turn are turned upright. The
// original is never changed. An original of more than MaxPixels pixels is
// refused before it is decoded.
//
// Resizing is the slow part of a build, so a Cache keeps every resized
// file on disk, named by the original's content hash and the width: a
// rebuild reads them back instead of resizing again. The cache counts the
// resizes it does, so tests can tell.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"strings"
)

// Widths are the widths in pixels of the resized versions.
var Widths = []int{480, 960, 1600}

// JPEGQuality is the quality resized JPEGs are encoded with.
const JPEGQuality = 82

// A Version is one size of an image.
type Version struct {
	Name          string // file name: "foto-1a2b3c4d5e-960.jpg"
	Width, Height int
	Data          []byte
}

// An Image is an original and its versions, narrowest first.
type Image struct {
	Width, Height int // of the original
	Format        string
	Versions      []Version
}

// ErrFormat is returned for files that are not JPEG or PNG images.
var ErrFormat = errors.New("not a JPEG or PNG image")

// MaxPixels is the most pixels (width × height) an original may have.
// Decoded, an image takes 4 bytes a pixel or more, so 50 megapixels is
// 200 MB or more before resizing: more than a photo on a web page needs
// and still within an editor's laptop. The header says the size, and a
// file of a few kilobytes can claim 60000 × 60000 pixels, 14 GB decoded,
// so Process checks the header before it decodes anything.
const MaxPixels = 50_000_000

// A SizeError reports an original with more than MaxPixels pixels.
type SizeError struct {
	Width, Height int
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("image of %d×%d pixels has more than %d", e.Width, e.Height, MaxPixels)
}

// A DecodeError reports an original that cannot be read as an image.
type DecodeError struct {
	Format string // "jpeg", "png" or "" when unknown
	Err    error
}

func (e *DecodeError) Error() string { return fmt.Sprintf("decode %s: %v", e.Format, e.Err) }
func (e *DecodeError) Unwrap() error { return e.Err }

// Plan returns the widths of the versions of an image w pixels wide:
// the entries of Widths narrower than w, and w itself when it is not wider
// than the widest of Widths.
func Plan(w int) []int {
	var out []int
	for _, x := range Widths {
		if x < w {
			out = append(out, x)
		}
	}
	if w <= Widths[len(Widths)-1] {
		out = append(out, w)
	}
	return out
}

// scaledHeight is the height of an image w×h scaled to width x, rounded.
func scaledHeight(w, h, x int) int {
	return max(1, (h*x+w/2)/w)
}

// Process makes the versions of the image data named name (its file name,
// used for the versions' names), resizing only what c does not have yet.
func (c *Cache) Process(name string, data []byte) (*Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return nil, ErrFormat
		}
		return nil, &DecodeError{Err: err}
	}
	if format != "jpeg" && format != "png" {
		return nil, ErrFormat
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, &DecodeError{Format: format, Err: errors.New("empty image")}
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, &SizeError{cfg.Width, cfg.Height}
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	o := 1
	if format == "jpeg" {
		o = orientation(data)
	}
	img := &Image{Width: cfg.Width, Height: cfg.Height, Format: format}
	if o >= 5 { // turned a quarter: upright, it is as wide as it was high
		img.Width, img.Height = cfg.Height, cfg.Width
	}
	base := stem(name)
	missing := false
	for _, w := range Plan(img.Width) {
		v := Version{Name: fmt.Sprintf("%s-%s-%d%s", base, hash[:10], w, ext(format)),
			Width: w, Height: scaledHeight(img.Width, img.Height, w)}
		if w == img.Width && o == 1 {
			v.Data = data // the original, as it is
		} else if v.Data, _ = c.get(cacheKey(hash, w, format)); v.Data == nil {
			missing = true
		}
		img.Versions = append(img.Versions, v)
	}
	if missing || len(img.Versions) == 1 {
		// Something must be made, or nothing has read the whole file yet.
		if err := c.make(img, hash, data, o); err != nil {
			return nil, err
		}
	}
	return img, nil
}

func cacheKey(hash string, w int, format string) string {
	return fmt.Sprintf("%s-%d%s", hash, w, ext(format))
}

// make decodes the original and makes every version that is not the
// original, widest first, each scaled from the one before it: that does
// the expensive filtering of the full-size photo once, and the same
// original always gives the same versions, whatever the cache held.
func (c *Cache) make(img *Image, hash string, data []byte, o int) error {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return &DecodeError{Format: img.Format, Err: err}
	}
	cur := orient(src, o)
	for i := len(img.Versions) - 1; i >= 0; i-- {
		v := &img.Versions[i]
		if v.Width == img.Width && o == 1 {
			continue
		}
		if v.Width != cur.Bounds().Dx() {
			cur = resize(cur, v.Width, v.Height)
		}
		key := cacheKey(hash, v.Width, img.Format)
		if v.Data != nil {
			continue // cached; cur still had to be made for the narrower ones
		}
		if v.Data, err = encode(cur, img.Format); err != nil {
			return err
		}
		c.resizes.Add(1)
		c.put(key, v.Data)
	}
	return nil
}

func encode(img image.Image, format string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if format == "png" {
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		err = enc.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: JPEGQuality})
	}
	return buf.Bytes(), err
}

func ext(format string) string {
	if format == "png" {
		return ".png"
	}
	return ".jpg"
}

// stem is name's base without extension, in lower-case letters, digits
// and hyphens, for the versions' file names.
func stem(name string) string {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return "billede"
}

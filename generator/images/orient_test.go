package images

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// withOrientation returns a JPEG with an EXIF block holding orientation o,
// as a phone writes it (big-endian, one IFD entry).
func withOrientation(t *testing.T, jpg []byte, o uint16) []byte {
	t.Helper()
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
	entry := make([]byte, 2+12+4)
	binary.BigEndian.PutUint16(entry[0:], 1)      // one entry
	binary.BigEndian.PutUint16(entry[2:], 0x0112) // orientation
	binary.BigEndian.PutUint16(entry[4:], 3)      // SHORT
	binary.BigEndian.PutUint32(entry[6:], 1)      // one value
	binary.BigEndian.PutUint16(entry[10:], o)
	payload := append([]byte("Exif\x00\x00"), append(tiff, entry...)...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// halves returns a w×h JPEG whose left half is red and right half blue.
func halves(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 0, 0, 255}
			if x >= w/2 {
				c = color.RGBA{0, 0, 255, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestOrientation(t *testing.T) {
	plain := halves(t, 40, 20)
	if got := orientation(plain); got != 1 {
		t.Errorf("orientation(no EXIF) = %d, want 1", got)
	}
	for o := uint16(1); o <= 8; o++ {
		if got := orientation(withOrientation(t, plain, o)); got != int(o) {
			t.Errorf("orientation(EXIF %d) = %d", o, got)
		}
	}
	if got := orientation([]byte("\xFF\xD8\xFF\xE1\x00\x08Exif")); got != 1 {
		t.Errorf("orientation(truncated) = %d, want 1", got)
	}
}

// TestProcessTurnsUpright checks that a photo taken with the phone turned
// (EXIF orientation 6, 300×200 as stored) comes out 200×300 with what was
// its left half on top.
func TestProcessTurnsUpright(t *testing.T) {
	data := withOrientation(t, halves(t, 300, 200), 6)
	img, err := NewCache("").Process("portræt.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 200 || img.Height != 300 {
		t.Fatalf("image is %dx%d, want 200x300", img.Width, img.Height)
	}
	v := img.Versions[len(img.Versions)-1]
	if bytes.Equal(v.Data, data) {
		t.Fatal("the full-size version is the original, which browsers turn by its EXIF tag but the width and height do not")
	}
	got, err := jpeg.Decode(bytes.NewReader(v.Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Bounds(); b.Dx() != 200 || b.Dy() != 300 {
		t.Fatalf("version is %dx%d, want 200x300", b.Dx(), b.Dy())
	}
	top, bottom := got.At(100, 60), got.At(100, 240)
	if r, _, b, _ := top.RGBA(); r < 0xC000 || b > 0x4000 {
		t.Errorf("top is %v, want red", top)
	}
	if r, _, b, _ := bottom.RGBA(); b < 0xC000 || r > 0x4000 {
		t.Errorf("bottom is %v, want blue", bottom)
	}
}

func TestSource(t *testing.T) {
	// Every orientation maps the upright image onto the stored one
	// one-to-one.
	const w, h = 3, 2
	for o := 1; o <= 8; o++ {
		dw, dh := w, h
		if o >= 5 {
			dw, dh = h, w
		}
		seen := map[[2]int]bool{}
		for y := range dh {
			for x := range dw {
				sx, sy := SourcePixel(o, x, y, w, h)
				if sx < 0 || sx >= w || sy < 0 || sy >= h || seen[[2]int{sx, sy}] {
					t.Errorf("orientation %d: (%d,%d) → (%d,%d) outside or twice", o, x, y, sx, sy)
				}
				seen[[2]int{sx, sy}] = true
			}
		}
	}
}

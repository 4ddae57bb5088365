package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"testing"
)

// bomb returns a PNG or JPEG of a few hundred bytes whose header claims
// w×h pixels: a real 8×8 grey image with its size patched, as in issue F4.
// The pixel data stays that of the small image, so decoding it fails or
// gives a mostly empty image, after allocating all w×h pixels.
func bomb(t testing.TB, w, h int, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)))
	} else {
		err = jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if format == "png" {
		// Signature (8 bytes), then IHDR: length (4), type (4), width,
		// height, 5 more bytes, and a CRC of type and data.
		binary.BigEndian.PutUint32(b[16:], uint32(w))
		binary.BigEndian.PutUint32(b[20:], uint32(h))
		binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
		return b
	}
	// Walk the segments after SOI to the frame header, SOF0: marker (2),
	// length (2), precision (1), height (2), width (2).
	for i := 2; i+9 <= len(b) && b[i] == 0xff; i += 2 + int(binary.BigEndian.Uint16(b[i+2:])) {
		if b[i+1] == 0xc0 {
			binary.BigEndian.PutUint16(b[i+5:], uint16(h))
			binary.BigEndian.PutUint16(b[i+7:], uint16(w))
			return b
		}
	}
	t.Fatal("the encoded JPEG has no SOF0 segment")
	return nil
}

// TestProcessPixelBudgetIssueF4 checks that Process refuses an image over
// MaxPixels from its header alone, and does not refuse one just under it
// for its size (that one may fail to decode, as its data is short).
func TestProcessPixelBudgetIssueF4(t *testing.T) {
	for _, tt := range []struct {
		w, h int
		over bool
	}{
		{60000, 60000, true},
		{7072, 7072, true},  // 50.01 MP
		{7071, 7071, false}, // 49.999 MP
		{65535, 1, false},
		{50000, 1001, true},
	} {
		for _, format := range []string{"png", "jpeg"} {
			data := bomb(t, tt.w, tt.h, format)
			cfg, got, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil || cfg.Width != tt.w || cfg.Height != tt.h || got != format {
				t.Fatalf("bomb(%d, %d, %s) is a %s of %dx%d (%v)", tt.w, tt.h, format, got, cfg.Width, cfg.Height, err)
			}
			_, err = NewCache("").Process("bombe."+format, data)
			var se *SizeError
			var de *DecodeError
			switch {
			case tt.over && !errors.As(err, &se):
				t.Errorf("Process(%s of %dx%d) error = %v, want a SizeError", format, tt.w, tt.h, err)
			case tt.over && (se.Width != tt.w || se.Height != tt.h):
				t.Errorf("Process(%s of %dx%d): SizeError of %dx%d", format, tt.w, tt.h, se.Width, se.Height)
			case !tt.over && !errors.As(err, &de):
				t.Errorf("Process(%s of %dx%d) error = %v, want a DecodeError for the short data", format, tt.w, tt.h, err)
			}
		}
	}
}

package upload

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"katalog/generator/images"
)

// JPEG markers this file handles by name.
const (
	mSOF0  = 0xC0
	mSOF1  = 0xC1
	mSOF2  = 0xC2
	mDHT   = 0xC4
	mSOI   = 0xD8
	mEOI   = 0xD9
	mSOS   = 0xDA
	mDQT   = 0xDB
	mDRI   = 0xDD
	mAPP0  = 0xE0
	mAPP1  = 0xE1
	mAPP2  = 0xE2
	mAPP14 = 0xEE
	mAPP15 = 0xEF
	mCOM   = 0xFE
)

var errTruncated = errors.New("truncated JPEG")

// cleanJPEG returns data without its metadata (see the package doc), turned
// upright if its EXIF orientation says so, after checking that it decodes
// to a w×h image.
func cleanJPEG(data []byte, w, h int) ([]byte, error) {
	clean, o, icc, err := stripJPEG(data)
	if err != nil {
		return nil, err
	}
	img, err := decodeCheck(clean, "jpeg", w, h)
	if err != nil {
		return nil, err
	}
	if o == 1 {
		return clean, nil
	}
	var buf bytes.Buffer
	buf.Write([]byte{0xFF, mSOI})
	if rgbProfile(icc) {
		buf.Write(icc)
	}
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, orient(img, o), &jpeg.Options{Quality: JPEGQuality}); err != nil {
		return nil, err
	}
	buf.Write(enc.Bytes()[2:]) // after its SOI
	return buf.Bytes(), nil
}

// stripJPEG walks the segments of data and copies those that make the
// picture: the frame and scan headers, tables and entropy-coded data,
// a JFIF APP0 and an Adobe APP14 rewritten without extras, and the ICC
// profile segments when they hold a whole profile (see iccProfile), which
// it also returns in icc. The JFIF and ICC segments come first, in that
// order, whatever their place in data. Every other APPn and COM
// segment is left out, and so is everything after EOI. It returns the EXIF
// orientation found in the first EXIF APP1 before the first scan, as
// browsers read it, or 1. A marker image/jpeg cannot decode is an error,
// and so is data that ends before EOI.
func stripJPEG(data []byte) (clean []byte, o int, icc []byte, err error) {
	if len(data) < 2 || data[0] != 0xFF || data[1] != mSOI {
		return nil, 0, nil, errors.New("no SOI")
	}
	var head []byte // a JFIF APP0
	var profile [][]byte
	out := make([]byte, 0, len(data))
	o = 1
	exifSeen, scanSeen, jfif, adobe := false, false, false, false
	for i := 2; ; {
		if i >= len(data) {
			return nil, 0, nil, errTruncated
		}
		if data[i] != 0xFF {
			return nil, 0, nil, fmt.Errorf("byte %#x at %d where a marker should be", data[i], i)
		}
		for i+1 < len(data) && data[i+1] == 0xFF { // fill bytes
			i++
		}
		if i+1 >= len(data) {
			return nil, 0, nil, errTruncated
		}
		marker := data[i+1]
		if marker == mEOI {
			out = append(out, 0xFF, mEOI)
			if iccProfile(profile) {
				for _, seg := range profile {
					icc = append(icc, seg...)
				}
			}
			clean = make([]byte, 0, 2+len(head)+len(icc)+len(out))
			clean = append(clean, 0xFF, mSOI)
			clean = append(clean, head...)
			clean = append(clean, icc...)
			return append(clean, out...), o, icc, nil
		}
		if marker < mSOF0 || marker == mSOI || marker >= 0xD0 && marker <= 0xD7 {
			return nil, 0, nil, fmt.Errorf("marker %#x at %d", marker, i)
		}
		if i+4 > len(data) {
			return nil, 0, nil, errTruncated
		}
		size := int(binary.BigEndian.Uint16(data[i+2:]))
		if size < 2 {
			return nil, 0, nil, fmt.Errorf("segment length %d at %d", size, i)
		}
		end := i + 2 + size
		if end > len(data) {
			return nil, 0, nil, errTruncated
		}
		seg, payload := data[i:end], data[i+4:end]
		switch {
		case marker == mSOF0 || marker == mSOF1 || marker == mSOF2 || marker == mDHT ||
			marker == mDQT || marker == mDRI:
			out = append(out, seg...)
		case marker == mSOS:
			out = append(out, seg...)
			scanSeen = true
			j := end
			for { // entropy-coded data, up to the next marker
				k := bytes.IndexByte(data[j:], 0xFF)
				if k < 0 || j+k+1 >= len(data) {
					return nil, 0, nil, errTruncated
				}
				j += k
				if n := data[j+1]; n == 0x00 || n >= 0xD0 && n <= 0xD7 {
					j += 2 // stuffed 0xFF or restart marker
					continue
				}
				break
			}
			out = append(out, data[end:j]...)
			end = j
		case marker == mAPP0:
			if !jfif && len(payload) >= 12 && bytes.HasPrefix(payload, []byte("JFIF\x00")) {
				// Version (2), units (1), density (4); no thumbnail.
				head = append(head, 0xFF, mAPP0, 0, 16)
				head = append(head, payload[:12]...)
				head = append(head, 0, 0)
				jfif = true
			}
		case marker == mAPP1:
			if !exifSeen && !scanSeen && bytes.HasPrefix(payload, []byte("Exif\x00\x00")) {
				o = images.ExifOrientation(payload[6:])
				exifSeen = true
			}
		case marker == mAPP2:
			if !scanSeen && bytes.HasPrefix(payload, []byte("ICC_PROFILE\x00")) {
				profile = append(profile, seg)
			}
		case marker == mAPP14:
			if !adobe && len(payload) >= 12 && bytes.HasPrefix(payload, []byte("Adobe")) {
				// Version (2), flags (2 + 2), colour transform (1).
				out = append(out, 0xFF, mAPP14, 0, 14)
				out = append(out, payload[:12]...)
				adobe = true
			}
		case marker >= mAPP0 && marker <= mAPP15 || marker == mCOM:
			// metadata: left out
		default:
			// Arithmetic coding, lossless and hierarchical frames, DNL and
			// the reserved markers: image/jpeg decodes none of them.
			return nil, 0, nil, fmt.Errorf("unsupported marker %#x at %d", marker, i)
		}
		i = end
	}
}

// iccProfile reports whether the APP2 ICC segments segs hold one whole
// ICC profile: numbered 1 to their count, in order, together as long as the
// profile header says, and starting with a header signed "acsp". Anything
// else is not kept, as it might be something other than a colour profile.
func iccProfile(segs [][]byte) bool {
	if len(segs) == 0 || len(segs) > 255 {
		return false
	}
	var size int
	for k, seg := range segs {
		// FF E2, length (2), "ICC_PROFILE\0" (12), sequence number, count.
		if len(seg) <= 4+14 || int(seg[4+12]) != k+1 || int(seg[4+13]) != len(segs) {
			return false
		}
		size += len(seg) - 4 - 14
	}
	p := segs[0][4+14:]
	return len(p) >= 128 && string(p[36:40]) == "acsp" && int(binary.BigEndian.Uint32(p)) == size
}

// rgbProfile reports whether the ICC segments icc hold an RGB profile,
// which may go with a JPEG that image/jpeg encoded (always YCbCr, from
// RGB); a CMYK or grey profile may not.
func rgbProfile(icc []byte) bool {
	// FF E2, length (2), "ICC_PROFILE\0", sequence number (1), count (1),
	// then the profile, whose colour space is at byte 16 of its header.
	const at = 4 + 12 + 2 + 16
	return len(icc) >= at+4 && icc[4+12] == 1 && string(icc[at:at+4]) == "RGB "
}

// orient turns a decoded JPEG upright as EXIF orientation o (2–8) says,
// as generator/images does for the build.
func orient(src image.Image, o int) *image.RGBA {
	b := src.Bounds()
	in := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(in, in.Bounds(), src, b.Min, draw.Src)
	pix, r := turn(in.Pix, in.Stride, 4, b.Dx(), b.Dy(), o)
	return &image.RGBA{Pix: pix, Stride: 4 * r.Dx(), Rect: r}
}

// turn returns the pixels pix (w×h, bpp bytes a pixel, stride bytes a
// row) turned upright from orientation o, and their new bounds.
func turn(pix []byte, stride, bpp, w, h, o int) ([]byte, image.Rectangle) {
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	out := make([]byte, dw*dh*bpp)
	for y := range dh {
		row := out[y*dw*bpp:]
		for x := range dw {
			sx, sy := images.SourcePixel(o, x, y, w, h)
			copy(row[x*bpp:x*bpp+bpp], pix[sy*stride+sx*bpp:])
		}
	}
	return out, image.Rect(0, 0, dw, dh)
}

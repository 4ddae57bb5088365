// Package upload checks a photo an editor uploads in the preview server's
// editor and makes it safe to store: only JPEG and PNG are taken (found by
// their bytes, never by the name the browser gave), the file may be at most
// MaxBytes and images.MaxPixels, and everything that is not the picture
// itself is removed, above all the EXIF block with the GPS position a phone
// writes into a photo taken in someone's home.
//
// JPEG: a photo whose EXIF orientation is 1 (or absent) is cleaned
// losslessly: its segments are copied except every APPn and COM segment
// (EXIF, XMP, IPTC, MPF, maker notes, comments), whatever follows the end
// of the image (the extra pictures of MPF and gain maps), while three kinds
// of segment are kept because they say how the pixels look: a JFIF APP0,
// rewritten to its 16 bytes without the thumbnail; an Adobe APP14, rewritten
// to its 12 bytes (it says whether the pixels are RGB, YCbCr or CMYK); and
// the ICC colour profile in APP2 when its segments hold one whole profile
// (phones write Display P3 photos; without the profile their colours look
// washed out). A photo that must be turned
// is decoded, turned upright, and encoded again at JPEGQuality: the result
// has no EXIF, so it displays upright everywhere; an RGB colour profile is
// put back, other metadata is gone with the old file.
//
// PNG: the chunks are copied losslessly when their CRCs are right, except
// every chunk not on a short list of what the picture needs: the critical
// chunks (IHDR, PLTE, IDAT, IEND) and those that describe colour,
// transparency and pixel size (tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, cICP,
// mDCv, cLLi, bKGD, pHYs). Text (tEXt, zTXt, iTXt), EXIF (eXIf), time
// (tIME), animation (acTL, fcTL, fdAT: the still image is kept), content
// credentials and private chunks are removed, as is anything after IEND.
// A PNG whose eXIf chunk says to turn it (browsers obey it, as they do in
// JPEG) is decoded, turned upright and encoded again with image/png, at 8
// or 16 bits a channel as it was; its colour and pixel size chunks are
// put back.
//
// The cleaned bytes are decoded before they are returned, so a truncated
// or damaged file is refused rather than stored.
package upload

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"strings"

	"katalog/generator/images"
	"katalog/internal/slug"
)

// MaxBytes is the largest upload accepted: 25 MB.
const MaxBytes = 25 << 20

// JPEGQuality is the quality a JPEG that had to be turned upright is
// encoded with: high, as the build resizes it again later.
const JPEGQuality = 92

// MaxSlug is the most letters of the file name before its extension.
const MaxSlug = 60

// The reasons an upload is refused; an *Error wraps one of them, so that
// errors.Is tells them apart (a server can answer 413 for ErrTooLarge,
// 415 for ErrFormat and 422 for the others).
var (
	ErrTooLarge = errors.New("upload: file larger than MaxBytes")
	ErrFormat   = errors.New("upload: not a JPEG or PNG image")
	ErrPixels   = errors.New("upload: image has more than images.MaxPixels pixels")
	ErrDamaged  = errors.New("upload: image cannot be read")
)

// An Error is a refused upload. Error returns the message for the editor,
// in Danish; Unwrap returns one of the Err values, possibly with the
// technical cause, for the log.
type Error struct {
	Msg string
	Err error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Image takes the uploaded bytes and the name the browser gave, checks them, and returns
// the bytes to store and the file name to store them under.
func Image(data []byte, name string) (clean []byte, file string, err error) {
	if len(data) > MaxBytes {
		return nil, "", &Error{
			Msg: fmt.Sprintf("billedet fylder %s MB; det største, der kan lægges op, er %d MB (gem det i en mindre størrelse)",
				tenthsUp(int64(len(data)), 1<<20), MaxBytes>>20),
			Err: ErrTooLarge,
		}
	}
	format := sniff(data)
	if format == "" {
		return nil, "", formatError(data)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, "", damaged(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, "", damaged(errors.New("empty image"))
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > images.MaxPixels {
		return nil, "", &Error{
			Msg: fmt.Sprintf("billedet er %d × %d pixel, i alt %s megapixel; det største, der kan bruges, er %d megapixel (gem det i en mindre størrelse)",
				cfg.Width, cfg.Height, tenthsUp(px, 1_000_000), images.MaxPixels/1_000_000),
			Err: ErrPixels,
		}
	}
	if format == "jpeg" {
		clean, err = cleanJPEG(data, cfg.Width, cfg.Height)
	} else {
		clean, err = cleanPNG(data, cfg.Width, cfg.Height)
	}
	if err != nil {
		return nil, "", damaged(err)
	}
	return clean, FileName(name, format), nil
}

// sniff returns "jpeg" or "png" when data starts as that format does, by
// both http.DetectContentType and the format's own signature, else "".
func sniff(data []byte) string {
	switch http.DetectContentType(data) {
	case "image/jpeg":
		if bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")) {
			return "jpeg"
		}
	case "image/png":
		if bytes.HasPrefix(data, []byte(pngSignature)) {
			return "png"
		}
	}
	return ""
}

// formatError says what data is, when it is a kind of file editors are
// likely to pick, and that only JPEG and PNG are taken.
func formatError(data []byte) *Error {
	e := &Error{Err: ErrFormat}
	if len(data) == 0 {
		e.Msg = "filen er tom (vælg billedet igen)"
		return e
	}
	what, hint := "", "gem billedet som JPEG eller PNG, og læg det op igen"
	head := data[:min(len(data), 512)]
	ct := http.DetectContentType(data)
	switch {
	case ct == "image/gif":
		what = "et GIF-billede"
	case ct == "image/webp":
		what = "et WebP-billede"
	case ct == "image/bmp":
		what = "et BMP-billede"
	case ct == "image/tiff" || bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*")):
		what = "et TIFF-billede"
	case isobmff(data, "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"):
		what = "et HEIC-billede"
		hint = "gem billedet som JPEG; på en iPhone kan du vælge »Mest kompatibel« under Indstillinger > Kamera > Formater"
	case isobmff(data, "avif", "avis"):
		what = "et AVIF-billede"
	case ct == "application/pdf":
		what = "et PDF-dokument"
	case bytes.Contains(bytes.ToLower(head), []byte("<svg")):
		what = "et SVG-billede"
	case strings.HasPrefix(ct, "text/html"):
		what = "en webside (HTML)"
	case strings.HasPrefix(ct, "text/"):
		what = "en tekstfil"
	}
	if what == "" {
		e.Msg = "filen er ikke et JPEG- eller PNG-billede (" + hint + ")"
	} else {
		e.Msg = "filen er " + what + ", ikke et JPEG- eller PNG-billede (" + hint + ")"
	}
	return e
}

// isobmff reports whether data is an ISO media file (HEIC, AVIF) whose
// major brand is one of brands.
func isobmff(data []byte, brands ...string) bool {
	if len(data) < 12 || string(data[4:8]) != "ftyp" {
		return false
	}
	for _, b := range brands {
		if string(data[8:12]) == b {
			return true
		}
	}
	return false
}

// damaged is the error for a JPEG or PNG that cannot be read.
func damaged(cause error) *Error {
	return &Error{
		Msg: "billedet er beskadiget eller kun delvist overført og kan ikke læses (åbn det, gem det igen, og læg det op på ny)",
		Err: fmt.Errorf("%w: %v", ErrDamaged, cause),
	}
}

// tenthsUp formats n/unit with one decimal and a decimal comma, rounded
// up, so that a file just over a limit never reads as the limit itself:
// tenthsUp(25<<20+1, 1<<20) is "25,1".
func tenthsUp(n, unit int64) string {
	tenths := (n*10 + unit - 1) / unit
	return fmt.Sprintf("%d,%d", tenths/10, tenths%10)
}

// FileName returns the name to store an upload of the given format
// ("jpeg" or "png") under: the slug of the name the browser gave, without
// its folders and extension, cut to MaxSlug letters at a hyphen where it
// can be, and the format's extension. "Min Foto ÆØÅ.JPEG" becomes
// "min-foto-aeoeaa.jpg"; a name with no letters or digits becomes
// "billede.jpg".
func FileName(name, format string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	s := slug.Make(name)
	if len(s) > MaxSlug {
		cut := s[:MaxSlug]
		if s[MaxSlug] != '-' {
			if i := strings.LastIndexByte(cut, '-'); i > 0 {
				cut = cut[:i]
			}
		}
		s = strings.Trim(cut, "-")
	}
	if s == "" {
		s = "billede"
	}
	if format == "png" {
		return s + ".png"
	}
	return s + ".jpg"
}

// decodeCheck decodes clean, the bytes about to be returned, and checks
// they are as large as the header said.
func decodeCheck(clean []byte, format string, w, h int) (image.Image, error) {
	var img image.Image
	var err error
	if format == "png" {
		img, err = png.Decode(bytes.NewReader(clean))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(clean))
	}
	if err != nil {
		return nil, err
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		return nil, fmt.Errorf("decoded %d×%d, header says %d×%d", b.Dx(), b.Dy(), w, h)
	}
	return img, nil
}

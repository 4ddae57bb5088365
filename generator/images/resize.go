package images

import (
	"image"

	"golang.org/x/image/draw"
)

// resize scales src to w×h with the Catmull-Rom filter. Images with an
// alpha channel keep it; others become opaque RGBA.
func resize(src image.Image, w, h int) image.Image {
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	if opaque(src) {
		rgba := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(rgba, rgba.Bounds(), src, src.Bounds(), draw.Src, nil)
		return rgba
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst
}

func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

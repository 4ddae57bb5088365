package generator

import (
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"katalog/generator/images"
	"katalog/generator/markdown"
)

// ImageCacheDir is where resized images are kept between builds, under
// the site root. It is not part of the site and not committed.
const ImageCacheDir = ".cache/images"

// imageDir is the output folder of the resized images; like every file
// under assets/ they carry a content hash and can be cached for a year.
const imageDir = "assets/img/"

// An imageSet resizes the photos a site shows, once each however many
// pages show them, and keeps the versions for the output.
type imageSet struct {
	ctx    context.Context // the build's: a cancelled build stops waiting for an image
	fsys   fs.FS
	base   string // the site's base path, "/" or "/katalog/"
	cache  *images.Cache
	mu     sync.Mutex
	byFile map[string]*imageEntry
}

type imageEntry struct {
	once     sync.Once
	img      markdown.Img
	versions []images.Version
	msg      string // why the image cannot be shown, or ""
}

func newImageSet(ctx context.Context, fsys fs.FS, cfg Config, base string) *imageSet {
	dir := ""
	if cfg.Root != "" {
		dir = filepath.Join(cfg.Root, filepath.FromSlash(ImageCacheDir))
	}
	return &imageSet{ctx: ctx, fsys: fsys, base: base, cache: images.NewCache(dir), byFile: map[string]*imageEntry{}}
}

// Resizes returns how many image versions the build made by resizing,
// rather than reading them back from the cache.
func (s *Site) Resizes() int64 { return s.images.cache.Resizes() }

// resolver returns the image resolver for p's markdown body.
func (is *imageSet) resolver(p *Page) markdown.ImageResolver {
	return func(dest string) (markdown.Img, string, bool) {
		file, ok := imageFile(p.File, dest)
		if !ok || !resizable(file) {
			return markdown.Img{}, "", true // not ours: checked as a link
		}
		return is.show(p.File, file, dest)
	}
}

// show returns the resized image in file, written as src in page, if
// page may show it.
func (is *imageSet) show(page, file, src string) (markdown.Img, string, bool) {
	if msg := imagePlace(page, file, src); msg != "" {
		return markdown.Img{}, msg, false
	}
	return is.get(file, src)
}

// imagePlace returns why page may not show file, written as src, or "".
// A page shows images from its own folder or below it, and from assets/,
// as the package doc says; the build would otherwise publish any image in
// the site root, or ask for an image outside it (issue F13).
func imagePlace(page, file, src string) string {
	dir := path.Dir(page) + "/"
	if strings.HasPrefix(file, dir) || strings.HasPrefix(file, "assets/") {
		return ""
	}
	where := "ligger uden for content/ og assets/"
	if strings.HasPrefix(file, "content/") {
		where = fmt.Sprintf("ligger i %s, ikke i sidens mappe", path.Dir(file)+"/")
	}
	return fmt.Sprintf("billedet %q %s (læg billedet i samme mappe som siden, %s, eller i assets/img/ og skriv /assets/img/%s)", src, where, dir, path.Base(file))
}

// get returns the resized image in file, written as dest, making it the
// first time.
func (is *imageSet) get(file, dest string) (markdown.Img, string, bool) {
	is.mu.Lock()
	e := is.byFile[file]
	if e == nil {
		e = &imageEntry{}
		is.byFile[file] = e
	}
	is.mu.Unlock()
	e.once.Do(func() { e.make(is, file) })
	if e.msg != "" {
		return markdown.Img{}, fmt.Sprintf("billedet %q: %s", dest, e.msg), false
	}
	return e.img, "", true
}

// processImage resizes one image; a variable so that tests can make it slow.
var processImage = (*images.Cache).Process

// process resizes one image, or gives up waiting when the build is
// cancelled: decoding a large photo takes seconds and cannot be stopped,
// so it finishes on its own and its result is dropped (the cache writes
// each file atomically).
func (is *imageSet) process(file string, data []byte) (*images.Image, error) {
	type result struct {
		img *images.Image
		err error
	}
	done := make(chan result, 1)
	go func() {
		img, err := processImage(is.cache, file, data)
		done <- result{img, err}
	}()
	select {
	case r := <-done:
		return r.img, r.err
	case <-is.ctx.Done():
		return nil, is.ctx.Err()
	}
}

func (e *imageEntry) make(is *imageSet, file string) {
	actual := actualName(is.fsys, file)
	data, err := fs.ReadFile(is.fsys, file)
	switch {
	case actual != "" && actual != path.Base(file):
		// Found only by ignoring case, or not at all: Netlify's disks, unlike
		// some editors' own, tell upper and lower case apart.
		e.msg = fmt.Sprintf("%s findes ikke, men %s gør (skriv filnavnet med store og små bogstaver præcis som filen hedder)", file, path.Join(path.Dir(file), actual))
		return
	case err != nil:
		e.msg = fmt.Sprintf("%s findes ikke (læg billedet i %s, eller ret filnavnet)", file, path.Dir(file)+"/")
		return
	}
	img, err := is.process(file, data)
	var de *images.DecodeError
	var se *images.SizeError
	switch {
	case errors.As(err, &se):
		e.msg = tooLarge(file, se.Width, se.Height)
		return
	case errors.Is(err, images.ErrFormat):
		e.msg = fmt.Sprintf("%s er ikke et JPEG- eller PNG-billede (gem billedet som .jpg eller .png, og ret filnavnet)", file)
		return
	case errors.As(err, &de):
		e.msg = fmt.Sprintf("%s kan ikke læses som billede; filen er ødelagt eller kun delvist gemt (gem billedet igen fra billedprogrammet)", file)
		return
	case err != nil:
		e.msg = fmt.Sprintf("%s kan ikke behandles: %v", file, err)
		return
	}
	var srcset []string
	for _, v := range img.Versions {
		srcset = append(srcset, fmt.Sprintf("%s%s%s %dw", is.base, imageDir, v.Name, v.Width))
	}
	// The default version is 960 px wide, or the original if narrower; width
	// and height are its own, so the browser knows the aspect ratio.
	def := img.Versions[min(1, len(img.Versions)-1)]
	e.img = markdown.Img{Src: is.base + imageDir + def.Name, Srcset: strings.Join(srcset, ", "), Width: def.Width, Height: def.Height}
	e.versions = img.Versions
}

// tooLarge says that file, of w×h pixels, is over images.MaxPixels, and
// how wide to save it: as wide as fits at its aspect ratio, in hundreds,
// and no wider than 4000, more than twice the widest version.
func tooLarge(file string, w, h int) string {
	fit := min(int(math.Sqrt(images.MaxPixels*float64(w)/float64(h))), 4000)
	if fit >= 100 {
		fit -= fit % 100
	}
	return fmt.Sprintf("%s er %d × %d punkter (%s megapixel); det største, sitet kan tage, er %d megapixel (gem billedet i en mindre størrelse, fx %d punkter bredt)",
		file, w, h, megapixels(w, h), images.MaxPixels/1_000_000, max(fit, 1))
}

// megapixels returns w×h in megapixels, rounded up to a tenth below 100
// (so that an image just over the limit does not read as the limit),
// with a Danish decimal comma.
func megapixels(w, h int) string {
	px := int64(w) * int64(h)
	if px >= 100_000_000 {
		return fmt.Sprint((px + 999_999) / 1_000_000)
	}
	tenths := (px + 99_999) / 100_000
	if tenths%10 == 0 {
		return fmt.Sprint(tenths / 10)
	}
	return fmt.Sprintf("%d,%d", tenths/10, tenths%10)
}

// write adds every version of every image shown to out.
func (is *imageSet) write(out Output) {
	for _, e := range is.byFile {
		for _, v := range e.versions {
			out[imageDir+v.Name] = v.Data
		}
	}
}

// pageImages resizes the images in front matter (a case's image).
func (s *Site) pageImages(errs *errorList) {
	for _, p := range s.all {
		if p.Image == nil || strings.TrimSpace(p.Image.Src) == "" {
			continue
		}
		file, ok := imageFile(p.File, p.Image.Src)
		if !ok {
			errs.Add(p.File, p.line("image.src"), "billedet %q ligger på en anden server (læg billedet ved siden af siden, og skriv filnavnet i src)", p.Image.Src)
			continue
		}
		if !resizable(file) {
			errs.Add(p.File, p.line("image.src"), "billedet %q er ikke et JPEG- eller PNG-billede (gem det som .jpg eller .png)", p.Image.Src)
			continue
		}
		img, msg, ok := s.images.show(p.File, file, p.Image.Src)
		if !ok {
			errs.Add(p.File, p.line("image.src"), "%s", msg)
			continue
		}
		p.Image.resized = &img
	}
}

// actualName returns the name of the file in file's folder that is file's
// name, exactly or else ignoring case, or "".
func actualName(fsys fs.FS, file string) string {
	entries, _ := fs.ReadDir(fsys, path.Dir(file))
	base, found := path.Base(file), ""
	for _, e := range entries {
		if e.Name() == base {
			return base
		}
		if strings.EqualFold(e.Name(), base) {
			found = e.Name()
		}
	}
	return found
}

// resizable reports whether file is a JPEG or PNG by its name.
func resizable(file string) bool {
	switch strings.ToLower(path.Ext(file)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// imageFile returns the file an image reference in the page file names:
// relative to the page's file in content/, /assets/... from the site root,
// or another /... from content/. It reports false for external images.
// The file may lie outside content/ and assets/; see imagePlace.
func imageFile(page, src string) (string, bool) {
	if !markdown.Internal(src) {
		return "", false
	}
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	// Clean as a path in the site root, not as a URL: "/assets/../x.png"
	// is then x.png in the root, which imagePlace refuses.
	if strings.HasPrefix(src, "/") {
		if strings.HasPrefix(src, "/assets/") {
			return path.Clean(strings.TrimPrefix(src, "/")), true
		}
		return path.Clean("content" + src), true
	}
	return path.Join(path.Dir(page), src), true
}

// HTML returns the image as a responsive <img> element with srcset, sizes,
// width and height, lazily loaded, for layouts: {{with .Page.Image}}{{.HTML}}{{end}}.
func (i *Image) HTML() template.HTML {
	r := i.resized
	if r == nil {
		return ""
	}
	return template.HTML(fmt.Sprintf(`<img src="%s" srcset="%s" sizes="%s" width="%d" height="%d" loading="lazy" decoding="async" alt="%s">`,
		html.EscapeString(r.Src), html.EscapeString(r.Srcset), html.EscapeString(markdown.DefaultSizes), r.Width, r.Height, html.EscapeString(i.Alt)))
}

// URL, Srcset, Width and Height describe the resized image for layouts
// that write their own markup.
func (i *Image) URL() string    { return i.resizedOr().Src }
func (i *Image) Srcset() string { return i.resizedOr().Srcset }
func (i *Image) Width() int     { return i.resizedOr().Width }
func (i *Image) Height() int    { return i.resizedOr().Height }

func (i *Image) resizedOr() markdown.Img {
	if i.resized == nil {
		return markdown.Img{}
	}
	return *i.resized
}

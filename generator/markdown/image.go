package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// An Img is an image resolved by the caller: the URL of its default
// version, the srcset of all its versions and the size of the original.
type Img struct {
	Src    string
	Srcset string // "a-480.jpg 480w, a-960.jpg 960w"
	Sizes  string // the sizes attribute; DefaultSizes when empty
	Width  int
	Height int
}

// DefaultSizes tells the browser how wide an image in running text is
// shown: the text's measure (42rem) on wide screens, the screen less its
// margins on narrow ones.
const DefaultSizes = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"

// An ImageResolver resolves the destination of an image in a document, as
// written, to its versions. It returns ok == false with a message saying
// what to do when the image does not exist or cannot be read, and an Img
// with no Src for images it leaves to the Resolver, such as SVG files.
type ImageResolver func(dest string) (img Img, msg string, ok bool)

// An Option changes how Render renders one document.
type Option func(*state)

// WithImages renders internal images as responsive <img> elements with
// srcset, sizes, width and height, lazily loaded and decoded, as resolve
// says. Without it, images are links like any other.
func WithImages(resolve ImageResolver) Option {
	return func(st *state) { st.images = resolve }
}

// image resolves an internal image with st.images and sets its attributes.
// It reports false when the image is left to the ordinary link check:
// there is no image resolver, or the image is external or dangerous.
func (st *state) image(n *ast.Image) bool {
	dest := string(n.Destination)
	if st.images == nil || !Internal(dest) || Dangerous(dest) != "" {
		return false
	}
	line := st.line(offset(n, st.src))
	st.result.Links = append(st.result.Links, Link{Line: line, Dest: dest, Image: true})
	img, msg, ok := st.images(dest)
	if !ok {
		st.result.Problems = append(st.result.Problems, Problem{Line: line, Msg: msg})
		return true
	}
	if img.Src == "" {
		st.result.Links = st.result.Links[:len(st.result.Links)-1] // link will record it
		return false
	}
	if img.Sizes == "" {
		img.Sizes = DefaultSizes
	}
	n.Destination = []byte(img.Src)
	n.SetAttributeString("srcset", []byte(img.Srcset))
	n.SetAttributeString("sizes", []byte(img.Sizes))
	n.SetAttributeString("width", []byte(fmt.Sprint(img.Width)))
	n.SetAttributeString("height", []byte(fmt.Sprint(img.Height)))
	n.SetAttributeString("loading", []byte("lazy"))
	n.SetAttributeString("decoding", []byte("async"))
	return true
}

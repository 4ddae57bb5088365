package generator

import (
	"bytes"
	"io/fs"
	"path"
	"time"
)

// FS returns the output as a read-only file system with its folders, for
// serving a build from memory. The output must not change afterwards.
func (o Output) FS() fs.StatFS {
	dirs := map[string]bool{".": true}
	for name := range o {
		for d := path.Dir(name); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return &outputFS{files: o, dirs: dirs}
}

type outputFS struct {
	files Output
	dirs  map[string]bool
}

func (o *outputFS) Open(name string) (fs.File, error) {
	fi, err := o.Stat(name)
	if err != nil {
		return nil, err
	}
	return &outputFile{info: fi.(*outputInfo), r: bytes.NewReader(o.files[name])}, nil
}

func (o *outputFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := o.files[name]; ok {
		return &outputInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	if o.dirs[name] {
		return &outputInfo{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// An outputFile is an open file or folder of an outputFS. A file can be
// read and seeked; a folder only stat'ed.
type outputFile struct {
	info *outputInfo
	r    *bytes.Reader
}

func (f *outputFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *outputFile) Close() error               { return nil }

func (f *outputFile) Read(p []byte) (int, error) {
	if f.info.dir {
		return 0, &fs.PathError{Op: "read", Path: f.info.name, Err: fs.ErrInvalid}
	}
	return f.r.Read(p)
}

func (f *outputFile) Seek(offset int64, whence int) (int64, error) { return f.r.Seek(offset, whence) }

type outputInfo struct {
	name string
	size int64
	dir  bool
}

func (i *outputInfo) Name() string { return i.name }
func (i *outputInfo) Size() int64  { return i.size }
func (i *outputInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i *outputInfo) ModTime() time.Time { return time.Time{} }
func (i *outputInfo) IsDir() bool        { return i.dir }
func (i *outputInfo) Sys() any           { return nil }

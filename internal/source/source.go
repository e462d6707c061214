// Package source reads a site's content folder: it walks an fs.FS, refuses
// what it must not read (symlinks, oversized files), parses every file in
// parallel and returns the briefings and profiles with every diagnostic of
// every file, positioned.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
)

// DefaultMaxFileSize is the default limit on the size of one content file.
const DefaultMaxFileSize = 1 << 20

// Options tune Load.
type Options struct {
	Dir         string         // the content folder inside fsys, usually "content"
	Location    *time.Location // the site's time zone
	MaxFileSize int64          // files larger than this are refused unread
}

// Reserved folders of profiles, relative to the content folder.
const (
	ActorsDir = "actors"
	TagsDir   = "tags"
)

// File is a content file found by Walk.
type File struct {
	Path string // slash-separated, including Options.Dir
	Info fs.FileInfo
}

// Item is what one content file holds: exactly one of the three is set.
type Item struct {
	Briefing *briefing.Briefing
	Actor    *briefing.ActorProfile
	Tag      *briefing.TagProfile
}

// Load reads every briefing and profile under opt.Dir. Paths in the result
// and in diagnostics are slash-separated and include opt.Dir.
func Load(fsys fs.FS, opt Options) (*briefing.Content, diag.List) {
	files, diags := Walk(fsys, opt)
	items := make([]Item, len(files))
	var mu sync.Mutex
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				item, ds := Parse(fsys, files[i].Path, opt)
				items[i] = item
				if len(ds) > 0 {
					mu.Lock()
					diags = append(diags, ds...)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	diags.Sort()
	return Assemble(items), diags
}

// Assemble gathers items into Content, ordered by path so the result does
// not depend on which worker finished first. Items that failed are skipped.
func Assemble(items []Item) *briefing.Content {
	c := &briefing.Content{}
	for _, it := range items {
		switch {
		case it.Briefing != nil:
			c.Briefings = append(c.Briefings, it.Briefing)
		case it.Actor != nil:
			c.Actors = append(c.Actors, it.Actor)
		case it.Tag != nil:
			c.Tags = append(c.Tags, it.Tag)
		}
	}
	sortContent(c)
	return c
}

// Walk lists the Markdown files in a stable order, skipping hidden and
// underscore names and refusing symlinks and oversized files.
func Walk(fsys fs.FS, opt Options) ([]File, diag.List) {
	var l Listing
	return l.Update(fsys, opt, nil)
}

// unwrapPath drops the path that fs errors repeat, since the position names it.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (opt Options) withDefaults() Options {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	return opt
}

// Parse reads and decodes one content file: a briefing, or a profile when
// it is in the actors or tags folder.
func Parse(fsys fs.FS, p string, opt Options) (Item, diag.List) {
	return new(Parser).Parse(fsys, p, opt)
}

// A Parser reads content files one after the other, reusing its memory:
// the buffer of the file and the front matter library's reader, some 9 KB
// a file otherwise. The Body of the item it returns is part of that
// buffer until its next Parse: convert it first. The zero value is ready;
// a Parser is not safe for concurrent use.
type Parser struct {
	buf []byte
	fm  fm.Parser
}

// Parse is the package's Parse, with p's memory.
func (ps *Parser) Parse(fsys fs.FS, p string, opt Options) (Item, diag.List) {
	opt = opt.withDefaults()
	src, err := readLimited(fsys, p, opt.MaxFileSize, ps.buf[:0])
	if err != nil {
		return Item{}, diag.List{diag.Errorf(diag.Pos{File: p}, "%v", err)}
	}
	ps.buf = src
	doc, diags := ps.fm.Parse(p, src)
	if doc == nil {
		return Item{}, diags
	}
	rel := strings.TrimPrefix(p, opt.Dir+"/")
	var it Item
	var ds diag.List
	switch {
	case strings.HasPrefix(rel, ActorsDir+"/"):
		it.Actor, ds = DecodeActor(p, doc)
		it.Actor.Body, it.Actor.BodyLine = doc.Body, doc.BodyLine
	case strings.HasPrefix(rel, TagsDir+"/"):
		it.Tag, ds = DecodeTag(p, doc)
		it.Tag.Body, it.Tag.BodyLine = doc.Body, doc.BodyLine
	default:
		it.Briefing, ds = DecodeBriefing(p, doc, opt.Location)
	}
	return it, append(diags, ds...)
}

// readLimited reads a file into buf but never more than limit bytes, in
// case it grew after it was listed.
func readLimited(fsys fs.FS, p string, limit int64, buf []byte) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrapPath(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrapPath(err))
	}
	if err := checkOpened(fsys, p, info); err != nil {
		return nil, err
	}
	// Room for the whole file and the read that finds its end, so the
	// buffer grows at most once.
	size := min(info.Size(), limit+1)
	b := bytes.NewBuffer(slices.Grow(buf[:0], int(size)+bytes.MinRead))
	_, err = b.ReadFrom(io.LimitReader(f, limit+1))
	src := b.Bytes()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrapPath(err))
	}
	if int64(len(src)) > limit {
		return nil, fmt.Errorf("file exceeds max size (limit %d bytes): split it, or raise maxFileSize in brief.toml", limit)
	}
	return src, nil
}

// checkOpened makes sure the file opened at p, with status opened, is the
// file at p itself, not what a symbolic link put in its place since the
// folder was listed points to (an open follows links): the path must not
// be a link now, and must name the same file (where fsys tells, as
// os.DirFS does). A link swapped in and out again between the open and
// this check is caught by the second test.
func checkOpened(fsys fs.FS, p string, opened fs.FileInfo) error {
	now, err := fs.Lstat(fsys, p)
	switch {
	case err != nil:
		return fmt.Errorf("cannot read: %v", unwrapPath(err))
	case now.Mode()&fs.ModeSymlink != 0, !opened.Mode().IsRegular(),
		now.Sys() != nil && opened.Sys() != nil && !os.SameFile(now, opened):
		return errors.New("not read: the file was replaced by a symbolic link or another file while the build read it; build again")
	}
	return nil
}

// sortContent orders everything by path so the result does not depend on
// which worker finished first.
func sortContent(c *briefing.Content) {
	sort.Slice(c.Briefings, func(i, j int) bool { return c.Briefings[i].Path < c.Briefings[j].Path })
	sort.Slice(c.Actors, func(i, j int) bool { return c.Actors[i].Path < c.Actors[j].Path })
	sort.Slice(c.Tags, func(i, j int) bool { return c.Tags[i].Path < c.Tags[j].Path })
}

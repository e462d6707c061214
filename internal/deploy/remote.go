package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strings"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/s3blob"    // s3://, and S3-compatible stores through endpoint=
	"gocloud.dev/gcerrors"
)

// ManifestKey is the object in which brief records what it sent: the
// digest and headers of every file. Stores whose listing gives no MD5 are
// compared through it, and a change of headers alone is seen in it.
const ManifestKey = ".brief-deploy.json"

// Target is an open bucket (or a prefix of one) to deploy to.
type Target struct {
	bucket *blob.Bucket
	redact redactor
	// URL is the target's URL with any credentials removed, for printing.
	URL string
}

// Open opens the bucket at rawURL. Credentials come from each cloud's
// usual places (environment, profiles, metadata servers), never from brief.
func Open(ctx context.Context, rawURL string) (*Target, error) {
	t := &Target{redact: newRedactor(rawURL), URL: DisplayURL(rawURL)}
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme == "" {
		return nil, errors.New("not a URL: " + t.URL)
	}
	if u.Scheme == "file" {
		// A folder target is created on the first deploy, and gets
		// no sidecar files of attributes beside the site's: a folder
		// keeps no headers, and brief's manifest holds the digests.
		q := u.Query()
		if !q.Has("create_dir") {
			q.Set("create_dir", "true")
		}
		if !q.Has("metadata") {
			q.Set("metadata", "skip")
		}
		u.RawQuery = q.Encode()
	}
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return nil, t.redact.Error(err)
	}
	t.bucket = b
	return t, nil
}

// Close closes the bucket.
func (t *Target) Close() error { return t.redact.Error(t.bucket.Close()) }

// remoteObject is what the listing tells of one object.
type remoteObject struct {
	Size int64
	MD5  []byte // nil when the store gives none (multipart uploads, some stores)
}

// list returns every object of the target but hidden ones (the manifest,
// and anything under a name starting with a dot, which brief never writes
// and so never deletes) and the empty "folder/" markers that consoles make.
func (t *Target) list(ctx context.Context) (map[string]remoteObject, error) {
	objects := map[string]remoteObject{}
	it := t.bucket.List(nil)
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			return objects, nil
		}
		if err != nil {
			return nil, t.redact.Error(err)
		}
		if obj.IsDir || hidden(obj.Key) || strings.HasSuffix(obj.Key, "/") {
			continue
		}
		objects[obj.Key] = remoteObject{Size: obj.Size, MD5: obj.MD5}
	}
}

// hidden reports whether a key has a part starting with a dot.
func hidden(key string) bool {
	return strings.HasPrefix(key, ".") || strings.Contains(key, "/.")
}

// manifest is the content of ManifestKey.
type manifest struct {
	Version int                      `json:"version"`
	Files   map[string]manifestEntry `json:"files"`
}

type manifestEntry struct {
	Size   int64  `json:"size"`
	MD5    string `json:"md5"`    // hex, of the bytes sent
	Header string `json:"header"` // Header.fingerprint
}

const manifestVersion = 1

// readManifest returns the target's manifest and its bytes; a missing,
// unreadable or foreign one is empty: every file is then compared by the
// listing alone.
func (t *Target) readManifest(ctx context.Context) (manifest, []byte, error) {
	data, err := t.bucket.ReadAll(ctx, ManifestKey)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return manifest{}, nil, nil
	}
	if err != nil {
		return manifest{}, nil, t.redact.Error(err)
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil || m.Version != manifestVersion {
		return manifest{}, data, nil
	}
	return m, data, nil
}

// newManifest records files as sent.
func newManifest(files []File) []byte {
	m := manifest{Version: manifestVersion, Files: make(map[string]manifestEntry, len(files))}
	for _, f := range files {
		m.Files[f.Key] = manifestEntry{Size: f.Size, MD5: hex.EncodeToString(f.MD5[:]), Header: f.Header.fingerprint()}
	}
	data, _ := json.Marshal(m) // sorted keys: the same files make the same bytes
	return append(data, '\n')
}

// put sends one object.
func (t *Target) put(ctx context.Context, key string, body []byte, h Header) error {
	sum := md5.Sum(body)
	opts := &blob.WriterOptions{
		ContentType: h.ContentType, CacheControl: h.CacheControl, ContentEncoding: h.ContentEncoding,
		ContentDisposition: h.ContentDisposition, ContentLanguage: h.ContentLanguage,
		ContentMD5: sum[:], DisableContentTypeDetection: true,
	}
	return t.bucket.Upload(ctx, key, bytes.NewReader(body), opts)
}

// same reports whether the remote object holds the bytes of f, and whether
// brief's manifest says it was sent with f's headers.
func same(f File, r remoteObject, m manifest) bool {
	e, known := m.Files[f.Key]
	sum := r.MD5
	if len(sum) == 0 && known && e.Size == r.Size {
		sum, _ = hex.DecodeString(e.MD5)
	}
	if r.Size != f.Size || !bytes.Equal(sum, f.MD5[:]) {
		return false
	}
	// The manifest speaks for the object only if it records these bytes:
	// after a deploy that failed midway it may describe older ones.
	if known && e.MD5 == hex.EncodeToString(f.MD5[:]) {
		return e.Header == f.Header.fingerprint()
	}
	return true
}

// Package deploy publishes a built site to object storage: it compares the
// local folder with a bucket (through gocloud.dev/blob: S3 and S3-compatible
// stores, Google Cloud Storage, Azure Blob Storage, a folder) and sends only
// the files that are new or changed, with their Content-Type and
// Cache-Control, in an order that keeps the live site consistent, then
// deletes what the site no longer has.
package deploy

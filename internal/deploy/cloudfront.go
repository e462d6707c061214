package deploy

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
)

// MaxInvalidationPaths is how many paths brief names in one invalidation;
// past it, it invalidates /* instead, which CloudFront counts as one path.
const MaxInvalidationPaths = 100

// InvalidationPaths returns the URL paths of the pages the plan changes or
// deletes (new pages are in no cache yet), both /a/b/index.html and /a/b/
// for a folder's page; or /* when there are more than
// MaxInvalidationPaths. The keys are taken to be the paths of the
// distribution: its origin path is the bucket's prefix.
func InvalidationPaths(p *Plan) []string {
	seen := map[string]bool{}
	add := func(key string) {
		if PhaseOf(key) != Pages {
			return
		}
		seen["/"+key] = true
		if path.Base(key) == "index.html" {
			seen[strings.TrimSuffix("/"+key, "index.html")] = true
		}
	}
	for _, u := range p.Uploads {
		if !u.New {
			add(u.Key)
		}
	}
	for _, k := range p.Deletes {
		add(k)
	}
	if len(seen) > MaxInvalidationPaths {
		return []string{"/*"}
	}
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Invalidate asks CloudFront to drop paths from the caches of the
// distribution, with the credentials of the AWS SDK's usual places, and
// returns the invalidation's ID.
func Invalidate(ctx context.Context, distribution string, paths []string) (string, error) {
	r := newRedactor("")
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return "", r.Error(err)
	}
	out, err := cloudfront.NewFromConfig(cfg).CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(distribution),
		InvalidationBatch: &cftypes.InvalidationBatch{
			CallerReference: aws.String(fmt.Sprintf("brief-%d", time.Now().UnixNano())),
			Paths:           &cftypes.Paths{Quantity: aws.Int32(int32(len(paths))), Items: paths},
		},
	})
	if err != nil {
		return "", r.Error(err)
	}
	if out.Invalidation == nil {
		return "", nil
	}
	return aws.ToString(out.Invalidation.Id), nil
}

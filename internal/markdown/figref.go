package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/brief-ssg/brief/internal/briefing"
)

// Inline figures: :fig[key] is a figure of the briefing, written as its
// table writes it; a paragraph that is only :chart[key] is the chart of
// that series. Each renders as a marker (briefing.FigureMarker and the
// reference's index) that the site fills in once every figure is known.
// \:fig[ stays literal: goldmark drops the backslash of an escaped colon
// before any inline parser sees it.

var kindFigRef = ast.NewNodeKind("FigureRef")

// figRef is one :fig[key] or :chart[key].
type figRef struct {
	ast.BaseInline
	index int
	chart bool
}

func (n *figRef) Kind() ast.NodeKind { return kindFigRef }

func (n *figRef) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"index": strconv.Itoa(n.index)}, nil)
}

type figParser struct{}

func (figParser) Trigger() []byte { return []byte{':'} }

// Parse reads :fig[key] or :chart[key], with a key of letters, digits,
// - and _.
func (figParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	chart := false
	var n int
	switch {
	case hasPrefix(line, ":fig["):
		n = len(":fig[")
	case hasPrefix(line, ":chart["):
		n, chart = len(":chart["), true
	default:
		return nil
	}
	end := n
	for end < len(line) && isKeyByte(line[end]) {
		end++
	}
	if end == n || end >= len(line) || line[end] != ']' {
		return nil
	}
	rep, _ := pc.Get(reporterKey).(*reporter)
	if rep == nil {
		return nil
	}
	node := &figRef{index: len(rep.refs), chart: chart}
	rep.refs = append(rep.refs, briefing.FigureRef{Key: string(line[n:end]), Chart: chart, Pos: rep.pos(seg.Start)})
	block.Advance(end + 1)
	return node
}

func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// chartBlock is a paragraph that held only a :chart[key].
type chartBlock struct {
	ast.BaseBlock
	index int
}

var kindChartBlock = ast.NewNodeKind("ChartBlock")

func (n *chartBlock) Kind() ast.NodeKind { return kindChartBlock }

func (n *chartBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"index": strconv.Itoa(n.index)}, nil)
}

// chartBlocks replaces each paragraph that is only a :chart[key] by a
// chartBlock: a chart is no paragraph.
type chartBlocks struct{}

func (chartBlocks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var found []*ast.Paragraph
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if r, ok := p.FirstChild().(*figRef); ok && r.chart && p.ChildCount() == 1 {
				found = append(found, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if rep, _ := pc.Get(reporterKey).(*reporter); rep != nil {
		alone := map[int]bool{}
		for _, p := range found {
			alone[p.FirstChild().(*figRef).index] = true
		}
		for i, r := range rep.refs {
			if r.Chart && !alone[i] {
				rep.diags.Errorf(r.Pos, ":chart[%s] must be a paragraph of its own: put it on its own line between blank lines, or write :fig[%s] for the figure in text", r.Key, r.Key)
			}
		}
	}
	for _, p := range found {
		p.Parent().ReplaceChild(p.Parent(), p, &chartBlock{index: p.FirstChild().(*figRef).index})
	}
}

// figRenderer writes the markers of references.
type figRenderer struct{}

func (figRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	marker := func(w util.BufWriter, i int) {
		w.WriteString(briefing.FigureMarker + strconv.Itoa(i) + briefing.FigureMarkerEnd)
	}
	reg.Register(kindFigRef, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			marker(w, n.(*figRef).index)
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindChartBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			marker(w, n.(*chartBlock).index)
			w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}

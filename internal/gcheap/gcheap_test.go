package gcheap

import "testing"

type node struct {
	next *node
	_    [6]int
}

// TestAdded checks that a structure of pointers is counted, and one
// without none is not.
func TestAdded(t *testing.T) {
	const n = 4096
	pointers, ok, err := Added(3, func() (any, error) {
		nodes := make([]*node, n)
		for i := range nodes {
			nodes[i] = &node{}
			if i > 0 {
				nodes[i].next = nodes[i-1]
			}
		}
		return nodes, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Skip("the runtime does not report /gc/scan/heap:bytes")
	}
	bytes, _, _ := Added(3, func() (any, error) { return make([]byte, n*64), nil })
	t.Logf("%d nodes of pointers: %d bytes; %d bytes of bytes: %d", n, pointers, n*64, bytes)
	if pointers < n*56 {
		t.Errorf("%d nodes of 56 bytes add %d bytes of scannable heap, want at least %d", n, pointers, n*56)
	}
	if bytes > 4096 {
		t.Errorf("a []byte of %d adds %d bytes of scannable heap, want almost none", n*64, bytes)
	}
}

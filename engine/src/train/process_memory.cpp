#include "nemo/trainer.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nemo {

// Why: glibc serves every allocation above 32 MB (its largest mmap threshold) with a fresh mmap
// and returns it to the kernel on free, so each activation-sized tensor of a training step (a
// 64-channel 32x32 batch of 128 is 33.5 MB) was zero-filled page by page by the kernel before
// use: an element-wise op on such a tensor took 24 ms instead of 4-5 ms (measured with ATen's own
// kernels, bench/README.md, session 4). Served from the heap and kept after free, the next step
// reuses the same memory. The cost: the process keeps its peak heap (up to 4 GiB of it) instead
// of handing it back between steps, as PyTorch's own GPU caching allocator does.
void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}

}  // namespace nemo

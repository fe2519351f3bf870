#include "models/winograd_tiles.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <vector>

// The kernels are compiled twice: for the baseline x86-64 and for AVX2 + FMA, picked at run time,
// so the binary still runs on CPUs without AVX2 (Debian's baseline) and is fast on those with.
#if defined(__x86_64__) && defined(__GNUC__)
#define NEMO_WINOGRAD_AVX2 1
#define NEMO_INLINE inline __attribute__((always_inline))
#else
#define NEMO_WINOGRAD_AVX2 0
#define NEMO_INLINE inline
#endif

namespace nemo::winograd {
namespace {

// One-dimensional transforms applied to `n` channels at once: rows of pointers in, rows out.
// The formulas are the matrices' non-zero entries written out, so no multiply by 0 or 1 is done.
// Output rows never overlap input rows or each other (the callers see to it), so the loops carry
// `ivdep`: with 8-12 row pointers the compiler would otherwise give up vectorizing them.
template <int M>
struct Rows;

// F(2, 3): B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], A^T = [1 1 1 0; 0 1 -1 -1].
template <>
struct Rows<2> {
    template <typename T>
    static NEMO_INLINE void input(const T* const* d, T* const* o, int64_t n) {
        const T *d0 = d[0], *d1 = d[1], *d2 = d[2], *d3 = d[3];
        T *o0 = o[0], *o1 = o[1], *o2 = o[2], *o3 = o[3];
#pragma GCC ivdep
        for (int64_t q = 0; q < n; ++q) {
            const T a0 = d0[q], a1 = d1[q], a2 = d2[q], a3 = d3[q];
            o0[q] = a0 - a2;
            o1[q] = a1 + a2;
            o2[q] = a2 - a1;
            o3[q] = a1 - a3;
        }
    }
    template <typename T>
    static NEMO_INLINE void output(const T* const* mm, T* const* o, int64_t n) {
        const T *m0 = mm[0], *m1 = mm[1], *m2 = mm[2], *m3 = mm[3];
        T *o0 = o[0], *o1 = o[1];
#pragma GCC ivdep
        for (int64_t q = 0; q < n; ++q) {
            const T a1 = m1[q], a2 = m2[q];
            o0[q] = m0[q] + a1 + a2;
            o1[q] = a1 - a2 - m3[q];
        }
    }
    template <typename T>
    static NEMO_INLINE void adjoint(const T* const* g, T* const* e, int64_t n) {
        const T *g0 = g[0], *g1 = g[1];
        T *e0 = e[0], *e1 = e[1], *e2 = e[2], *e3 = e[3];
#pragma GCC ivdep
        for (int64_t q = 0; q < n; ++q) {
            const T a0 = g0[q], a1 = g1[q];
            e0[q] = a0;
            e1[q] = a0 + a1;
            e2[q] = a0 - a1;
            e3[q] = -a1;
        }
    }
};

// F(4, 3) with the points 0, +-1, +-2 and infinity (Lavin & Gray's choice, the best-conditioned
// one in float32).
template <>
struct Rows<4> {
    template <typename T>
    static NEMO_INLINE void input(const T* const* d, T* const* o, int64_t n) {
        const T *d0 = d[0], *d1 = d[1], *d2 = d[2], *d3 = d[3], *d4 = d[4], *d5 = d[5];
        T *o0 = o[0], *o1 = o[1], *o2 = o[2], *o3 = o[3], *o4 = o[4], *o5 = o[5];
#pragma GCC ivdep
        for (int64_t q = 0; q < n; ++q) {
            const T a0 = d0[q], a1 = d1[q], a2 = d2[q], a3 = d3[q], a4 = d4[q], a5 = d5[q];
            const T s = a4 - T(4) * a2, t = a3 - T(4) * a1;  // shared by rows 1 and 2
            const T u = a4 - a2, v = T(2) * (a3 - a1);       // shared by rows 3 and 4
            o0[q] = T(4) * a0 - T(5) * a2 + a4;
            o1[q] = s + t;
            o2[q] = s - t;
            o3[q] = u + v;
            o4[q] = u - v;
            o5[q] = T(4) * a1 - T(5) * a3 + a5;
        }
    }
    template <typename T>
    static NEMO_INLINE void output(const T* const* mm, T* const* o, int64_t n) {
        const T *m0 = mm[0], *m1 = mm[1], *m2 = mm[2], *m3 = mm[3], *m4 = mm[4], *m5 = mm[5];
        T *o0 = o[0], *o1 = o[1], *o2 = o[2], *o3 = o[3];
#pragma GCC ivdep
        for (int64_t q = 0; q < n; ++q) {
            const T p12 = m1[q] + m2[q], d12 = m1[q] - m2[q];
            const T p34 = m3[q] + m4[q], d34 = m3[q] - m4[q];
            o0[q] = m0[q] + p12 + p34;
            o1[q] = d12 + T(2) * d34;
            o2[q] = p12 + T(4) * p34;
            o3[q] = d12 + T(8) * d34 + m5[q];
        }
    }
    template <typename T>
    static NEMO_INLINE void adjoint(const T* const* g, T* const* e, int64_t n) {
        const T *g0 = g[0], *g1 = g[1], *g2 = g[2], *g3 = g[3];
        T *e0 = e[0], *e1 = e[1], *e2 = e[2], *e3 = e[3], *e4 = e[4], *e5 = e[5];
#pragma GCC ivdep
        for (int64_t q = 0; q < n; ++q) {
            const T a0 = g0[q], a1 = g1[q], a2 = g2[q], a3 = g3[q];
            const T even = a0 + a2, odd = a1 + a3;
            const T even4 = a0 + T(4) * a2, odd4 = T(2) * a1 + T(8) * a3;
            e0[q] = a0;
            e1[q] = even + odd;
            e2[q] = even - odd;
            e3[q] = even4 + odd4;
            e4[q] = even4 - odd4;
            e5[q] = a3;
        }
    }
};

struct TileIndex {
    int64_t image, row, col;  // row, col: top-left output pixel of the tile
};
NEMO_INLINE TileIndex tileAt(const TileGrid& g, int64_t t) {
    const int64_t perImage = g.tilesHigh() * g.tilesWide();
    const int64_t r = t % perImage;
    return {t / perImage, (r / g.tilesWide()) * g.m, (r % g.tilesWide()) * g.m};
}

template <typename T, int M>
NEMO_INLINE void inputRange(const T* x, int64_t c, const TileGrid& g, T* v, int64_t first,
                            int64_t count, int64_t t0, int64_t t1, T* tmp, const T* zeros) {
    constexpr int A = M + 2;
    const T* d[A];
    T* o[A];
    for (int64_t t = t0; t < t1; ++t) {
        const TileIndex at = tileAt(g, t);
        for (int i = 0; i < A; ++i) {  // along each row of the tile: tmp[i][.] = d[i][.] B
            const int64_t y = at.row - 1 + i;
            for (int j = 0; j < A; ++j) {
                const int64_t xx = at.col - 1 + j;
                const bool inside = y >= 0 && y < g.height && xx >= 0 && xx < g.width;
                d[j] = inside ? x + ((at.image * g.height + y) * g.width + xx) * c : zeros;
                o[j] = tmp + (i * A + j) * c;
            }
            Rows<M>::input(d, o, c);
        }
        for (int j = 0; j < A; ++j) {  // down each column: v[.][j] = B^T tmp[.][j]
            for (int i = 0; i < A; ++i) {
                d[i] = tmp + (i * A + j) * c;
                o[i] = v + ((i * A + j) * count + (t - first)) * c;
            }
            Rows<M>::input(d, o, c);
        }
    }
}

template <typename T, int M>
NEMO_INLINE void outputRange(const T* mm, int64_t c, const TileGrid& g, const T* bias, T* y,
                             int64_t first, int64_t count, int64_t t0, int64_t t1, T* tmp,
                             T* dump) {
    constexpr int A = M + 2;
    const T* in[A];
    T* o[A];
    for (int64_t t = t0; t < t1; ++t) {
        const TileIndex at = tileAt(g, t);
        for (int i = 0; i < A; ++i) {  // tmp[i][.] = M[i][.] A
            for (int j = 0; j < A; ++j) in[j] = mm + ((i * A + j) * count + (t - first)) * c;
            for (int j = 0; j < M; ++j) o[j] = tmp + (i * M + j) * c;
            Rows<M>::output(in, o, c);
        }
        for (int j = 0; j < M; ++j) {  // y[.][j] = A^T tmp[.][j], cropped to the image
            const int64_t xx = at.col + j;
            for (int i = 0; i < A; ++i) in[i] = tmp + (i * M + j) * c;
            bool inside[M];
            for (int i = 0; i < M; ++i) {  // pixels off the image go to a row of their own
                const int64_t yy = at.row + i;
                inside[i] = yy < g.height && xx < g.width;
                o[i] =
                    inside[i] ? y + ((at.image * g.height + yy) * g.width + xx) * c : dump + i * c;
            }
            Rows<M>::output(in, o, c);
            if (bias) {
                for (int i = 0; i < M; ++i) {
                    if (!inside[i]) continue;
                    T* out = o[i];
#pragma GCC ivdep
                    for (int64_t q = 0; q < c; ++q) out[q] += bias[q];
                }
            }
        }
    }
}

template <typename T, int M>
NEMO_INLINE void adjointRange(const T* dy, int64_t c, const TileGrid& g, T* dm, int64_t first,
                              int64_t count, int64_t t0, int64_t t1, T* tmp, const T* zeros) {
    constexpr int A = M + 2;
    const T* in[A];
    T* o[A];
    for (int64_t t = t0; t < t1; ++t) {
        const TileIndex at = tileAt(g, t);
        for (int i = 0; i < M; ++i) {  // tmp[i][.] = A dY[i][.]
            const int64_t yy = at.row + i;
            for (int j = 0; j < M; ++j) {
                const int64_t xx = at.col + j;
                in[j] = (yy < g.height && xx < g.width)
                            ? dy + ((at.image * g.height + yy) * g.width + xx) * c
                            : zeros;
            }
            for (int j = 0; j < A; ++j) o[j] = tmp + (i * A + j) * c;
            Rows<M>::adjoint(in, o, c);
        }
        for (int j = 0; j < A; ++j) {  // dm[.][j] = A tmp[.][j]
            for (int i = 0; i < M; ++i) in[i] = tmp + (i * A + j) * c;
            for (int i = 0; i < A; ++i) o[i] = dm + ((i * A + j) * count + (t - first)) * c;
            Rows<M>::adjoint(in, o, c);
        }
    }
}

// The three kernels behind one switch, compiled once per instruction set by the wrappers below
// (inlined into each, so the AVX2 copy is vectorized with AVX2).
enum class Kind { Input, Output, Adjoint };

template <typename T, int M>
NEMO_INLINE void runRange(Kind kind, const T* src, int64_t c, const TileGrid& g, const T* bias,
                          T* dst, int64_t first, int64_t count, int64_t t0, int64_t t1, T* tmp,
                          T* scratch) {
    switch (kind) {
        case Kind::Input:
            inputRange<T, M>(src, c, g, dst, first, count, t0, t1, tmp, scratch);
            break;
        case Kind::Output:
            outputRange<T, M>(src, c, g, bias, dst, first, count, t0, t1, tmp, scratch);
            break;
        case Kind::Adjoint:
            adjointRange<T, M>(src, c, g, dst, first, count, t0, t1, tmp, scratch);
            break;
    }
}

template <typename T, int M>
void runRangeGeneric(Kind kind, const T* src, int64_t c, const TileGrid& g, const T* bias, T* dst,
                     int64_t first, int64_t count, int64_t t0, int64_t t1, T* tmp, T* scratch) {
    runRange<T, M>(kind, src, c, g, bias, dst, first, count, t0, t1, tmp, scratch);
}

#if NEMO_WINOGRAD_AVX2
template <typename T, int M>
__attribute__((target("avx2,fma"))) void runRangeAvx2(Kind kind, const T* src, int64_t c,
                                                      const TileGrid& g, const T* bias, T* dst,
                                                      int64_t first, int64_t count, int64_t t0,
                                                      int64_t t1, T* tmp, T* scratch) {
    runRange<T, M>(kind, src, c, g, bias, dst, first, count, t0, t1, tmp, scratch);
}

bool cpuHasAvx2() {
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}
#endif

template <typename T, int M>
void runTiles(Kind kind, const T* src, int64_t c, const TileGrid& g, const T* bias, T* dst,
              int64_t first, int64_t count) {
    constexpr int A = M + 2;
    // Enough tiles per task that the per-task buffers and thread start are paid back.
    const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(c, 1));
    at::parallel_for(first, first + count, grain, [&](int64_t t0, int64_t t1) {
        std::vector<T> tmp(static_cast<size_t>(A * A * c));
        // A row of zero pixels (input), or one dump row per output row (output), so that no two
        // rows a transform reads or writes overlap: the loops are vectorized without alias checks.
        std::vector<T> scratch(static_cast<size_t>(4 * c), T(0));
#if NEMO_WINOGRAD_AVX2
        if (cpuHasAvx2()) {
            runRangeAvx2<T, M>(kind, src, c, g, bias, dst, first, count, t0, t1, tmp.data(),
                               scratch.data());
            return;
        }
#endif
        runRangeGeneric<T, M>(kind, src, c, g, bias, dst, first, count, t0, t1, tmp.data(),
                              scratch.data());
    });
}

template <typename T>
void dispatch(Kind kind, const T* src, int64_t c, const TileGrid& g, const T* bias, T* dst,
              int64_t first, int64_t count) {
    if (g.m == 4)
        runTiles<T, 4>(kind, src, c, g, bias, dst, first, count);
    else
        runTiles<T, 2>(kind, src, c, g, bias, dst, first, count);
}

}  // namespace

const double* filterTransform(int m) {
    static const double g2[4 * 3] = {1, 0, 0, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0, 0, 1};
    static const double g4[6 * 3] = {1.0 / 4,  0,         0,        -1.0 / 6, -1.0 / 6, -1.0 / 6,
                                     -1.0 / 6, 1.0 / 6,   -1.0 / 6, 1.0 / 24, 1.0 / 12, 1.0 / 6,
                                     1.0 / 24, -1.0 / 12, 1.0 / 6,  0,        0,        1};
    return m == 4 ? g4 : g2;
}

namespace {
// G (alpha x 3) in the kernels' scalar type.
template <typename T>
struct FilterMatrix {
    explicit FilterMatrix(int m) {
        for (int i = 0; i < m + 2; ++i)
            for (int j = 0; j < 3; ++j) rows[i][j] = T(filterTransform(m)[i * 3 + j]);
    }
    const T* operator[](int i) const { return rows[i]; }
    T rows[6][3] = {};
};
}  // namespace

template <typename T>
void filterTiles(const T* w, int64_t k, int64_t c, int m, bool flipped, T* u) {
    const int a = m + 2;
    const FilterMatrix<T> g(m);
    at::parallel_for(0, k, 1, [&](int64_t k0, int64_t k1) {
        std::vector<T> tmp(static_cast<size_t>(3 * a * c));  // [3 rows][alpha][c]
        for (int64_t kk = k0; kk < k1; ++kk) {
            const T* wk = w + kk * 9 * c;
            auto tap = [&](int r, int s) {  // row r, column s of the (possibly turned) filter
                return flipped ? wk + ((2 - r) * 3 + (2 - s)) * c : wk + (r * 3 + s) * c;
            };
            for (int r = 0; r < 3; ++r) {  // along each row: tmp[r][j] = sum_s G[j][s] w[r][s]
                const T *w0 = tap(r, 0), *w1 = tap(r, 1), *w2 = tap(r, 2);
                for (int j = 0; j < a; ++j) {
                    T* out = tmp.data() + (r * a + j) * c;
                    const T g0 = g[j][0], g1 = g[j][1], g2 = g[j][2];
                    for (int64_t q = 0; q < c; ++q) out[q] = g0 * w0[q] + g1 * w1[q] + g2 * w2[q];
                }
            }
            for (int i = 0; i < a; ++i) {  // down each column: u[i][j] = sum_r G[i][r] tmp[r][j]
                const T g0 = g[i][0], g1 = g[i][1], g2 = g[i][2];
                for (int j = 0; j < a; ++j) {
                    const T *t0 = tmp.data() + j * c, *t1 = tmp.data() + (a + j) * c,
                            *t2 = tmp.data() + (2 * a + j) * c;
                    T* out = u + ((i * a + j) * k + kk) * c;
                    for (int64_t q = 0; q < c; ++q) out[q] = g0 * t0[q] + g1 * t1[q] + g2 * t2[q];
                }
            }
        }
    });
}

template <typename T>
void filterTilesAdjoint(const T* du, int64_t k, int64_t c, int m, T* dw) {
    const int a = m + 2;
    const FilterMatrix<T> g(m);
    at::parallel_for(0, k, 1, [&](int64_t k0, int64_t k1) {
        std::vector<T> tmp(static_cast<size_t>(a * 3 * c));  // [alpha rows][3][c]
        for (int64_t kk = k0; kk < k1; ++kk) {
            for (int i = 0; i < a; ++i) {  // tmp[i][s] = sum_j G[j][s] du[i][j]
                for (int s = 0; s < 3; ++s) {
                    T* out = tmp.data() + (i * 3 + s) * c;
                    std::fill(out, out + c, T(0));
                    for (int j = 0; j < a; ++j) {
                        const T gj = g[j][s];
                        if (gj == T(0)) continue;
                        const T* in = du + ((i * a + j) * k + kk) * c;
                        for (int64_t q = 0; q < c; ++q) out[q] += gj * in[q];
                    }
                }
            }
            T* dwk = dw + kk * 9 * c;
            for (int r = 0; r < 3; ++r) {  // dw[r][s] = sum_i G[i][r] tmp[i][s]
                for (int s = 0; s < 3; ++s) {
                    T* out = dwk + (r * 3 + s) * c;
                    std::fill(out, out + c, T(0));
                    for (int i = 0; i < a; ++i) {
                        const T gi = g[i][r];
                        if (gi == T(0)) continue;
                        const T* in = tmp.data() + (i * 3 + s) * c;
                        for (int64_t q = 0; q < c; ++q) out[q] += gi * in[q];
                    }
                }
            }
        }
    });
}

template <typename T>
void inputTiles(const T* x, int64_t channels, const TileGrid& grid, int64_t first, int64_t count,
                T* v) {
    dispatch<T>(Kind::Input, x, channels, grid, nullptr, v, first, count);
}
template <typename T>
void outputTiles(const T* mm, int64_t channels, const TileGrid& grid, int64_t first, int64_t count,
                 const T* bias, T* y) {
    dispatch<T>(Kind::Output, mm, channels, grid, bias, y, first, count);
}
template <typename T>
void outputTilesAdjoint(const T* dy, int64_t channels, const TileGrid& grid, int64_t first,
                        int64_t count, T* dm) {
    dispatch<T>(Kind::Adjoint, dy, channels, grid, nullptr, dm, first, count);
}

#define NEMO_WINOGRAD_INSTANTIATE(T)                                                               \
    template void inputTiles<T>(const T*, int64_t, const TileGrid&, int64_t, int64_t, T*);         \
    template void outputTiles<T>(const T*, int64_t, const TileGrid&, int64_t, int64_t, const T*,   \
                                 T*);                                                              \
    template void outputTilesAdjoint<T>(const T*, int64_t, const TileGrid&, int64_t, int64_t, T*); \
    template void filterTiles<T>(const T*, int64_t, int64_t, int, bool, T*);                       \
    template void filterTilesAdjoint<T>(const T*, int64_t, int64_t, int, T*);
NEMO_WINOGRAD_INSTANTIATE(float)
NEMO_WINOGRAD_INSTANTIATE(double)
#undef NEMO_WINOGRAD_INSTANTIATE

}  // namespace nemo::winograd

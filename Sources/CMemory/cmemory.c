#include "cmemory.h"

// Any C library header defines __GLIBC__ when the library is glibc.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cmemory_map_blocks_from(size_t threshold) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, (int)threshold);
#else
    (void)threshold;
#endif
}

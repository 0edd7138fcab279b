#ifndef CMEMORY_H
#define CMEMORY_H

#include <stddef.h>

// The allocator's one setting assetlint makes (glibc's mallopt is not visible to Swift).

#ifdef __cplusplus
extern "C" {
#endif

/// Blocks of `threshold` bytes and more are mapped on their own and unmapped when freed, and the
/// threshold stays where it is set (glibc otherwise raises it as large blocks are freed). Does
/// nothing with another C library.
void cmemory_map_blocks_from(size_t threshold);

#ifdef __cplusplus
}
#endif

#endif

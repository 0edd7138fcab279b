#ifndef CZLIB_H
#define CZLIB_H

#include <stddef.h>
#include <stdint.h>

// A thin C facade over the system zlib (zlib1g-dev): inflating gzip and zlib streams in steps.
// Swift sees an opaque handle and plain integers, never zlib's types.

#ifdef __cplusplus
extern "C" {
#endif

typedef struct czlib_inflater czlib_inflater;

/// An inflater for gzip or zlib data (detected from the header), or NULL when out of memory.
czlib_inflater *czlib_inflater_new(void);
void czlib_inflater_free(czlib_inflater *inflater);

enum {
    CZLIB_OK = 0,           // made progress; call again with more input or more room
    CZLIB_END = 1,          // the stream (every concatenated gzip member) ended with the input
    CZLIB_ERROR_DATA = -1,  // not gzip or zlib data, or corrupt
    CZLIB_ERROR_MEMORY = -2
};

/// Inflates from `input` into `output`. `*consumed` and `*produced` receive how many bytes were
/// read and written. After a gzip member ends, a following member (as `cat a.gz b.gz` makes) is
/// inflated too; CZLIB_END is returned when a member ends exactly at the end of the input.
int32_t czlib_inflate(czlib_inflater *inflater, const uint8_t *input, size_t input_length, size_t *consumed,
                      uint8_t *output, size_t output_capacity, size_t *produced);

/// zlib's message for the last error, or an empty string.
const char *czlib_message(const czlib_inflater *inflater);

#ifdef __cplusplus
}
#endif

#endif

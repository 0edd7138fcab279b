// glibc declares memmem only with _GNU_SOURCE, which Swift's Glibc module does not set.
#define _GNU_SOURCE
#include <string.h>
#include "cicu.h"

const void *cicu_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}

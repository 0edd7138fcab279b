#ifndef CICU_H
#define CICU_H

#include <stddef.h>
#include <stdint.h>

// A thin C facade over the system ICU (libicu-dev). Every function takes and returns UTF-8 so the
// Swift side never sees ICU types or ICU's versioned symbol names.
// Functions returning int32_t lengths return the needed length when `capacity` is too small
// (nothing is written past `capacity`), and a negative value on an ICU error.

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the UTF-8 text is in Unicode Normalization Form C, 0 when not, negative on error.
int32_t cicu_is_nfc(const char *utf8, int32_t length);

/// Writes the NFC (form 0) or NFD (form 1) of `utf8` into `dest`.
int32_t cicu_normalize(int32_t form, const char *utf8, int32_t length, char *dest, int32_t capacity);

/// UTS #46 ToASCII with the WHATWG URL Standard's options (non-transitional, CheckBidi,
/// CheckJoiners, UseSTD3ASCIIRules off). `*errors` receives ICU's UIDNA_ERROR_* bits.
int32_t cicu_domain_to_ascii(const char *utf8, int32_t length, char *dest, int32_t capacity, uint32_t *errors);

/// UTS #46 ToUnicode with the same options.
int32_t cicu_domain_to_unicode(const char *utf8, int32_t length, char *dest, int32_t capacity, uint32_t *errors);

/// The UTS #39 confusable skeleton of `utf8`.
int32_t cicu_confusable_skeleton(const char *utf8, int32_t length, char *dest, int32_t capacity);

/// Character classes used by the invisible-character rules.
enum {
    CICU_CHAR_ORDINARY = 0,
    CICU_CHAR_CONTROL = 1,          // general category Cc
    CICU_CHAR_BIDI_CONTROL = 2,     // Bidi_Control property
    CICU_CHAR_ZERO_WIDTH = 3,       // format (Cf) or default-ignorable, not bidi control
    CICU_CHAR_UNASSIGNED = 4,       // general category Cn
    CICU_CHAR_PRIVATE_USE = 5,      // general category Co
    CICU_CHAR_WHITESPACE = 6        // White_Space property
};
int32_t cicu_char_class(uint32_t scalar);

/// The ICU version string, e.g. "72.1".
const char *cicu_version(void);

/// The first occurrence of a byte string in a buffer (glibc memmem, vectorised), or NULL.
const void *cicu_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

/// Asks the processor to start loading the cache line at `address` for writing, without waiting.
/// Inlined into Swift callers (hash tables far bigger than the cache overlap their misses).
static inline void cicu_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }

#ifdef __cplusplus
}
#endif

#endif

#include "cicu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uspoof.h>
#include <unicode/uversion.h>

// Converts UTF-8 to a malloc'ed UTF-16 buffer. Returns NULL on failure.
static UChar *to_utf16(const char *utf8, int32_t length, int32_t *out_length) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strFromUTF8WithSub(NULL, 0, &needed, utf8, length, 0xFFFD, NULL, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return NULL;
    UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (!buffer) return NULL;
    status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(buffer, needed + 1, out_length, utf8, length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) { free(buffer); return NULL; }
    return buffer;
}

static int32_t from_utf16(const UChar *text, int32_t length, char *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strToUTF8WithSub(dest, capacity, &needed, text, length, 0xFFFD, NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -1;
    return needed;
}

int32_t cicu_is_nfc(const char *utf8, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t n = 0;
    UChar *text = to_utf16(utf8, length, &n);
    if (!text) return -1;
    UBool result = unorm2_isNormalized(nfc, text, n, &status);
    free(text);
    return U_FAILURE(status) ? -1 : (result ? 1 : 0);
}

int32_t cicu_normalize(int32_t form, const char *utf8, int32_t length, char *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = form == 0 ? unorm2_getNFCInstance(&status) : unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t n = 0;
    UChar *text = to_utf16(utf8, length, &n);
    if (!text) return -1;
    int32_t needed = unorm2_normalize(normalizer, text, n, NULL, 0, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) { free(text); return -1; }
    UChar *out = (UChar *)malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (!out) { free(text); return -1; }
    status = U_ZERO_ERROR;
    int32_t written = unorm2_normalize(normalizer, text, n, out, needed + 1, &status);
    free(text);
    if (U_FAILURE(status)) { free(out); return -1; }
    int32_t result = from_utf16(out, written, dest, capacity);
    free(out);
    return result;
}

static UIDNA *shared_idna = NULL;

static void open_whatwg_idna(void) {
    UErrorCode status = U_ZERO_ERROR;
    // CheckBidi and CheckJoiners are what the URL Standard's "domain to ASCII" asks for;
    // processing is nontransitional and UseSTD3ASCIIRules is off.
    UIDNA *created = uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII |
                                         UIDNA_NONTRANSITIONAL_TO_UNICODE,
                                     &status);
    if (U_SUCCESS(status)) shared_idna = created;
}

static const UIDNA *whatwg_idna(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, open_whatwg_idna);
    return shared_idna;
}

int32_t cicu_domain_to_ascii(const char *utf8, int32_t length, char *dest, int32_t capacity, uint32_t *errors) {
    const UIDNA *idna = whatwg_idna();
    if (!idna) return -1;
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t needed = uidna_nameToASCII_UTF8(idna, utf8, length, dest, capacity, &info, &status);
    if (errors) *errors = info.errors;
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -1;
    return needed;
}

int32_t cicu_domain_to_unicode(const char *utf8, int32_t length, char *dest, int32_t capacity, uint32_t *errors) {
    const UIDNA *idna = whatwg_idna();
    if (!idna) return -1;
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t needed = uidna_nameToUnicodeUTF8(idna, utf8, length, dest, capacity, &info, &status);
    if (errors) *errors = info.errors;
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -1;
    return needed;
}

int32_t cicu_confusable_skeleton(const char *utf8, int32_t length, char *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    // A spoof checker is not thread-safe for modification but getSkeleton is a const operation;
    // one checker per call keeps this simple and the call is only made for non-ASCII text.
    USpoofChecker *checker = uspoof_open(&status);
    if (U_FAILURE(status)) return -1;
    int32_t needed = uspoof_getSkeletonUTF8(checker, 0, utf8, length, dest, capacity, &status);
    uspoof_close(checker);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -1;
    return needed;
}

int32_t cicu_char_class(uint32_t scalar) {
    UChar32 c = (UChar32)scalar;
    if (u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL)) return CICU_CHAR_BIDI_CONTROL;
    int8_t type = u_charType(c);
    if (type == U_CONTROL_CHAR) return CICU_CHAR_CONTROL;
    if (type == U_UNASSIGNED) return CICU_CHAR_UNASSIGNED;
    if (type == U_PRIVATE_USE_CHAR) return CICU_CHAR_PRIVATE_USE;
    if (type == U_FORMAT_CHAR || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return CICU_CHAR_ZERO_WIDTH;
    if (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) return CICU_CHAR_WHITESPACE;
    return CICU_CHAR_ORDINARY;
}

const char *cicu_version(void) {
    static char text[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, text);
    return text;
}

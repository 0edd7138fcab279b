#include "czlib.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct czlib_inflater {
    z_stream stream;
    int member_ended;
};

czlib_inflater *czlib_inflater_new(void) {
    czlib_inflater *inflater = calloc(1, sizeof(czlib_inflater));
    if (!inflater) return NULL;
    // 15 + 32: the largest window, and zlib detects a gzip or zlib header by itself.
    if (inflateInit2(&inflater->stream, 15 + 32) != Z_OK) {
        free(inflater);
        return NULL;
    }
    return inflater;
}

void czlib_inflater_free(czlib_inflater *inflater) {
    if (!inflater) return;
    inflateEnd(&inflater->stream);
    free(inflater);
}

int32_t czlib_inflate(czlib_inflater *inflater, const uint8_t *input, size_t input_length, size_t *consumed,
                      uint8_t *output, size_t output_capacity, size_t *produced) {
    z_stream *stream = &inflater->stream;
    *consumed = 0;
    *produced = 0;
    // zlib counts in uInt; larger buffers are handed over in pieces by the caller's loop.
    uInt in_count = input_length > 0x40000000u ? 0x40000000u : (uInt)input_length;
    uInt out_count = output_capacity > 0x40000000u ? 0x40000000u : (uInt)output_capacity;
    if (inflater->member_ended) {
        if (in_count == 0) return CZLIB_END;
        inflateReset(stream);
        inflater->member_ended = 0;
    }
    stream->next_in = (Bytef *)input;
    stream->avail_in = in_count;
    stream->next_out = output;
    stream->avail_out = out_count;
    int status = inflate(stream, Z_NO_FLUSH);
    *consumed = in_count - stream->avail_in;
    *produced = out_count - stream->avail_out;
    switch (status) {
    case Z_STREAM_END:
        inflater->member_ended = 1;
        return stream->avail_in == 0 ? CZLIB_END : CZLIB_OK;
    case Z_OK:
        return CZLIB_OK;
    case Z_BUF_ERROR:
        // No progress was possible: the caller gives more input or more room, or the data ends early.
        return CZLIB_OK;
    case Z_MEM_ERROR:
        return CZLIB_ERROR_MEMORY;
    default:
        return CZLIB_ERROR_DATA;
    }
}

const char *czlib_message(const czlib_inflater *inflater) {
    return inflater && inflater->stream.msg ? inflater->stream.msg : "";
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests: UTF-8 decoding and input cleaning. */
#include <stdlib.h>

#include "check.h"
#include "util/diag.h"
#include "util/input.h"
#include "util/utf8.h"

static size_t
dec(const char *s, size_t n, uint32_t *cp)
{
	return utf8_decode(s, n, cp);
}

int
main(void)
{
	struct input in;
	uint32_t cp = 0;
	char out[4];

	diag_quiet = 1;
	CHECK("utf8 ascii", dec("A", 1, &cp) == 1 && cp == 'A');
	CHECK("utf8 two bytes", dec("\xc3\xa9", 2, &cp) == 2 && cp == 0xe9);
	CHECK("utf8 four bytes", dec("\xf0\x9f\x98\x80", 4, &cp) == 4 &&
	    cp == 0x1f600);
	CHECK("utf8 overlong refused", dec("\xc0\xaf", 2, &cp) == 0);
	CHECK("utf8 overlong 3-byte refused", dec("\xe0\x80\xaf", 3, &cp) == 0);
	CHECK("utf8 surrogate refused", dec("\xed\xa0\x80", 3, &cp) == 0);
	CHECK("utf8 past U+10FFFF refused", dec("\xf4\x90\x80\x80", 4, &cp) == 0);
	CHECK("utf8 truncated refused", dec("\xe2\x82", 2, &cp) == 0);
	CHECK("utf8 stray continuation refused", dec("\x80", 1, &cp) == 0);
	CHECK("utf8 encode round trip", utf8_encode(0x20ac, out) == 3 &&
	    dec(out, 3, &cp) == 3 && cp == 0x20ac);

	diag_warnings = 0;
	input_clean("t", "\xef\xbb\xbfhi\r\nthere\rend",
	    sizeof("\xef\xbb\xbfhi\r\nthere\rend") - 1, &in);
	CHECK_STR("input BOM dropped, CRLF and CR become LF", in.text,
	    "hi\nthere\nend");
	CHECK("input clean text gives no warning", diag_warnings == 0);
	input_free(&in);

	input_clean("t", "a\nb\xff" "c\0d", 7, &in);
	CHECK_STR("input invalid byte and NUL become U+FFFD", in.text,
	    "a\nb\xef\xbf\xbd" "c\xef\xbf\xbd" "d");
	CHECK("input one warning per file", diag_warnings == 1);
	CHECK("input length excludes NUL", in.len == strlen(in.text));
	input_free(&in);

	input_clean("t", "", 0, &in);
	CHECK_STR("input empty is an empty string", in.text, "");
	input_free(&in);
	return check_failed;
}

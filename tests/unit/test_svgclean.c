/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests: SVG pictures cleaned (read/svgclean.c) and data: URIs
 * decoded (read/datauri.c). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "read/datauri.h"
#include "read/svgclean.h"
#include "util/diag.h"

/* The cleaned picture as a string (malloc'd), or NULL when refused. */
static char *
clean(const char *svg)
{
	unsigned char	*out;
	size_t		 len;
	const char	*why;
	char		*s;

	if (svg_clean((const unsigned char *)svg, strlen(svg), &out, &len,
	    &why) != 0)
		return NULL;
	s = xmalloc(len + 1);
	memcpy(s, out, len);
	s[len] = '\0';
	free(out);
	return s;
}

static int
has(const char *s, const char *what)
{
	return s != NULL && strstr(s, what) != NULL;
}

#define NS	"xmlns=\"http://www.w3.org/2000/svg\" "
#define XL	"xmlns:xlink=\"http://www.w3.org/1999/xlink\" "

int
main(void)
{
	char		*s;
	unsigned char	*b;
	size_t		 n;
	const char	*why;

	diag_quiet = 1;
	s = clean("<svg " NS "width=\"10\" onload=\"alert(1)\"><script>x()"
	    "</script><rect width=\"5\" height=\"5\" onclick=\"y()\"/></svg>");
	CHECK("svg script, handlers gone, picture kept", s != NULL &&
	    !has(s, "script") && !has(s, "alert") && !has(s, "onclick") &&
	    has(s, "<rect"));
	free(s);
	s = clean("<svg " NS XL "><image xlink:href=\"https://x.org/a.png\"/>"
	    "<image href=\"/etc/passwd\"/><use href=\"#a\"/><image href="
	    "\"data:image/png;base64,AAAA\"/></svg>");
	CHECK("svg outside references gone, local ones kept", s != NULL &&
	    !has(s, "x.org") && !has(s, "passwd") && has(s, "\"#a\"") &&
	    has(s, "data:image/png"));
	free(s);
	s = clean("<svg " NS "><foreignObject><div xmlns=\"http://www.w3.org/"
	    "1999/xhtml\">h</div></foreignObject><style>@import url(x.css);"
	    "</style><rect style=\"fill:url(http://x.org/f)\"/>"
	    "<set attributeName=\"href\" to=\"javascript:z()\"/></svg>");
	CHECK("svg foreignObject, leaking CSS, animation gone", s != NULL &&
	    !has(s, "foreignObject") && !has(s, "@import") &&
	    !has(s, "x.org") && !has(s, "javascript"));
	free(s);
	s = clean("<svg " NS "><a href=\"https://x.org\"><circle r=\"1\"/>"
	    "</a></svg>");
	CHECK("svg link becomes a group", s != NULL && has(s, "<g>") &&
	    !has(s, "x.org"));
	free(s);
	CHECK("svg with entities refused", clean("<?xml version=\"1.0\"?>"
	    "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<svg " NS "><text>&x;</text></svg>") == NULL);
	CHECK("svg outside the SVG namespace refused",
	    clean("<svg><rect/></svg>") == NULL);
	CHECK("svg not XML refused", clean("<svg " NS "><rect") == NULL);
	CHECK("svg sniffed after a BOM and a comment",
	    svg_sniff((const unsigned char *)"\xef\xbb\xbf <!-- c --><svg",
	    30));

	CHECK("data: base64", data_uri_decode("data:image/png;base64,aGk=",
	    &b, &n, &why) == 0 && n == 2 && memcmp(b, "hi", 2) == 0);
	free(b);
	CHECK("data: percent-encoded", data_uri_decode(
	    "DATA:image/svg+xml,%3Csvg%3E", &b, &n, &why) == 0 && n == 5 &&
	    memcmp(b, "<svg>", 5) == 0);
	free(b);
	CHECK("data: without a comma refused",
	    data_uri_decode("data:image/png;base64", &b, &n, &why) != 0);
	CHECK("data: empty base64 refused",
	    data_uri_decode("data:image/png;base64,", &b, &n, &why) != 0);
	return check_failed;
}

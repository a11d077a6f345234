/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/xml.c - small helpers over libxml2's tree API for the package
 * files (OPF, container) and the cover's SVG: elements, user text and
 * attributes (always escaped by libxml2 on output) and serialisation;
 * and epub_xml_clean, which xw.c uses too.  Every XHTML file (content,
 * title and cover pages, nav) and the NCX are xw.c's, which writes them
 * as libxml2 would (test_xw compares the two).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "model/style.h"
#include "util/utf8.h"

/* Code points XML 1.0 allows (section 2.2); others cannot be written even
 * as character references, so they are dropped. */
static int
xml_char_ok(uint32_t c)
{
	if (c < 0x20)
		return c == 0x9 || c == 0xA || c == 0xD;
	if (c >= 0x7F && c <= 0x9F)	/* C1 controls: legal but useless */
		return c == 0x85;
	if (c >= 0xD800 && c <= 0xDFFF)
		return 0;
	return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

char *
epub_xml_clean(const char *s)
{
	size_t len = strlen(s), i = 0, o = 0, n;
	char *out = xmalloc(len + 1);
	uint32_t c;

	while (i < len) {
		/* Most text is printable ASCII, which XML takes as it is. */
		for (n = i; n < len && (unsigned char)s[n] >= 0x20 &&
		    (unsigned char)s[n] < 0x7F; n++)
			;
		if (n > i) {
			memcpy(out + o, s + i, n - i);
			o += n - i;
			i = n;
			continue;
		}
		n = utf8_decode(s + i, len - i, &c);
		if (n == 0) {		/* the model promises valid UTF-8 */
			i++;
			continue;
		}
		if (xml_char_ok(c)) {
			memcpy(out + o, s + i, n);
			o += n;
		} else if (c == 0x0B || c == 0x0C)
			out[o++] = ' ';	/* vertical tab, form feed */
		i += n;
	}
	out[o] = '\0';
	return out;
}

xmlNodePtr
epub_el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

void
epub_text(xmlNodePtr parent, const char *s)
{
	char *c;

	if (s == NULL || *s == '\0')
		return;
	c = epub_xml_clean(s);
	/* xmlNewText stores the text raw; the serialiser escapes it.  One
	 * text longer than EPUB_TEXT_RUN goes in spans of at most that
	 * (epub_inlines says why), cut between UTF-8 characters. */
	if (strlen(c) <= EPUB_TEXT_RUN)
		xmlAddChild(parent, xmlNewText(BAD_CAST c));
	else
		for (size_t at = 0, n, len = strlen(c); at < len; at += n) {
			n = len - at < EPUB_TEXT_RUN ? len - at : EPUB_TEXT_RUN;
			while (at + n < len && ((unsigned char)c[at + n] &
			    0xC0) == 0x80)
				n--;
			xmlAddChild(epub_el(parent, "span"),
			    xmlNewTextLen(BAD_CAST c + at, (int)n));
		}
	free(c);
}

void
epub_attr(xmlNodePtr el, const char *name, const char *value)
{
	char *c = epub_xml_clean(value);

	xmlSetProp(el, BAD_CAST name, BAD_CAST c);
	free(c);
}

unsigned char *
epub_serialise(xmlDocPtr d, size_t *len)
{
	xmlChar *mem = NULL;
	int size = 0;
	unsigned char *out;

	/* Indented for readers of the source; elements holding text keep
	 * their exact content (libxml2 never indents mixed content, and
	 * <pre> gets an empty text child for the same reason). */
	xmlDocDumpFormatMemoryEnc(d, &mem, &size, "UTF-8", 1);
	if (mem == NULL)
		diag_error(NULL, 0, "out of memory serialising XML");
	out = xmalloc((size_t)size + 1);
	memcpy(out, mem, (size_t)size);
	out[size] = '\0';
	*len = (size_t)size;
	xmlFree(mem);
	return out;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/harustream.c - streams (haru.h): new ones, their bytes read
 * and replaced, bytes handed in compressed already, a page's content
 * stream written to directly, image XObjects made by hand.
 */
#include <stdint.h>
#include <string.h>

#include "haruint.h"

#include <hpdf_utils.h>	/* HPDF_FToA */

struct haru_dict *
haru_stream_new(HPDF_Doc pdf, int compress)
{
	HPDF_Dict s;

	if (pdf == NULL || (s = HPDF_DictStream_New(pdf->mmgr, pdf->xref)) ==
	    NULL)
		return NULL;
	if (compress)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return haru_d(s);
}

/* A stream whose bytes are in memory, where libharu keeps every stream
 * it makes until the file is saved. */
static HPDF_Stream
memory(struct haru_dict *d)
{
	HPDF_Dict s = haru_D(d);

	if (s == NULL || s->stream == NULL ||
	    s->stream->type != HPDF_STREAM_MEMORY)
		return NULL;
	return s->stream;
}

/* libharu 2.3.0 exports its memory stream's write function but declares
 * it in no header; a stream whose write_fn is this one is laid out as
 * HPDF_MemStreamAttr_Rec says. */
HPDF_STATUS HPDF_MemStream_WriteFunc(HPDF_Stream stream, const HPDF_BYTE *ptr,
    HPDF_UINT siz);

/*
 * HPDF_Stream_Write(s, bytes, len), faster.  libharu's memory stream
 * copies what it is given one byte at a time (HPDF_MemCpy), 2.8 % of a
 * PDF's run: what fits in the stream's current buffer is copied here
 * with memcpy, and the stream left as HPDF_MemStream_InWrite leaves it
 * (write position, size).  When the buffer is full, one byte goes
 * through libharu, which starts the next buffer as it always does.
 * Any stream that is not a healthy memory stream is libharu's.
 */
static int
stream_put(HPDF_Stream s, const void *bytes, size_t len)
{
	const HPDF_BYTE		*p = bytes;
	HPDF_MemStreamAttr	 m;
	HPDF_UINT		 n;

	if (s == NULL || len > UINT32_MAX || (p == NULL && len > 0))
		return -1;
	if (s->type != HPDF_STREAM_MEMORY ||
	    s->write_fn != HPDF_MemStream_WriteFunc || s->attr == NULL)
		return haru_rc(HPDF_Stream_Write(s, p, (HPDF_UINT)len));
	m = s->attr;
	while (len > 0) {
		if (HPDF_Error_GetCode(s->error) != HPDF_OK ||
		    m->w_ptr == NULL || m->w_pos >= m->buf_siz) {
			HPDF_STATUS rc = HPDF_Stream_Write(s, p, 1);

			if (rc != HPDF_OK)
				return haru_rc(rc);
			p++;
			len--;
			continue;
		}
		n = m->buf_siz - m->w_pos;
		if (len < n)
			n = (HPDF_UINT)len;
		memcpy(m->w_ptr, p, n);
		m->w_ptr += n;
		m->w_pos += n;
		s->size += n;
		p += n;
		len -= n;
	}
	return 0;
}

int
haru_stream_write(struct haru_dict *d, const void *bytes, size_t len)
{
	HPDF_Stream s = d != NULL ? haru_D(d)->stream : NULL;

	if (s == NULL || (bytes == NULL && len > 0) || len > UINT32_MAX)
		return -1;
	return stream_put(s, bytes, len);
}

void
haru_stream_clear(struct haru_dict *d)
{
	HPDF_Stream s = memory(d);

	if (s != NULL)
		HPDF_MemStream_FreeData(s);
}

size_t
haru_stream_size(struct haru_dict *d)
{
	HPDF_Stream s = d != NULL ? haru_D(d)->stream : NULL;

	return s != NULL ? HPDF_Stream_Size(s) : 0;
}

/* A memory stream is a list of buffers: gathered one by one, reading
 * nothing but the buffers, so that a stream no longer written may be
 * read on any thread. */
int
haru_stream_copy(struct haru_dict *d, unsigned char *dst, size_t len)
{
	HPDF_Stream	 s = memory(d);
	size_t		 got = 0;
	HPDF_UINT	 i, n;
	HPDF_BYTE	*chunk;

	if (s == NULL || len != HPDF_Stream_Size(s))
		return -1;
	for (i = 0; got < len; i++) {
		if ((chunk = HPDF_MemStream_GetBufPtr(s, i, &n)) == NULL ||
		    n > len - got)
			return -1;
		memcpy(dst + got, chunk, n);
		got += n;
	}
	return 0;
}

/* libharu writes the /Filter entry of a stream it compresses last in
 * its dictionary, as an array; a stream whose filter is none loses any
 * /Filter entry it has.  So a stream compressed elsewhere keeps the
 * filter none, and this hook, which libharu calls after the entries,
 * writes the entry in the same place and spelling. */
static HPDF_STATUS
flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

int
haru_stream_deflatable(struct haru_dict *d, int add_filter)
{
	HPDF_Dict	c = haru_D(d);
	HPDF_Stream	s = memory(d);

	return s != NULL && (c->filter == HPDF_STREAM_FILTER_FLATE_DECODE ||
	    (add_filter && c->filter == HPDF_STREAM_FILTER_NONE)) &&
	    c->write_fn == NULL && HPDF_Stream_Size(s) > 0;
}

int
haru_stream_set_deflated(struct haru_dict *d, const void *z, size_t len)
{
	HPDF_Dict	c = haru_D(d);
	HPDF_Stream	s = memory(d);

	if (s == NULL || len > UINT32_MAX || (c->write_fn != NULL &&
	    c->write_fn != flate_filter))
		return -1;
	HPDF_MemStream_FreeData(s);
	if (stream_put(s, z, len) != 0)
		return -1;	/* libharu has recorded the error: save fails */
	c->filter = HPDF_STREAM_FILTER_NONE;
	c->write_fn = flate_filter;
	return 0;
}

struct haru_dict *
haru_page_contents(HPDF_Page page)
{
	HPDF_PageAttr attr = page != NULL ? page->attr : NULL;

	return attr != NULL ? haru_d(attr->contents) : NULL;
}

int
haru_page_write(HPDF_Page page, const void *bytes, size_t len)
{
	HPDF_PageAttr attr = page != NULL ? page->attr : NULL;

	if (attr == NULL || attr->stream == NULL || len > UINT32_MAX)
		return -1;
	return stream_put(attr->stream, bytes, len);
}

/*
 * HPDF_FToA(p, v, eptr), remembered: a page's rectangles and rules repeat
 * a few numbers (the code shade's colour, the column's left edge and
 * width, a line's height) thousands of times, and libharu's formatting
 * was a tenth of the drawing.  The answer depends on v alone while it is
 * shorter than the room left, which every caller here leaves ample (a
 * 512-byte buffer for a few numbers); each thread keeps its own table.
 */
#define FTOA_MEMO	64

static char *
ftoa(char *p, HPDF_REAL v, char *eptr)
{
	static _Thread_local struct {
		uint32_t bits;
		uint8_t	 len;	/* 0: empty */
		char	 s[HPDF_REAL_LEN + 1];
	}		 memo[FTOA_MEMO];
	uint32_t	 bits;
	unsigned	 h;
	char		*e;

	memcpy(&bits, &v, sizeof(bits));
	h = (bits ^ (bits >> 11) ^ (bits >> 23)) % FTOA_MEMO;
	if (memo[h].len > 0 && memo[h].bits == bits &&
	    eptr - p > memo[h].len) {
		memcpy(p, memo[h].s, memo[h].len);
		return p + memo[h].len;
	}
	e = HPDF_FToA(p, v, eptr);
	if (e - p > 0 && e - p <= HPDF_REAL_LEN && eptr - e > 0) {
		memo[h].bits = bits;
		memo[h].len = (uint8_t)(e - p);
		memcpy(memo[h].s, p, (size_t)(e - p));
	}
	return e;
}

/* Whether the page fills (stroke 0) or strokes (1) in this RGB colour
 * already: the colour operator would change nothing. */
static int
same_rgb(HPDF_PageAttr attr, int stroke, HPDF_REAL r, HPDF_REAL g,
    HPDF_REAL b)
{
	HPDF_GState	 gs = attr->gstate;
	HPDF_RGBColor	 c = stroke ? gs->rgb_stroke : gs->rgb_fill;

	return (stroke ? gs->cs_stroke : gs->cs_fill) == HPDF_CS_DEVICE_RGB &&
	    c.r == r && c.g == g && c.b == b;
}

/*
 * A filled rectangle (a code line's background) as libharu's three
 * calls write it, less the colour when the page fills in it already
 * (a listing's lines share one shade: a third of a code page's
 * graphics): each number is formatted by libharu's own HPDF_FToA,
 * into a zeroed buffer of the size theirs has and read up to its first
 * NUL as HPDF_Stream_WriteStr reads it, so the bytes are theirs; then
 * the page is left as the three leave it (fill colour, path positions,
 * graphics mode).  A page not in the state they need gets the calls
 * themselves, which report it as before.
 */
void
haru_page_fill_rect(HPDF_Page page, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b,
    HPDF_REAL x, HPDF_REAL y, HPDF_REAL w, HPDF_REAL h)
{
	HPDF_PageAttr	 attr = page != NULL ? page->attr : NULL;
	char		 buf[HPDF_TMP_BUF_SIZ], *p = buf;
	char		*eptr = buf + HPDF_TMP_BUF_SIZ - 1;
	const HPDF_REAL	 v[7] = { r, g, b, x, y, w, h };

	if (attr == NULL || page->header.obj_class != (HPDF_OSUBCLASS_PAGE |
	    HPDF_OCLASS_DICT) || attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION ||
	    attr->gstate == NULL || !(r >= 0 && r <= 1 && g >= 0 && g <= 1 &&
	    b >= 0 && b <= 1)) {
		HPDF_Page_SetRGBFill(page, r, g, b);
		HPDF_Page_Rectangle(page, x, y, w, h);
		HPDF_Page_Fill(page);
		return;
	}
	memset(buf, 0, sizeof(buf));
	for (int i = same_rgb(attr, 0, r, g, b) ? 3 : 0; i < 7; i++) {
		p = ftoa(p, v[i], eptr);
		if (i == 2)
			p = stpcpy(p, " rg\n");
		else if (i < 6)
			*p++ = ' ';
	}
	strcpy(p, " re\nf\n");
	if (haru_page_write(page, buf, strlen(buf)) != 0) {
		HPDF_CheckError(page->error);
		return;
	}
	attr->gstate->rgb_fill.r = r;
	attr->gstate->rgb_fill.g = g;
	attr->gstate->rgb_fill.b = b;
	attr->gstate->cs_fill = HPDF_CS_DEVICE_RGB;
	attr->str_pos.x = x;
	attr->str_pos.y = y;
	attr->cur_pos.x = 0;
	attr->cur_pos.y = 0;
}

/*
 * A stroked line (a rule) as libharu's SetRGBStroke, SetLineWidth,
 * MoveTo, LineTo and Stroke write it, less the colour and the width
 * when the page has them already (a table's rules repeat both), in the
 * way haru_page_fill_rect does; the width as HPDF_Stream_WriteReal
 * writes it (its own buffer, HPDF_REAL_LEN long, and the length
 * HPDF_FToA returns).
 */
void
haru_page_stroke_line(HPDF_Page page, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b,
    HPDF_REAL width, HPDF_REAL x0, HPDF_REAL y0, HPDF_REAL x1, HPDF_REAL y1)
{
	HPDF_PageAttr	 attr = page != NULL ? page->attr : NULL;
	char		 buf[HPDF_TMP_BUF_SIZ], *p = buf;
	char		*eptr = buf + HPDF_TMP_BUF_SIZ - 1;
	char		 real[HPDF_REAL_LEN + 1], *e;
	const HPDF_REAL	 v[3] = { r, g, b }, at[4] = { x0, y0, x1, y1 };
	int		 rc;

	if (attr == NULL || page->header.obj_class != (HPDF_OSUBCLASS_PAGE |
	    HPDF_OCLASS_DICT) || attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION ||
	    attr->gstate == NULL || !(r >= 0 && r <= 1 && g >= 0 && g <= 1 &&
	    b >= 0 && b <= 1) || !(width >= 0)) {
		HPDF_Page_SetRGBStroke(page, r, g, b);
		HPDF_Page_SetLineWidth(page, width);
		HPDF_Page_MoveTo(page, x0, y0);
		HPDF_Page_LineTo(page, x1, y1);
		HPDF_Page_Stroke(page);
		return;
	}
	memset(buf, 0, sizeof(buf));
	for (int i = same_rgb(attr, 1, r, g, b) ? 3 : 0; i < 3; i++) {
		p = ftoa(p, v[i], eptr);
		p = stpcpy(p, i < 2 ? " " : " RG\n");
	}
	rc = haru_page_write(page, buf, strlen(buf));
	memset(buf, 0, sizeof(buf));
	p = buf;
	/* The width in force at a page's start is libharu's default, 1,
	 * PDF's too. */
	if (attr->gstate->line_width != width) {
		e = HPDF_FToA(real, width, real + HPDF_REAL_LEN);
		rc |= haru_page_write(page, real, (size_t)(e - real));
		p = stpcpy(p, " w\n");
	}
	for (int i = 0; i < 4; i++) {
		p = ftoa(p, at[i], eptr);
		p = stpcpy(p, i == 0 || i == 2 ? " " : i == 1 ? " m\n" :
		    " l\nS\n");
	}
	rc |= haru_page_write(page, buf, strlen(buf));
	if (rc != 0) {
		HPDF_CheckError(page->error);
		return;
	}
	attr->gstate->rgb_stroke.r = r;
	attr->gstate->rgb_stroke.g = g;
	attr->gstate->rgb_stroke.b = b;
	attr->gstate->cs_stroke = HPDF_CS_DEVICE_RGB;
	attr->gstate->line_width = width;
	attr->str_pos.x = x0;
	attr->str_pos.y = y0;
	attr->cur_pos.x = 0;
	attr->cur_pos.y = 0;
}

const char *
haru_page_font_name(HPDF_Page page, HPDF_Font font)
{
	if (page == NULL || font == NULL)
		return NULL;
	return HPDF_Page_GetLocalFontName(page, font);
}

HPDF_Image
haru_image_new(HPDF_Doc pdf)
{
	HPDF_Dict img;

	if (pdf == NULL || (img = HPDF_DictStream_New(pdf->mmgr, pdf->xref)) ==
	    NULL)
		return NULL;
	/* The class HPDF_Page_DrawImage and HPDF_Image_AddSMask check. */
	img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	if (HPDF_Dict_AddName(img, "Type", "XObject") != HPDF_OK ||
	    HPDF_Dict_AddName(img, "Subtype", "Image") != HPDF_OK)
		return NULL;
	return img;
}

HPDF_Image
haru_form_new(HPDF_Doc pdf)
{
	HPDF_Image form = haru_image_new(pdf);

	if (form == NULL)
		return NULL;
	form->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return HPDF_Dict_AddName(form, "Subtype", "Form") == HPDF_OK ?
	    form : NULL;
}

/* As flate_filter, for a JPEG's bytes. */
static HPDF_STATUS
dct_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter [ /DCTDecode ]\012");
}

int
haru_stream_set_dct(struct haru_dict *d, const void *jpeg, size_t len)
{
	HPDF_Dict	c = haru_D(d);
	HPDF_Stream	s = memory(d);

	if (s == NULL || len > UINT32_MAX || c->write_fn != NULL)
		return -1;
	HPDF_MemStream_FreeData(s);
	if (HPDF_Stream_Write(s, jpeg, (HPDF_UINT)len) != HPDF_OK)
		return -1;
	c->filter = HPDF_STREAM_FILTER_NONE;
	c->write_fn = dct_filter;
	return 0;
}

struct haru_dict *
haru_image_dict(HPDF_Image img)
{
	return haru_d(img);
}

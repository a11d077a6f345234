/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/haru.h - the fence around libharu's internals.
 *
 * libharu's public API (hpdf.h) draws pages, loads fonts and images and
 * saves; everything else quire needs from it (objects of its own in the
 * file, bytes of its own in a page's content stream, streams compressed
 * elsewhere, fonts of its own, a file ID) reaches into
 * libharu's private headers and struct members.  All of that lives in
 * src/pdf/haru/ and nowhere else, behind the functions below, so that a
 * libharu upgrade is checked in one folder (haruint.h says what to look
 * at).
 *
 * Outside the fence this header must come before any libharu header.
 * It turns on libharu's HPDF_SHARED mode, in which hpdf.h declares only
 * the public API and every handle (HPDF_Doc, HPDF_Page, HPDF_Font...) is
 * an opaque pointer: code outside cannot read a struct member or call a
 * private function, and including a private header after this one fails
 * to compile.  That is the mode libharu's own shared library offers its
 * users; inside the fence (haruint.h) the same handles are libharu's
 * struct pointers.
 *
 * Conventions: functions returning int return 0 or -1; -1 means libharu
 * refused (its error handler has been called, so the document fails) or
 * an argument was NULL.  Objects belong to the document they were made
 * for and are freed with it (HPDF_Free).  A direct object (indirect = 0)
 * is written inside the one dictionary or array it is added to, and must
 * be added exactly once; an indirect object gets an object number and is
 * written as a reference ("12 0 R") wherever it is added, any number of
 * times, or not at all.  Keys and names are given without the slash.
 */
#ifndef QUIRE_PDF_HARU_H
#define QUIRE_PDF_HARU_H

#ifndef QUIRE_HARU_INSIDE
#if defined(_HPDF_H) && !defined(HPDF_SHARED)
#error "include pdf/haru/haru.h before <hpdf.h>: libharu's internals stay inside src/pdf/haru/"
#endif
#define HPDF_SHARED 1
#endif

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

/* A dictionary of the file: a plain one, a stream's, a page's, the
 * catalog, a font's. */
struct haru_dict;
/* An array of the file. */
struct haru_array;

/* --- Objects (haruobj.c) --------------------------------------------- */

struct haru_dict  *haru_dict_new(HPDF_Doc, int indirect);
struct haru_array *haru_array_new(HPDF_Doc, int indirect);

/* The document's catalog, for entries such as /StructTreeRoot,
 * /MarkInfo, /Lang and /Metadata. */
struct haru_dict  *haru_catalog(HPDF_Doc);
/* A page's own dictionary (for /StructParents, /Tabs...), which is
 * indirect: added to a dictionary or array, it is a reference (a
 * structure element's /Pg). */
struct haru_dict  *haru_page_dict(HPDF_Page);
/* A link annotation's dictionary (HPDF_Page_CreateURILinkAnnot and
 * the like), for /StructParent and /Contents; indirect too, so it can
 * be an OBJR's /Obj. */
struct haru_dict  *haru_annot_dict(HPDF_Annotation);

/* Entries, replacing any earlier value of the key in place.  int: a
 * 32-bit integer.  string: bytes up to the NUL, written as a literal
 * string (at most 65535 of them, libharu's limit); text: UTF-8,
 * written as a UTF-16BE text string with a byte order mark (what
 * /Lang, /Alt, /ActualText and /T want; malformed bytes become
 * U+FFFD). */
int	haru_dict_name(struct haru_dict *, const char *key, const char *name);
int	haru_dict_int(struct haru_dict *, const char *key, long value);
int	haru_dict_real(struct haru_dict *, const char *key, double value);
int	haru_dict_bool(struct haru_dict *, const char *key, int value);
int	haru_dict_string(struct haru_dict *, const char *key, const char *s);
int	haru_dict_text(struct haru_dict *, const char *key, const char *utf8);
/* Any bytes (at most 65535), written as a hexadecimal string. */
int	haru_dict_bytes(struct haru_dict *, const char *key, const void *b,
	    size_t len);
int	haru_dict_dict(struct haru_dict *, const char *key,
	    struct haru_dict *value);
int	haru_dict_array(struct haru_dict *, const char *key,
	    struct haru_array *value);

/* The dictionary or array a key holds; NULL when it holds none (or
 * something else). */
struct haru_dict  *haru_dict_get_dict(struct haru_dict *, const char *key);
struct haru_array *haru_dict_get_array(struct haru_dict *, const char *key);

int	haru_array_int(struct haru_array *, long value);
int	haru_array_real(struct haru_array *, double value);
int	haru_array_name(struct haru_array *, const char *name);
int	haru_array_dict(struct haru_array *, struct haru_dict *value);
int	haru_array_bool(struct haru_array *, int value);
int	haru_array_bytes(struct haru_array *, const void *b, size_t len);
int	haru_array_array(struct haru_array *, struct haru_array *value);
/* Empties an array (its direct elements are freed). */
void	haru_array_clear(struct haru_array *);

/* --- Streams and pages (harustream.c) -------------------------------- */

/* A new stream object (always indirect; /Length is libharu's).  With
 * compress, libharu Flate-compresses its bytes as the file is saved,
 * unless they are handed in compressed already (haru_stream_set_deflated). */
struct haru_dict  *haru_stream_new(HPDF_Doc, int compress);

/* Appends bytes to a stream; haru_stream_clear drops all of them. */
int	haru_stream_write(struct haru_dict *, const void *bytes, size_t len);
void	haru_stream_clear(struct haru_dict *);

/* How many bytes a stream holds, and a copy of them into dst (len must
 * be that size).  Neither changes the stream, so other threads may call
 * them on a stream nobody writes any more. */
size_t	haru_stream_size(struct haru_dict *);
int	haru_stream_copy(struct haru_dict *, unsigned char *dst, size_t len);

/* Whether a stream may be compressed elsewhere and handed back with
 * haru_stream_set_deflated: it holds bytes in memory, libharu would
 * Flate them (or, with add_filter, would leave them uncompressed) and
 * nothing else hooks its writing (one set deflated already does). */
int	haru_stream_deflatable(struct haru_dict *, int add_filter);
/* Replaces a stream's bytes by z, which are those bytes compressed
 * already (zlib format, as /FlateDecode wants), so libharu writes them
 * as they are, under the same "/Filter [ /FlateDecode ]" entry, last
 * in the stream's dictionary, that it writes for a stream it
 * compresses itself. */
int	haru_stream_set_deflated(struct haru_dict *, const void *z, size_t len);

/* A page's content stream, and bytes written at its end: operators
 * libharu has no call for (a text object's TJ runs, marked content
 * BMC/BDC/EMC).  libharu keeps no account of them, so they must leave
 * the graphics state as they found it: balanced BT/ET, q/Q and
 * BDC/EMC. */
struct haru_dict  *haru_page_contents(HPDF_Page);
int	haru_page_write(HPDF_Page, const void *bytes, size_t len);
/* HPDF_Page_SetRGBFill(r, g, b), HPDF_Page_Rectangle(x, y, w, h) and
 * HPDF_Page_Fill in one call: the same bytes and the same page state,
 * without libharu's two 512-byte buffers cleared byte by byte. */
void	haru_page_fill_rect(HPDF_Page, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b,
	    HPDF_REAL x, HPDF_REAL y, HPDF_REAL w, HPDF_REAL h);
/* The same for SetRGBStroke, SetLineWidth, MoveTo(x0, y0), LineTo(x1,
 * y1) and Stroke. */
void	haru_page_stroke_line(HPDF_Page, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b,
	    HPDF_REAL width, HPDF_REAL x0, HPDF_REAL y0, HPDF_REAL x1,
	    HPDF_REAL y1);
/* The name ("F1") a font has in a page's resources, adding it there
 * if it is new; NULL on failure. */
const char *haru_page_font_name(HPDF_Page, HPDF_Font);

/* A new image XObject (/Type /XObject /Subtype /Image), for
 * HPDF_Page_DrawImage and HPDF_Image_AddSMask; its other entries and
 * bytes are the caller's to add through haru_image_dict. */
HPDF_Image	   haru_image_new(HPDF_Doc);
/* A new form XObject (/Subtype /Form), drawn by HPDF_Page_DrawImage
 * like an image: its /BBox, /Matrix and /Resources, and its content
 * (written with haru_stream_write, compressed as it is saved), are
 * the caller's. */
HPDF_Image	   haru_form_new(HPDF_Doc);
/* Replaces a stream's bytes by a JPEG's, written as they are under
 * "/Filter [ /DCTDecode ]". */
int		   haru_stream_set_dct(struct haru_dict *, const void *jpeg,
		       size_t len);
struct haru_dict  *haru_image_dict(HPDF_Image);

/* --- Fonts (harufont.c) ----------------------------------------------- */

/* A dictionary made for a font of quire's own (indirect, /Type /Font),
 * as the font handle haru_page_font_name takes. */
HPDF_Font haru_font_of(struct haru_dict *);
/* Raises the version in the file's header to at least 1.minor (2 to
 * 7; a CIDFontType2 font wants 1.3, an OpenType font program 1.6);
 * never lowers it. */
int	haru_pdf_version(HPDF_Doc, int minor);

/* --- Tagged PDF (harutag.c) ------------------------------------------ */

/* Writes the file as PDF 1.7 (what PDF/UA-1 is based on). */
int	haru_set_version_17(HPDF_Doc);
/* An XMP metadata packet (len bytes of UTF-8 XML) as the catalog's
 * /Metadata stream, uncompressed. */
int	haru_metadata(HPDF_Doc, const char *xml, size_t len);

/* The object number of an indirect object (a page, an annotation),
 * for a reference written by hand; -1 for a direct one. */
long	haru_obj_number(struct haru_dict *);

/*
 * Objects of the caller's own, written as PDF syntax and saved in
 * compressed object streams (PDF 1.5): a structure tree's tens of
 * thousands of small dictionaries would otherwise more than double the
 * file.  libharu writes neither object streams nor cross-reference
 * streams, so its saved file is repacked (harupack.c): every object of
 * libharu's that is not a stream (pages', annotations' and fonts'
 * dictionaries, destinations, the catalog with the caller's entries)
 * joins the caller's in the object streams, libharu's streams stay as
 * they were written, and one cross-reference stream replaces libharu's
 * table.  The i-th object added is number first + i, first being what
 * haru_save_with() hands the function.
 */
struct haru_objs;
typedef int (*haru_objs_fn)(void *ctx, long first, struct haru_objs *);
void	haru_objs_add(struct haru_objs *, const char *syntax, size_t len);
/* Entries (PDF syntax: "/Key value...") for the catalog. */
void	haru_objs_catalog(struct haru_objs *, const char *entries);
/* haru_save() (the file made PDF 1.5 at least), then the file repacked
 * with fn's objects; fn NULL (an untagged file) repacks libharu's
 * alone. */
int	haru_save_with(HPDF_Doc, haru_objs_fn fn, void *ctx,
	    unsigned char **bytes, size_t *len);

/* --- The document (harusave.c) ---------------------------------------- */

/* Sets the error handler libharu calls on failure and returns the one
 * it replaces; NULL silences it, for a call whose failure is only a
 * warning (a font or image libharu cannot read: HPDF_ResetError after
 * it). */
HPDF_Error_Handler haru_error_handler(HPDF_Doc, HPDF_Error_Handler);

/*
 * Saves the document into *bytes (malloc'd, the caller's to free) and
 * *len, with a trailer /ID derived from the file's own bytes, so the
 * same document gives the same file: libharu writes none for an
 * unencrypted file, and derives one from the clock for an encrypted
 * one.  Returns 0 or -1.
 */
int	haru_save(HPDF_Doc, unsigned char **bytes, size_t *len);
/* The next save frees each object's contents (a stream's bytes, a
 * dictionary's entries) as soon as it is written, so that the file and
 * the objects are not held together: the document cannot be saved
 * again. */
void	haru_forget_when_saved(HPDF_Doc);

#endif

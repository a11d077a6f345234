/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/shape.h - HarfBuzz shaping of one run of text in one font file
 * (shape.c).  Knows nothing of libharu: the PDF fonts (fonts.c) give it
 * a file and a run, and get back glyph ids with their positions.
 */
#ifndef QUIRE_PDF_SHAPE_H
#define QUIRE_PDF_SHAPE_H

#include <stddef.h>
#include <stdint.h>

/* One glyph of a shaped run, in drawing order (left to right, also for a
 * right-to-left run).  Lengths are thousandths of the font size. */
struct shaped_glyph {
	unsigned	 gid;
	double		 adv;		/* advance */
	double		 dx, dy;	/* offset from the pen (marks) */
	size_t		 cluster;	/* byte offset of its characters */
};

struct shaper;
struct hb_face_t;

/* lang: the document's BCP 47 language, for the shaper's language
 * rules (e.g. Serbian forms); the run's script is read from its text. */
struct shaper	*shaper_new(const char *lang);
void		 shaper_free(struct shaper *);

/* Shape s (len bytes of UTF-8, no line breaks) with the font in file
 * path (kept as the cache's key: it must outlive the shaper), in the
 * given direction.  Returns the number of glyphs, *out pointing at them
 * until the next call; 0 when the file cannot be read. */
size_t		 shaper_run(struct shaper *, const char *path, const char *s,
		     size_t len, int rtl, const struct shaped_glyph **out);

/* A face read already (a collection's face, say: shaper_run opens a
 * file's first face itself), to shape with under key, which must
 * outlive the shaper. */
void		 shaper_add(struct shaper *, const char *key,
		     struct hb_face_t *face);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * metrics.h - text widths for layout: the device's advance widths behind
 * a cache, with glyph fallback (metrics.c).
 */
#ifndef QUIRE_LO_METRICS_H
#define QUIRE_LO_METRICS_H

#include <stddef.h>
#include <stdint.h>

struct lo_metrics;
struct lo_widths;

/* The cache asks m (which must outlive it) for each width once. */
struct lo_widths *widths_new(const struct lo_metrics *m);
void		  widths_free(struct lo_widths *);

/* The advance of cp at size 1000 in the face that will actually draw it;
 * *usedface receives that face (-1 when no font has the glyph). */
double	lo_advance(struct lo_widths *, int face, uint32_t cp, int *usedface);
double	lo_text_width(struct lo_widths *, int face, double size,
	    const char *s, size_t len);
/* lo_text_width(), for a caller that has added the characters'
 * lo_advance() in face already (units, at size 1000): the same answer,
 * without measuring a run that needs no shaping again. */
double	lo_text_width_units(struct lo_widths *, int face, double size,
	    const char *s, size_t len, double units);
/* The leading run of s (len > 0 bytes) that one face draws, starting the
 * fallback chain at face: its length in bytes, that face in *usedface,
 * and its first character in *cp.  A character no font has (*usedface
 * -1) is a run of its own.  Every setter (words, list markers, code)
 * splits its text with this, so all draw a character in the same face. */
size_t	lo_face_run(struct lo_widths *, int face, const char *s, size_t len,
	    int *usedface, uint32_t *cp);

/* For a run to shape (one script, one direction): the first face of its
 * characters' fallback chains that has all of them, or -1.  Shaping
 * needs a run in one font: a letter from another would break the
 * joining (Urdu's heh goal from one font, the rest from another), and
 * brackets take the script's font. */
int	lo_run_face(struct lo_widths *, int face, const char *s, size_t len);

#endif

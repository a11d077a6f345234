/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * paper.h - paper sizes by name, and the system's own, through libpaper
 * (the library Debian's printing tools share).
 *
 * "auto" asks for the system's paper, as libpaper 2 and the printing
 * tools find it: $PAPERSIZE, then the locale's LC_PAPER when the
 * environment names a locale other than C/POSIX, then $PAPERCONF or
 * /etc/papersize; A4 when nothing says.
 */
#ifndef QUIRE_PAPER_H
#define QUIRE_PAPER_H

/* Whether name is "auto", a paper libpaper knows (any case), or a size
 * "WxH" with units pt, mm, cm or in ("150mmx200mm", "6inx9in"). */
int	paper_known(const char *name);

/* The paper's width and height in points, portrait; NULL or "auto": the
 * system's.  An unknown name gives A4. */
void	paper_size(const char *name, double *width, double *height);

#endif

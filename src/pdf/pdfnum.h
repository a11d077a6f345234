/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef QUIRE_PDF_PDFNUM_H
#define QUIRE_PDF_PDFNUM_H

struct buf;

/* " N": v rounded to 3 decimals, with no exponent, no trailing zeros
 * and never "-0"; a value beyond +-1e9 (a layout bug) as 0. */
void	pdf_put_num(struct buf *, double v);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/pdfnum.c - numbers in a page's content stream, as the device
 * writes them: by hand, since snprintf's float formatting was a tenth of
 * the PDF's time.
 */
#include "util/buf.h"
#include "pdfnum.h"

/* llround(x) for |x| < 2^52, without the call (a third of put_num):
 * x less its whole part is exact there, so the comparisons decide as
 * llround does, halves away from zero. */
static long long
round_half_away(double x)
{
	long long t = (long long)x;
	double	  d = x - (double)t;

	if (d >= 0.5)
		t++;
	else if (d <= -0.5)
		t--;
	return t;
}

/* " N": a number as PDF wants it, rounded to 3 decimals, with no
 * exponent, no trailing zeros and never "-0".  By hand: snprintf's
 * float formatting was a tenth of the PDF time. */
void
pdf_put_num(struct buf *b, double v)
{
	char			 s[32], *e = s + sizeof(s), *q = e;
	long long		 m;
	unsigned long long	 a;
	unsigned		 frac;
	int			 digits = 3;

	/* Coordinates are page-sized; anything else is a layout bug, and
	 * must not overflow here. */
	if (!(v > -1e9 && v < 1e9))
		v = 0;
	m = round_half_away(v * 1000.0);
	a = m < 0 ? (unsigned long long)-m : (unsigned long long)m;
	frac = (unsigned)(a % 1000);
	a /= 1000;
	while (digits > 0 && frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	if (digits > 0) {
		for (int i = 0; i < digits; i++, frac /= 10)
			*--q = (char)('0' + frac % 10);
		*--q = '.';
	}
	do {
		*--q = (char)('0' + a % 10);
		a /= 10;
	} while (a > 0);
	if (m < 0)
		*--q = '-';
	*--q = ' ';
	buf_put(b, q, (size_t)(e - q));
}
